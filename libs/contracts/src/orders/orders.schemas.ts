import { z } from 'zod';
import { queryInt } from '../query';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';

/** The states an order shows at the API (docs/architecture.md §2, the order saga). */
export const OrderStatusSchema = z.enum([
  'pending',
  'confirmed',
  'failed',
  'expired',
  'fulfilled',
  'cancelled',
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const ProductIdSchema = z.string().min(1).max(128);

/** A line as the client sends it (seed 001): `price` is checked against the catalog, never trusted. */
export const OrderLineRequestSchema = z.object({
  productId: ProductIdSchema,
  quantity: z.number().int().positive().max(10_000),
  price: MoneySchema.optional(),
});

export const PromoCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{3,32}$/, '3 to 32 letters, digits, - or _');

/**
 * `POST /api/orders`: seed 001's `{userId, items}` with seed 003's `promoCode`, or `{fromCart: true}` to
 * order the caller's cart. `userId` defaults to the caller; an empty or missing `items` is ORDER_002.
 */
export const CreateOrderRequestSchema = z
  .object({
    userId: z.uuid().optional(),
    items: z.array(OrderLineRequestSchema).max(100).optional(),
    fromCart: z.literal(true).optional(),
    promoCode: PromoCodeSchema.optional(),
  })
  .strict()
  .refine((b) => !(b.fromCart && b.items), { message: 'send items or fromCart, not both', path: ['items'] });
export type CreateOrderRequest = z.infer<typeof CreateOrderRequestSchema>;

export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,128}$/, '8 to 128 printable characters');

export const OrderLineSchema = z.object({
  productId: ProductIdSchema,
  name: z.string().optional(),
  quantity: z.number().int().positive(),
  price: MoneySchema,
  lineTotal: MoneySchema,
});

/** An order at the API (seed 001), with seed 003's `subtotal` and `discount`, money as decimals. */
export const OrderResponseSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  items: z.array(OrderLineSchema),
  status: OrderStatusSchema,
  subtotal: MoneySchema,
  discount: MoneySchema,
  totalAmount: MoneySchema,
  currency: CurrencySchema,
  promoCode: z.string().optional(),
  paymentId: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().optional(),
  cancelledAt: z.iso.datetime().optional(),
});
export type OrderResponse = z.infer<typeof OrderResponseSchema>;

export const OrderIdParamsSchema = z.object({ order_id: z.uuid() });
export const OrderUserParamsSchema = z.object({ user_id: z.uuid() });

/** `GET /api/orders/user/{user_id}` (seed 001): newest first. */
export const OrderListQuerySchema = z.object({
  status: OrderStatusSchema.optional(),
  limit: queryInt({ min: 1, max: 100, fallback: 10 }),
  offset: queryInt({ min: 0, fallback: 0 }),
});
export const OrderListResponseSchema = z.object({
  orders: z.array(OrderResponseSchema),
  total: z.number().int().nonnegative(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type OrderListResponse = z.infer<typeof OrderListResponseSchema>;

/** `PUT /api/orders/{order_id}/status` (seed 001): only legal transitions, else ORDER_004. */
export const UpdateOrderStatusRequestSchema = z
  .object({
    status: z.enum(['confirmed', 'failed', 'fulfilled', 'cancelled']),
    paymentId: z.string().min(1).max(128).optional(),
    reason: z.string().max(500).optional(),
  })
  .strict()
  .refine((b) => b.status !== 'confirmed' || b.paymentId, {
    message: 'confirming needs the paymentId',
    path: ['paymentId'],
  });
export type UpdateOrderStatusRequest = z.infer<typeof UpdateOrderStatusRequestSchema>;

/** `POST /api/orders/{order_id}/cancel` (seed 001). */
export const CancelOrderResponseSchema = z.object({
  id: z.uuid(),
  status: z.literal('cancelled'),
  cancelledAt: z.iso.datetime(),
});
