import { createHash, randomUUID } from 'node:crypto';

/** A new refund's id. */
export const newRefundId = () => `re_${randomUUID()}`;

/**
 * A refund id derived from what caused it (an event id, a payment id), so that handling the cause again
 * names the same refund, which is applied once (and is the gateway's idempotency key).
 */
export function refundIdFrom(cause: string): string {
  const h = createHash('sha256').update(`refund:${cause}`).digest('hex');
  return `re_${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
