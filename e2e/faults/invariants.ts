import { type InvariantResult } from './invariant-result';
import { read } from './http';
import { type BuyerState } from './snapshot';
import { type Shop } from './seed';
import { type FaultStack } from './stack';
import { type Ledger } from './workload';

const cents = (amount: number) => Math.round(amount * 100);
const CAPTURED = new Set(['completed', 'refunded']);
const SOLD = new Set(['confirmed', 'fulfilled']);

function result(name: string) {
  const r: InvariantResult = { name, checked: 0, violations: [] };
  return {
    r,
    check: (ok: boolean, violation: () => string) => (r.checked++, ok || r.violations.push(violation())),
  };
}

/** Confirmed ⇔ exactly one captured payment; failed, expired or cancelled ⇔ nothing kept (no capture, or all refunded). */
export function ordersAgreeWithPayments(states: BuyerState[]): InvariantResult[] {
  const agree = result('order final, agrees with its payments');
  const single = result('one live payment per order');
  for (const s of states)
    for (const o of s.orders) {
      const mine = s.payments.filter((p) => p.orderId === o.id);
      const captured = mine.filter((p) => CAPTURED.has(p.status));
      const kept = captured.filter((p) => p.refundedAmount < p.amount);
      agree.check(
        SOLD.has(o.status)
          ? captured.length === 1
          : ['failed', 'expired', 'cancelled'].includes(o.status) && kept.length === 0,
        () =>
          `order ${o.id} ${o.status}: payments ${JSON.stringify(mine.map((p) => [p.id, p.status, p.refundedAmount]))}`,
      );
      single.check(
        mine.filter((p) => p.status !== 'failed').length <= 1,
        () => `order ${o.id}: ${mine.length} payments`,
      );
    }
  return [agree.r, single.r];
}

/** Every request that got a 2xx left its effect: the order, the payment, the top-up, the cancel, the refund. */
export function effectsPresent(states: BuyerState[], ledger: Ledger): InvariantResult {
  const { r, check } = result('every 2xx has its effect');
  const orders = new Map(states.flatMap((s) => s.orders.map((o) => [o.id, o] as const)));
  const payments = new Map(states.flatMap((s) => s.payments.map((p) => [p.id, p] as const)));
  for (const id of ledger.orders.keys()) check(orders.has(id), () => `order ${id} (201) is missing`);
  for (const p of ledger.payments)
    check(payments.has(p.id), () => `${p.kind} payment ${p.id} (2xx) is missing`);
  for (const id of ledger.cancelled)
    check(
      orders.get(id)?.status === 'cancelled',
      () => `order ${id} cancelled (200) is ${orders.get(id)?.status}`,
    );
  for (const f of ledger.refunds) {
    const p = payments.get(f.paymentId);
    check(
      p?.status === 'refunded' && cents(p.refundedAmount) === f.cents,
      () => `refund of ${f.paymentId} (201): payment ${p?.status}, refunded ${p?.refundedAmount}`,
    );
  }
  return r;
}

/**
 * Per item: the stock it was created with = its stock now + what confirmed orders hold. An order that
 * did not complete gives its stock back after its final state (the request or the sweeper), so the
 * check waits up to `timeoutMs` for the stock to come back before it reports what is missing.
 */
export async function stockConserved(
  stack: FaultStack,
  shops: Shop[],
  states: BuyerState[],
  timeoutMs = 30_000,
): Promise<InvariantResult> {
  const sold = new Map<string, number>();
  for (const o of states.flatMap((s) => s.orders).filter((o) => SOLD.has(o.status)))
    for (const line of o.items) sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.quantity);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { r, check } = result('stock conserved (initial = current + sold)');
    for (const shop of shops)
      for (const item of shop.items) {
        const url = `${stack.url('order-service')}/api/items/${item.id}`;
        const { stock } = await read<{ stock: number }>(url, shop.token);
        const held = sold.get(item.id) ?? 0;
        check(
          item.initialStock === stock + held,
          () => `item ${item.id}: ${item.initialStock} ≠ ${stock} + ${held} sold`,
        );
      }
    if (!r.violations.length || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Every wallet's balance = top-ups completed − wallet payments captured + their refunds (and its transactions). */
export function walletsMatchLedger(states: BuyerState[]): InvariantResult {
  const { r, check } = result('wallet balance = its ledger');
  for (const s of states) {
    let expected = 0;
    for (const p of s.payments) {
      if (p.purpose === 'wallet_top_up' && p.status === 'completed') expected += cents(p.amount);
      if (p.purpose === 'order' && p.paymentMethod.type === 'wallet' && CAPTURED.has(p.status))
        expected += cents(p.refundedAmount) - cents(p.amount);
    }
    const balance = cents(s.wallet.balance);
    check(
      balance === expected,
      () => `wallet of ${s.buyer.email}: ${balance / 100} ≠ ledger ${expected / 100}`,
    );
    const txs = s.wallet.transactions;
    if (txs.length < 100) {
      const sum = txs.reduce((t, x) => t + cents(x.amount), 0);
      check(
        sum === balance,
        () => `wallet of ${s.buyer.email}: balance ${balance / 100} ≠ Σ transactions ${sum / 100}`,
      );
    }
  }
  return r;
}
