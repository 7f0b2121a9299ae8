import { allowServices, principalOf } from '@platform/auth';
import {
  CreateOrderRequestSchema,
  IdempotencyKeySchema,
  OrderIdParamsSchema,
  OrderListQuerySchema,
  OrderUserParamsSchema,
  UpdateOrderStatusRequestSchema,
} from '@platform/contracts';
import { Errors, parseInput } from '@platform/service-kit';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireRole, shopOf } from '../http/visitor';
import { createOrder } from './create-order';
import { cancelOrder, getOrder, internalOrder, listUserOrders, updateOrderStatus } from './manage-order';
import { type OrderDeps } from './order-deps';

const HeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });
const ROLES = ['admin', 'developer', 'viewer'] as const;

/** A signed-in user of the shop (an `X-Tenant-Id` sent along must name that shop). */
const signedIn = (req: Request, res: Response) => {
  const user = requireRole(res, ROLES);
  shopOf(req, res);
  return user;
};
const orderId = (req: Request) => parseInput(OrderIdParamsSchema, req.params, 'params').order_id;

/** Seed 001 Order API (with seed 003's promo codes and cart orders). */
export function ordersRouter(deps: OrderDeps): Router {
  const router = Router();

  router.post('/api/orders', async (req, res) => {
    const actor = signedIn(req, res);
    const key = parseInput(HeadersSchema, { 'idempotency-key': req.get('idempotency-key') }, 'headers');
    const body = parseInput(CreateOrderRequestSchema, req.body);
    const { order, created } = await createOrder(actor, body, key['idempotency-key'], deps);
    res
      .status(created ? 201 : 200)
      .location(`/api/orders/${order.id}`)
      .json(order);
  });

  router.get('/api/orders/user/:user_id', async (req, res) => {
    const actor = signedIn(req, res);
    const userId = parseInput(OrderUserParamsSchema, req.params, 'params').user_id;
    res.json(await listUserOrders(actor, userId, parseInput(OrderListQuerySchema, req.query, 'query'), deps));
  });

  router.get('/api/orders/:order_id', async (req, res) => {
    res.json(await getOrder(signedIn(req, res), orderId(req), deps));
  });

  // an admin of the shop, or payment-service with a service token
  router.put('/api/orders/:order_id/status', allowServices(['payment-service']), async (req, res) => {
    const actor = principalOf(res)?.kind === 'service' ? principalOf(res)! : signedInAdmin(req, res);
    const body = parseInput(UpdateOrderStatusRequestSchema, req.body);
    res.json(await updateOrderStatus(actor, orderId(req), body, deps));
  });

  router.post('/api/orders/:order_id/cancel', async (req, res) => {
    res.json(await cancelOrder(signedIn(req, res), orderId(req), deps));
  });

  router.get('/internal/orders/:order_id', async (req, res) => {
    paymentService(res);
    res.json(await internalOrder(orderId(req), deps));
  });

  return router;
}

/** payment-service's token only (authenticate verified it: a bad one is 401 already). */
function paymentService(res: Response) {
  const p = principalOf(res);
  if (!p) throw Errors.unauthenticated('Service token required');
  if (p.kind !== 'service' || p.service !== 'payment-service')
    throw Errors.forbidden('Only payment-service may call this route');
}

function signedInAdmin(req: Request, res: Response) {
  const user = signedIn(req, res);
  if (user.role !== 'admin') throw Errors.forbidden('This needs the role admin');
  return user;
}
