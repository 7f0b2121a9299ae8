import { type DomainEvent } from '@platform/contracts';
import { type TemplateModels } from '../templates/models';
import { toCents } from '../templates/money';
import { type Recipient } from '../users/find-recipient';
import { orderRef } from './order-ref';

/**
 * The receipt of a confirmed order, in cents. Producers before receipts carried no subtotal or discount:
 * then the subtotal is the sum of the lines and the discount what separates it from the total.
 */
export function receiptModel(
  data: DomainEvent<'OrderConfirmed'>['data'],
  recipient: Recipient,
): TemplateModels['order-confirmed'] {
  const lines = data.items.map((line) => {
    const unit = toCents(line.price);
    return {
      name: line.name ?? line.product_id,
      quantity: line.quantity,
      unit_price: unit,
      line_total: unit * line.quantity,
    };
  });
  const total = toCents(data.total_amount);
  const subtotal =
    data.subtotal !== undefined ? toCents(data.subtotal) : lines.reduce((sum, l) => sum + l.line_total, 0);
  const discount = data.discount !== undefined ? toCents(data.discount) : Math.max(0, subtotal - total);
  return {
    ...orderRef(recipient, data.order_id),
    lines,
    subtotal,
    discount,
    promo_code: data.promo_code,
    total,
    currency: data.currency,
    payment: data.payment_method,
  };
}
