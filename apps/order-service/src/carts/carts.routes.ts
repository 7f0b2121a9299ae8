import {
  AddCartItemRequestSchema,
  AddWishlistItemRequestSchema,
  CartItemParamsSchema,
  MigrateCartRequestSchema,
  UpdateCartItemRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router, type Request } from 'express';
import { OrderErrors } from '../errors';
import { requireRole, shopOf, shopperOf } from '../http/visitor';
import { type CartDeps } from './cart-deps';
import { addToCart, clearCart, getCart, removeFromCart, setCartQuantity } from './manage-cart';
import { addToWishlist, getWishlist, removeFromWishlist } from './manage-wishlist';
import { migrateSession } from './migrate-session';

const itemId = (req: Request) => parseInput(CartItemParamsSchema, req.params, 'params').item_id;

/** Seed 003 carts and wishlists, for a guest (X-Tenant-Id + X-Session-Id) or a signed-in user. */
export function cartsRouter(deps: CartDeps): Router {
  const router = Router();

  router.get('/api/cart', async (req, res) => {
    res.json(await getCart(shopperOf(req, res), deps));
  });
  router.post('/api/cart/items', async (req, res) => {
    const shopper = shopperOf(req, res);
    res.json(await addToCart(shopper, parseInput(AddCartItemRequestSchema, req.body), deps));
  });
  router.put('/api/cart/items/:item_id', async (req, res) => {
    const shopper = shopperOf(req, res);
    const { quantity } = parseInput(UpdateCartItemRequestSchema, req.body);
    res.json(await setCartQuantity(shopper, itemId(req), quantity, deps));
  });
  router.delete('/api/cart/items/:item_id', async (req, res) => {
    const shopper = shopperOf(req, res);
    res.json(await removeFromCart(shopper, itemId(req), deps));
  });
  router.delete('/api/cart', async (req, res) => {
    await clearCart(shopperOf(req, res), deps);
    res.status(204).end();
  });

  // seed 003 migrateSessionCartToUser + ...WishlistToUser on request (login does it through UserLoggedIn)
  router.post('/api/cart/migrate', async (req, res) => {
    const user = requireRole(res, ['admin', 'developer', 'viewer']);
    const tenantId = shopOf(req, res);
    const { session_id } = parseInput(MigrateCartRequestSchema, req.body);
    const result = await migrateSession(tenantId, session_id, user.userId, deps);
    if (!result.cart && !result.wishlist) throw OrderErrors.nothingToMigrate(session_id);
    res.json(result);
  });

  router.get('/api/wishlist', async (req, res) => {
    res.json(await getWishlist(shopperOf(req, res), deps));
  });
  router.post('/api/wishlist/items', async (req, res) => {
    const shopper = shopperOf(req, res);
    const body = parseInput(AddWishlistItemRequestSchema, req.body);
    const { wishlist, added } = await addToWishlist(shopper, body.item_id, deps);
    res.status(added ? 201 : 200).json(wishlist);
  });
  router.delete('/api/wishlist/items/:item_id', async (req, res) => {
    const shopper = shopperOf(req, res);
    res.json(await removeFromWishlist(shopper, itemId(req), deps));
  });
  return router;
}
