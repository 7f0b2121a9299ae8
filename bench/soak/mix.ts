import { randomUUID } from 'node:crypto';
import { type ServiceName } from '@platform/devstack';
import { card, type Buyer, type Shop } from './seed';

/** One HTTP request of the mix: where, how, and the status that means it worked. */
interface Call {
  service: ServiceName;
  method: 'GET' | 'POST';
  path: string;
  auth: string;
  body?: unknown;
  ok: number;
  /** What to keep from a good answer (an order waiting for its payment). */
  then?: (body: unknown) => void;
}

interface Unpaid {
  buyer: Buyer;
  order: { id: string; totalAmount: number; currency: string };
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

/**
 * The mix, weights out of 100: what a shop's buyers, its catalog integrations and its producers do. A
 * payment pays an order an earlier `order.create` left unpaid (one request per arrival, whatever the
 * kind); with none waiting it creates one instead.
 */
export function mixOf(shops: Shop[]) {
  const unpaid: Unpaid[] = [];
  const weights: [string, number, () => Call][] = [
    ['catalog.list', 14, () => ({ ...asBuyer('order-service', 'GET', '/api/items?limit=20'), ok: 200 })],
    ['catalog.item', 14, () => ({ ...asBuyer('order-service', 'GET', `/api/items/${item()}`), ok: 200 })],
    ['cart.add', 8, () => ({ ...asBuyer('order-service', 'POST', '/api/cart/items'), ok: 200 })],
    ['cart.read', 4, () => ({ ...asBuyer('order-service', 'GET', '/api/cart'), ok: 200 })],
    ['order.create', 10, () => createOrder()],
    ['pay.card', 5, () => pay('card')],
    ['pay.wallet', 5, () => pay('wallet')],
    ['user.read', 6, () => userRead()],
    ['interaction', 12, () => interaction()],
    ['eventflow', 10, () => event()],
    ['recommend', 12, () => recommend()],
  ];
  let shop = shops[0];
  let buyer = shop.buyers[0];
  const item = () => pick(shop.itemIds);
  const bearer = (t: string) => `Bearer ${t}`;
  function asBuyer(service: ServiceName, method: 'GET' | 'POST', path: string) {
    const body = path === '/api/cart/items' ? { item_id: item(), quantity: 1 } : undefined;
    return { service, method, path, auth: bearer(buyer.token), body };
  }
  function createOrder(): Call {
    const b = buyer;
    return {
      ...asBuyer('order-service', 'POST', '/api/orders'),
      body: { items: [{ productId: item(), quantity: 1 }] },
      ok: 201,
      then: (order) => unpaid.push({ buyer: b, order: order as Unpaid['order'] }),
    };
  }
  function pay(method: 'card' | 'wallet'): Call {
    const next = unpaid.shift();
    if (!next) return createOrder();
    const { order } = next;
    return {
      service: 'payment-service',
      method: 'POST',
      path: '/api/payments',
      auth: bearer(next.buyer.token),
      body: {
        orderId: order.id,
        amount: order.totalAmount,
        currency: order.currency,
        paymentMethod: method === 'card' ? card : { type: 'wallet' },
      },
      ok: 201,
    };
  }
  const userRead = (): Call => ({
    ...asBuyer('user-service', 'GET', `/api/users/${buyer.userId}`),
    ok: 200,
  });
  const interaction = (): Call => ({
    service: 'data-pipeline',
    method: 'POST',
    path: '/api/v1/interactions',
    auth: bearer(shop.apiKey),
    body: { user_id: buyer.userId, item_id: item(), interaction_type: pick(['view', 'click', 'like']) },
    ok: 202,
  });
  const event = (): Call => ({
    service: 'data-pipeline',
    method: 'POST',
    path: '/api/v1/events',
    auth: bearer(shop.producerKey),
    body: { event_type: 'soak.tick', event_version: 1, payload: { id: randomUUID(), n: Math.random() } },
    ok: 202,
  });
  const recommend = (): Call => ({
    service: 'ml-engine',
    method: 'POST',
    path: '/api/v1/recommendations',
    auth: bearer(shop.apiKey),
    body: { user_id: buyer.userId, count: 10 },
    ok: 200,
  });

  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  /** The next arrival's call, its kind first (a payment with no order waiting reports order.create). */
  return (): [string, Call] => {
    shop = pick(shops);
    buyer = pick(shop.buyers);
    let r = Math.random() * total;
    for (const [kind, w, make] of weights) {
      if ((r -= w) < 0) {
        const call = make();
        return [call.then && kind.startsWith('pay') ? 'order.create' : kind, call];
      }
    }
    throw new Error('unreachable');
  };
}
export type { Call };
