import { randomUUID } from 'node:crypto';
import { type DomainEvent } from '@platform/contracts';
import { receiptModel } from './receipt';

const confirmed = (over: Partial<DomainEvent<'OrderConfirmed'>['data']> = {}) => ({
  order_id: randomUUID(),
  user_id: randomUUID(),
  payment_id: 'pay_1',
  total_amount: 40.48,
  currency: 'EUR',
  items: [
    { product_id: 'p-1', name: 'Elden Ring', quantity: 2, price: 19.99 },
    { product_id: 'p-2', quantity: 1, price: 5 },
  ],
  confirmed_at: new Date().toISOString(),
  ...over,
});

describe('receiptModel', () => {
  const ada = { email: 'ada@example.com', name: 'Ada' };

  it('prices each line in cents and names it (the product id when the event has no name)', () => {
    const model = receiptModel(confirmed({ subtotal: 44.98, discount: 4.5, promo_code: 'SPRING10' }), ada);
    expect(model.lines).toEqual([
      { name: 'Elden Ring', quantity: 2, unit_price: 1999, line_total: 3998 },
      { name: 'p-2', quantity: 1, unit_price: 500, line_total: 500 },
    ]);
    expect(model).toMatchObject({
      subtotal: 4498,
      discount: 450,
      total: 4048,
      promo_code: 'SPRING10',
      name: 'Ada',
    });
    expect(model.short_id).toBe(model.order_id.split('-')[0]);
  });

  it('derives subtotal and discount when the producer sent none', () => {
    expect(receiptModel(confirmed(), ada)).toMatchObject({ subtotal: 4498, discount: 450, total: 4048 });
    expect(receiptModel(confirmed({ total_amount: 44.98 }), ada)).toMatchObject({ discount: 0 });
  });
});
