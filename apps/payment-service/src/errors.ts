import { PAYMENT_ERRORS } from '@platform/contracts';
import { AppError, Errors } from '@platform/service-kit';

/** payment-service's error codes (seed 001 PAY_00x, seed 002 §8), in one place. Components add theirs here. */
export const PaymentErrors = {
  /** `details.field` names what is wrong (`paymentMethod.cardNumber` …) and `details.reason` why. */
  invalidMethod: (field: string, reason: string) =>
    new AppError({
      code: 'PAY_001',
      status: 400,
      message: PAYMENT_ERRORS.PAY_001,
      details: { field, reason },
    }),
  /** Seed 003: "400 Bad Request: insufficient balance". */
  insufficientFunds: (balance: number, amount: number) =>
    new AppError({
      code: 'PAY_002',
      status: 400,
      message: PAYMENT_ERRORS.PAY_002,
      details: { balance, amount },
    }),
  alreadyProcessed: (paymentId?: string) =>
    new AppError({
      code: 'PAY_003',
      status: 409,
      message: PAYMENT_ERRORS.PAY_003,
      ...(paymentId ? { details: { payment_id: paymentId } } : {}),
    }),
  refundNotAllowed: (reason: string, details: Record<string, unknown> = {}) =>
    new AppError({
      code: 'PAY_004',
      status: 409,
      message: PAYMENT_ERRORS.PAY_004,
      details: { reason, ...details },
    }),
  amountMismatch: (
    expected: { amount: number; currency: string },
    got: { amount: number; currency: string },
  ) =>
    new AppError({
      code: 'PAYMENT_AMOUNT_MISMATCH',
      status: 409,
      message: 'The amount or currency is not the order’s',
      details: { expected, got },
    }),
  orderNotPayable: (status: string) =>
    new AppError({
      code: 'ORDER_NOT_PAYABLE',
      status: 409,
      message: `The order is ${status} and cannot be paid`,
      details: { status },
    }),
  /** The buyer's account was deactivated or deleted (user-service says so). */
  payerInactive: () => Errors.forbidden('The buyer’s account is not active'),
  /** Also for an order or payment the caller may not see: whether it exists is not revealed. */
  orderNotFound: () => Errors.notFound('Order not found'),
  paymentNotFound: () => Errors.notFound('Payment not found'),
  /** The gateway refused or could not take the charge: nothing was charged. */
  gatewayUnavailable: () =>
    new AppError({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      retriable: true,
      message: 'The payment gateway is unavailable; nothing was charged, try again later',
    }),
};
