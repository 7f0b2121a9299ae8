import { randomInt } from 'node:crypto';
import { bearerToken, hashToken } from '@platform/auth';
import { isProducerKey } from '@platform/contracts';
import { Errors, setContextIdentity } from '@platform/service-kit';
import { type Request, type RequestHandler, type Response } from 'express';
import { type EventFlowDeps } from './eventflow-deps';
import { type ProducerIdentity } from './producers.repository';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new producer key: `evp_` and 32 random characters (190 bits, so a fast SHA-256 is enough to store
 * it, as with `sk_` keys). `prefix` is what lists show.
 */
export function generateProducerKey(): { key: string; prefix: string; hash: string } {
  let secret = '';
  for (let i = 0; i < 32; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
  const key = `evp_${secret}`;
  return { key, prefix: key.slice(0, 10), hash: hashToken(key) };
}

/**
 * The producer presenting `Authorization: Bearer evp_…`. Looked up in PostgreSQL on every request (a
 * unique index: a fraction of a millisecond, see bench/eventflow), not cached, so a revoked key is
 * refused by every instance with its next request. A user's JWT or an `sk_` key is a valid credential
 * for other routes but not a producer: 403; none, or an unknown or revoked producer key: 401.
 */
export async function producerOf(
  req: Request,
  res: Response,
  deps: EventFlowDeps,
): Promise<ProducerIdentity> {
  const known = res.locals.producer as ProducerIdentity | undefined;
  if (known) return known;
  const token = bearerToken(req.get('authorization'));
  if (token && isProducerKey(token)) {
    const producer = await deps.producers.byKeyHash(hashToken(token));
    if (!producer) throw Errors.unauthenticated('Invalid or revoked producer key');
    setContextIdentity({ tenant_id: producer.tenantId });
    res.locals.producer = producer;
    return producer;
  }
  if (res.locals.principal) throw Errors.forbidden('Events are sent with a producer key (evp_…)');
  throw Errors.unauthenticated('A producer key is required (Authorization: Bearer evp_…)');
}

/**
 * Resolves a producer key before the public routes' guards run, so `POST /api/v1/events` is rate-limited,
 * held to the quota and metered for the producer's tenant like every other public call. Requests with
 * any other credential pass untouched.
 */
export const identifyProducer =
  (deps: EventFlowDeps): RequestHandler =>
  async (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (token && isProducerKey(token)) await producerOf(req, res, deps);
    next();
  };
