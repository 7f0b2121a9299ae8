import { randomUUID } from 'node:crypto';
import { type AuthResponse, type OrderResponse, type PaymentResponse } from '@platform/contracts';
import { rememberSecret } from '@platform/devstack/testing';
import { Counter, isOk, send, sendIdempotent } from './http';
import { card, type Buyer, type Shop } from './seed';
import { type FaultStack } from './stack';

const cents = (amount: number) => Math.round(amount * 100);
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

/** What got a 2xx, so the checks know every effect that must be there. */
export interface Ledger {
  signups: { userId: string; email: string; tenantId: string; password: string }[];
  orders: Map<string, { shop: Shop; buyer: Buyer; itemId: string; quantity: number; totalCents: number }>;
  payments: {
    id: string;
    orderId?: string;
    buyer: Buyer;
    kind: 'card' | 'wallet' | 'top_up';
    cents: number;
  }[];
  cancelled: Set<string>;
  refunds: { paymentId: string; orderId: string; buyer: Buyer; cents: number }[];
}

/**
 * The commerce side of the stream, through the public APIs: sign-ups into the shops, orders paid by
 * card and from the wallet, wallet top-ups, cancellations of unpaid orders, refunds (by the shop's
 * admin) of paid ones, and catalog syncs from the supplier. Each `tick()` is one of those flows.
 * Orders and payments carry an Idempotency-Key and are retried on a 5xx or no answer; the rest are not.
 */
export function commerceWorkload(stack: FaultStack, shops: Shop[], run: string) {
  const counter = new Counter();
  const ledger: Ledger = { signups: [], orders: new Map(), payments: [], cancelled: new Set(), refunds: [] };
  const refundable: Ledger['payments'] = [];
  const orders = stack.url('order-service');
  const payments = stack.url('payment-service');
  let signups = 0;

  async function signup(shop: Shop) {
    const n = ++signups;
    const email = `f-${run}-${n}@example.com`;
    const password = rememberSecret('password', `pw-${run}-${n}-secret`);
    const res = await send<AuthResponse>(`${stack.url('user-service')}/api/v1/auth/register`, {
      body: { email, password, nickname: `f_${run}_${n}` },
      headers: { 'x-tenant-id': shop.tenantId },
    });
    counter.record('sign-up', res.status);
    if (!isOk(res)) return;
    ledger.signups.push({ userId: res.body.user.id, email, tenantId: shop.tenantId, password });
    // a new buyer of the shop: the stream's orders are theirs too from now on
    shop.buyers.push({ userId: res.body.user.id, email, password, token: res.body.access_token });
  }

  async function createOrder(shop: Shop, buyer: Buyer): Promise<OrderResponse | undefined> {
    const itemId = pick(shop.items).id;
    const quantity = 1 + Math.floor(Math.random() * 3);
    const res = await sendIdempotent<OrderResponse>(counter, 'order', `${orders}/api/orders`, {
      token: buyer.token,
      body: { items: [{ productId: itemId, quantity }] },
      idempotencyKey: `order-${randomUUID()}`,
    });
    if (!isOk(res)) return undefined;
    ledger.orders.set(res.body.id, {
      shop,
      buyer,
      itemId,
      quantity,
      totalCents: cents(res.body.totalAmount),
    });
    return res.body;
  }

  async function orderAndPay(shop: Shop, buyer: Buyer, kind: 'card' | 'wallet') {
    const order = await createOrder(shop, buyer);
    if (!order) return;
    const res = await sendIdempotent<PaymentResponse>(counter, `pay by ${kind}`, `${payments}/api/payments`, {
      token: buyer.token,
      body: {
        orderId: order.id,
        amount: order.totalAmount,
        currency: order.currency,
        paymentMethod: kind === 'card' ? card : { type: 'wallet' },
      },
      idempotencyKey: `pay-${order.id}`,
    });
    if (!isOk(res)) return;
    const payment = { id: res.body.id, orderId: order.id, buyer, kind, cents: cents(order.totalAmount) };
    ledger.payments.push(payment);
    refundable.push(payment);
  }

  async function topUp(buyer: Buyer) {
    const amount = 20 + Math.floor(Math.random() * 80);
    const res = await send<PaymentResponse>(`${payments}/api/wallet/top-up`, {
      token: buyer.token,
      body: { amount, currency: 'USD', paymentMethod: card },
    });
    counter.record('wallet top-up', res.status);
    if (isOk(res)) ledger.payments.push({ id: res.body.id, buyer, kind: 'top_up', cents: cents(amount) });
  }

  async function cancelUnpaid(shop: Shop, buyer: Buyer) {
    const order = await createOrder(shop, buyer);
    if (!order) return;
    const res = await send(`${orders}/api/orders/${order.id}/cancel`, { method: 'POST', token: buyer.token });
    counter.record('cancel unpaid', res.status);
    if (isOk(res)) ledger.cancelled.add(order.id);
  }

  async function refund() {
    const payment = refundable.shift();
    if (!payment?.orderId) return;
    const { shop } = ledger.orders.get(payment.orderId)!;
    const res = await send(`${payments}/api/payments/${payment.id}/refund`, {
      token: shop.token,
      body: { reason: 'fault suite' },
    });
    counter.record('refund', res.status);
    if (isOk(res))
      ledger.refunds.push({
        paymentId: payment.id,
        orderId: payment.orderId,
        buyer: payment.buyer,
        cents: payment.cents,
      });
  }

  async function sync(shop: Shop) {
    const productIds = [pick(stack.supplier.products), pick(stack.supplier.products)].map(
      (p) => p.product_id,
    );
    const res = await send(`${orders}/api/catalog/sync`, { token: shop.token, body: { productIds } });
    counter.record('catalog sync', res.status);
  }

  /** The flows and their weights out of 100. */
  const flows: [number, () => Promise<void>][] = [
    [8, () => signup(pick(shops))],
    [26, () => withBuyer((s, b) => orderAndPay(s, b, 'card'))],
    [26, () => withBuyer((s, b) => orderAndPay(s, b, 'wallet'))],
    [12, () => withBuyer((_s, b) => topUp(b))],
    [14, () => withBuyer((s, b) => cancelUnpaid(s, b))],
    // a payment waits a few flows before its refund, so that most are completed when asked
    [10, () => (refundable.length > 8 ? refund() : withBuyer((s, b) => orderAndPay(s, b, 'card')))],
    [4, () => sync(pick(shops))],
  ];
  function withBuyer(flow: (shop: Shop, buyer: Buyer) => Promise<void>) {
    const shop = pick(shops);
    return flow(shop, pick(shop.buyers));
  }
  const total = flows.reduce((sum, [w]) => sum + w, 0);

  return {
    counter,
    ledger,
    /** One flow, picked by weight. */
    tick(): Promise<void> {
      let r = Math.random() * total;
      for (const [w, flow] of flows) if ((r -= w) < 0) return flow();
      return flows[0][1]();
    },
  };
}
export type CommerceWorkload = ReturnType<typeof commerceWorkload>;
