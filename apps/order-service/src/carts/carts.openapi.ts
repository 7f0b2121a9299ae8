import {
  AddCartItemRequestSchema,
  AddWishlistItemRequestSchema,
  CartItemParamsSchema,
  CartResponseSchema,
  MigrateCartRequestSchema,
  MigrateCartResponseSchema,
  UpdateCartItemRequestSchema,
  WishlistResponseSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

const shopper = {
  401: 'AUTHENTICATION_FAILED: no credential and no X-Tenant-Id + X-Session-Id (a guest names the shop and the visit)',
  403: 'FORBIDDEN: an API key (carts belong to people), or X-Tenant-Id names another shop than the credential',
};
const unknownItem = 'NOT_FOUND: no such item in this shop (or deleted; another shop’s item is not revealed)';
const noStock = 'OUT_OF_STOCK: more than the stock; details.available is the stock';
const cart = { 200: { description: 'The cart as it is now', schema: CartResponseSchema } };
const wishlist = { 200: { description: 'The wishlist as it is now', schema: WishlistResponseSchema } };

/** The paths of carts.routes.ts (seed 003 carts, wishlists and their migration at login). */
export const registerCartsPaths: OpenApiRegistrar = (registry) => {
  const op = (spec: Omit<Parameters<typeof registerOperation>[1], 'access'>) =>
    registerOperation(registry, { access: 'public', ...spec, errors: { ...shopper, ...spec.errors } });
  op({
    method: 'get',
    path: '/api/cart',
    summary: 'The shopper’s cart (guest visit or signed-in user)',
    responses: cart,
  });
  op({
    method: 'post',
    path: '/api/cart/items',
    summary: 'Add units of an item (summed with the line there)',
    body: AddCartItemRequestSchema,
    responses: cart,
    errors: { 404: unknownItem, 409: noStock },
  });
  op({
    method: 'put',
    path: '/api/cart/items/{item_id}',
    summary: 'Set the quantity of a line',
    params: CartItemParamsSchema,
    body: UpdateCartItemRequestSchema,
    responses: cart,
    errors: { 404: `${unknownItem}; or the cart has no line for it`, 409: noStock },
  });
  op({
    method: 'delete',
    path: '/api/cart/items/{item_id}',
    summary: 'Remove a line',
    params: CartItemParamsSchema,
    responses: cart,
    errors: { 404: 'NOT_FOUND: the cart has no line for this item' },
  });
  op({
    method: 'delete',
    path: '/api/cart',
    summary: 'Empty the cart',
    responses: { 204: { description: 'Emptied' } },
  });
  op({ method: 'get', path: '/api/wishlist', summary: 'The shopper’s wishlist', responses: wishlist });
  op({
    method: 'post',
    path: '/api/wishlist/items',
    summary: 'Add an item (200 when it was there already)',
    body: AddWishlistItemRequestSchema,
    responses: { 201: { description: 'Added', schema: WishlistResponseSchema }, ...wishlist },
    errors: { 404: unknownItem },
  });
  op({
    method: 'delete',
    path: '/api/wishlist/items/{item_id}',
    summary: 'Remove an item',
    params: CartItemParamsSchema,
    responses: wishlist,
    errors: { 404: 'NOT_FOUND: the item is not in the wishlist' },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/cart/migrate',
    summary:
      'Move a guest visit’s cart and wishlist to the signed-in user (login does it from UserLoggedIn): quantities merged up to the stock, items gone or sold out and wishlist duplicates skipped',
    access: 'user',
    body: MigrateCartRequestSchema,
    responses: { 200: { description: 'The migration report', schema: MigrateCartResponseSchema } },
    errors: { 404: 'NOT_FOUND: the session has no cart or wishlist items in this shop' },
  });
};
