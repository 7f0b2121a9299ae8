import { type OrderResponse, type OrderStatus } from '@platform/contracts';
import { type OrderDoc } from './order-document';

/** Minor units (cents) inside, seed 001's decimal numbers at the API and in events. */
export const toDecimal = (minor: number): number => Math.round(minor) / 100;
export const toMinor = (decimal: number): number => Math.round(decimal * 100);

/** An order as the API shows it (seed 001 + seed 003's subtotal and discount). */
export function orderView(o: OrderDoc): OrderResponse {
  return {
    id: o._id,
    userId: o.user_id,
    items: o.lines.map((l) => ({
      productId: l.product_id,
      ...(l.name ? { name: l.name } : {}),
      quantity: l.quantity,
      price: toDecimal(l.unit_price),
      lineTotal: toDecimal(l.unit_price * l.quantity),
    })),
    status: o.status as OrderStatus,
    subtotal: toDecimal(o.subtotal),
    discount: toDecimal(o.discount),
    totalAmount: toDecimal(o.total),
    currency: o.currency,
    ...(o.promo_code ? { promoCode: o.promo_code } : {}),
    ...(o.payment_id ? { paymentId: o.payment_id } : {}),
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
    ...(o.status === 'pending' ? { expiresAt: o.expires_at.toISOString() } : {}),
    ...(o.cancelled_at ? { cancelledAt: o.cancelled_at.toISOString() } : {}),
  };
}

/** The lines as events carry them (seed 001 `items`). */
export const eventLines = (o: OrderDoc) =>
  o.lines.map((l) => ({
    product_id: l.product_id,
    ...(l.name ? { name: l.name } : {}),
    quantity: l.quantity,
    price: toDecimal(l.unit_price),
  }));
