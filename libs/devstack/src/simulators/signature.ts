import { createHmac } from 'node:crypto';

/**
 * How the simulators sign their webhooks: the hex HMAC-SHA256 of `<timestamp>.<raw body>`, the scheme
 * `signWebhook`/`verifyWebhook` of @platform/auth implement. Not imported from there: service-kit's
 * tests depend on devstack, so devstack depending on auth (→ service-kit) would be a cycle.
 */
export const signPayload = (secret: string, timestamp: string, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
