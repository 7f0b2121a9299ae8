import { eventually } from '@platform/devstack/testing';
import { eventsOf, eventsSoFar, settledMailsAbout } from './saga/observe';
import { shopper } from './saga/shop';
import { startSagaStack, type SagaStack } from './saga/stack';

/**
 * An unpaid order expires and gives its stock back (OrderExpired), as processes. Its own stack: orders
 * here expire after about a second, which the payment scenarios of saga.e2e.spec.ts could not live with.
 */
describe('the order saga: an unpaid order expires', () => {
  let stack: SagaStack;
  let shop: ReturnType<typeof shopper>;

  beforeAll(async () => {
    stack = await startSagaStack({
      services: ['user-service', 'order-service', 'payment-service', 'notification-worker'],
      env: { 'order-service': { ORDER_EXPIRY_MINUTES: '0.02', ORDER_SWEEP_INTERVAL_MS: '200' } },
    });
    shop = shopper(stack);
  }, 300_000);
  afterAll(() => stack?.stop(), 120_000);

  it('expires once, gives the stock back and tells the buyer in one mail; paying it afterwards is refused', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 7, stock: 5 });
    const order = await shop.createOrder(buyer.token, itemId, 2);
    expect(await shop.stockOf(buyer.token, itemId)).toBe(3);

    await shop.orderReaches(buyer.token, order.id, 'expired');
    await eventually(async () => (await shop.stockOf(buyer.token, itemId)) === 5, { what: 'the stock back' });
    const expired = await eventsOf(stack.topics.orders, 'OrderExpired', (e) => e.data.order_id === order.id);
    expect(expired).toHaveLength(1);
    const mails = await settledMailsAbout(stack, buyer.email, order.id);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/expired/i)]);
    // the sweeper ran on meanwhile: nothing more for this order, and the stock stays where it is
    expect(
      await eventsSoFar(stack.topics.orders, 'OrderExpired', (e) => e.data.order_id === order.id),
    ).toHaveLength(1);
    expect(await shop.stockOf(buyer.token, itemId)).toBe(5);

    // too late to pay: the order is no longer pending
    const late = await shop.pay(buyer.token, order, { type: 'wallet' });
    expect(late.status).toBe(409);
  });
});
