import { ORDER_ERRORS } from '@platform/contracts';
import { AppError, Errors } from '@platform/service-kit';

/** order-service's error codes (seed 001, seed 002 §8), in one place. Components add theirs here. */
export const OrderErrors = {
  invalidUser: () => new AppError({ code: 'ORDER_001', status: 400, message: ORDER_ERRORS.ORDER_001 }),
  emptyItems: () => new AppError({ code: 'ORDER_002', status: 400, message: ORDER_ERRORS.ORDER_002 }),
  /** Also for orders the caller may not see: whether the id exists is not revealed. */
  orderNotFound: () => new AppError({ code: 'ORDER_003', status: 404, message: ORDER_ERRORS.ORDER_003 }),
  notModifiable: (status: string) =>
    new AppError({
      code: 'ORDER_004',
      status: 409,
      message: ORDER_ERRORS.ORDER_004,
      details: { status },
    }),
  itemNotFound: (itemId: string) =>
    new AppError({ code: 'NOT_FOUND', status: 404, message: 'Item not found', details: { item_id: itemId } }),
  /** A guest must name the shop and the visit. */
  visitorUnknown: () =>
    Errors.unauthenticated('Sign in, or name the shop with X-Tenant-Id and the visit with X-Session-Id'),
};
