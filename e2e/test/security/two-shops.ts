import { bearer, shopAccounts, TEST_CARDS } from '@platform/devstack/testing';
import { card, shopper } from '../saga/shop';
import { type SagaStack } from '../saga/stack';

const APPROVED = Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === 'approved')!;

/**
 * Shop A with one of each main resource (a buyer, an item, an order paid by card, an API key, an
 * EventFlow producer and consumer) and its people's credentials; shop B, just its admin.
 */
export async function twoShops(stack: SagaStack) {
  const shop = shopper(stack);
  const accounts = shopAccounts(stack.url('user-service'));
  const a = await shop.newShop();
  const adminB = (await accounts.newShop()).token;
  const post = (service: 'user-service' | 'data-pipeline', p: string, body: object) =>
    fetch(`${stack.url(service)}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(a.token) },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<Record<string, string>>);
  const order = await shop.createOrder(a.buyer.token, a.itemId);
  const payment = await shop.payAccepted(a.buyer.token, order, card(APPROVED));
  const key = await post('user-service', '/api/v1/api-keys', { name: 'tenant-a-key', permissions: ['read'] });
  const producer = await post('data-pipeline', '/api/v1/producers', { name: 'tenant-a-producer' });
  const consumer = await post('data-pipeline', '/api/v1/consumers', {
    name: 'a',
    subscribed_event_types: ['x.y'],
  });
  return {
    adminA: a.token,
    adminB,
    viewer: a.buyer.token,
    developer: (await accounts.addMember(a.admin, 'developer')).token,
    readKey: await accounts.apiKey(a.admin, ['read']),
    writeKey: await accounts.apiKey(a.admin, ['write']),
    ids: {
      user_id: a.buyer.userId,
      item_id: a.itemId,
      order_id: order.id,
      payment_id: payment.id,
      apiKey: key.id,
      producer: producer.producer_id,
      consumer: consumer.consumer_id,
    },
  };
}
