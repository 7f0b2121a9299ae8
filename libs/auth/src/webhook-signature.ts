import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@platform/service-kit';
import { type WEBHOOK_ERRORS } from '@platform/contracts';

/**
 * Signed webhooks (the supplier's fulfilment callbacks, next the payment provider's): the sender signs
 * `${timestamp}.${rawBody}` with HMAC-SHA256 under a shared secret and sends the hex digest and the
 * timestamp (Unix seconds) in two headers. Signing the timestamp with the body means an old delivery
 * cannot be replayed with a fresh timestamp; the tolerance bounds how old a captured one may be.
 */
export interface WebhookSignatureInput {
  secret: string;
  /** The exact bytes received: a re-serialised JSON body would not match. */
  rawBody: Buffer | string | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
}

export interface VerifyOptions {
  /** Seconds either side of now a timestamp may be; 300 (±5 minutes) by default. */
  toleranceSeconds?: number;
  now?: () => number;
}

const invalid = (reason: string) =>
  new AppError({
    code: 'WEBHOOK_SIGNATURE_INVALID' satisfies keyof typeof WEBHOOK_ERRORS,
    status: 400,
    message: `Webhook refused: ${reason}`,
    details: { reason },
  });

/** A webhook event (its `event_id`) processed before: `409 WEBHOOK_REPLAYED` (seed 003). */
export const webhookReplayed = (eventId: string) =>
  new AppError({
    code: 'WEBHOOK_REPLAYED' satisfies keyof typeof WEBHOOK_ERRORS,
    status: 409,
    message: 'This webhook event was processed already',
    details: { event_id: eventId },
  });

/** The hex HMAC-SHA256 of `${timestamp}.${rawBody}`. */
export function signWebhook(secret: string, timestamp: number | string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Throws a 400 AppError when a field is missing, the timestamp is out of tolerance or the signature differs. */
export function verifyWebhook(input: WebhookSignatureInput, opts: VerifyOptions = {}): void {
  const { secret, rawBody, signature, timestamp } = input;
  if (rawBody === undefined) throw invalid('missing body');
  if (!signature) throw invalid('missing signature');
  if (!timestamp) throw invalid('missing timestamp');
  if (!/^\d{1,12}$/.test(timestamp)) throw invalid('malformed timestamp');
  const nowSeconds = Math.floor((opts.now?.() ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > (opts.toleranceSeconds ?? 300))
    throw invalid('timestamp outside the tolerance');
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'hex');
  const given = /^[0-9a-f]+$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  // timingSafeEqual needs equal lengths; the length of a hex SHA-256 digest is no secret
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('bad signature');
}
