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
  /** Orders: an item has fewer units left than asked for. */
  notEnoughStock: (itemId: string, available: number) =>
    new AppError({
      code: 'OUT_OF_STOCK',
      status: 409,
      message: 'Not enough stock',
      details: { item_id: itemId, available },
    }),
  /** Orders: the client's price is not the catalog's (seed 001 sends one; it is checked, never trusted). */
  priceChanged: (itemId: string, price: number) =>
    new AppError({
      code: 'PRICE_CHANGED',
      status: 409,
      message: 'The price of an item has changed',
      details: { item_id: itemId, price },
    }),
  /** Orders: an unknown, expired or spent promo code, named. */
  promoCodeInvalid: (code: string, reason: 'unknown' | 'expired' | 'spent' | 'currency') =>
    new AppError({
      code: 'PROMO_CODE_INVALID',
      status: 400,
      message: `Promo code ${code} is not valid (${reason})`,
      details: { promo_code: code, reason },
    }),
  promoCodeTaken: (code: string) =>
    new AppError({
      code: 'CONFLICT',
      status: 409,
      message: `Promo code ${code} exists`,
      details: { promo_code: code },
    }),
  /** Carts: the cart has no line for this item. */
  cartLineNotFound: (itemId: string) =>
    new AppError({
      code: 'NOT_FOUND',
      status: 404,
      message: 'The cart has no line for this item',
      details: { item_id: itemId },
    }),
  /** Wishlists: the item is not in the wishlist. */
  wishlistEntryNotFound: (itemId: string) =>
    new AppError({
      code: 'NOT_FOUND',
      status: 404,
      message: 'The item is not in the wishlist',
      details: { item_id: itemId },
    }),
  /** Cart migration (seed 003): the guest session has no cart and no wishlist in this shop. */
  nothingToMigrate: (sessionId: string) =>
    new AppError({
      code: 'NOT_FOUND',
      status: 404,
      message: 'The session has no cart or wishlist items',
      details: { session_id: sessionId },
    }),
  /** Supplier: a catalog sync of this tenant is running (one at a time). */
  syncInProgress: () =>
    new AppError({ code: 'SYNC_IN_PROGRESS', status: 409, message: 'A catalog sync is already running' }),
  /** Supplier: the item is not a supplier item, or the supplier does not list it. */
  supplierProductNotFound: (itemId: string) =>
    new AppError({
      code: 'NOT_FOUND',
      status: 404,
      message: 'The supplier does not list this item',
      details: { item_id: itemId },
    }),
  /** A guest must name the shop and the visit. */
  visitorUnknown: () =>
    Errors.unauthenticated('Sign in, or name the shop with X-Tenant-Id and the visit with X-Session-Id'),
};
