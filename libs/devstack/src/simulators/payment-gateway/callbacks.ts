import { randomUUID } from 'node:crypto';
import { type Timers } from '../http';
import { signPayload } from '../signature';

export type GatewayEventType = 'charge.succeeded' | 'charge.failed' | 'refund.succeeded';

export interface GatewayEvent {
  event_id: string;
  type: GatewayEventType;
  charge_id: string;
  amount: number;
  currency: string;
  failure_code?: string;
  refund_id?: string;
  /** The charge's `metadata` (a refund's own, for refund events): how the merchant matches the event. */
  metadata?: unknown;
  occurred_at: string;
}

export interface CallbackLog {
  delivered: GatewayEvent[];
  /** Events given up on after every attempt failed. */
  abandoned: GatewayEvent[];
  attempts: number;
}

export const newEvent = (fields: Omit<GatewayEvent, 'event_id' | 'occurred_at'>): GatewayEvent => ({
  event_id: `evt_${randomUUID()}`,
  ...fields,
  occurred_at: new Date().toISOString(),
});

/**
 * Posts a signed event (X-Gateway-Timestamp, X-Gateway-Signature = HMAC-SHA256 (signWebhook's scheme) over `<ts>.<raw body>`),
 * retrying an error or a non-2xx answer `attempts` times with doubling waits, as real providers do.
 */
export async function deliver(
  url: string,
  secret: string,
  event: GatewayEvent,
  log: CallbackLog,
  timers: Timers,
  { attempts = 4, baseDelayMs = 100 } = {},
): Promise<void> {
  const raw = JSON.stringify(event);
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await timers.sleep(baseDelayMs * 2 ** (attempt - 1));
    log.attempts++;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const ok = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gateway-timestamp': timestamp,
        'x-gateway-signature': signPayload(secret, timestamp, raw),
      },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) {
      log.delivered.push(event);
      return;
    }
  }
  log.abandoned.push(event);
}
