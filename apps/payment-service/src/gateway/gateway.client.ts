import {
  GatewayChargeSchema,
  GatewayRefundSchema,
  type CardPaymentMethod,
  type GatewayCharge,
  type GatewayRefund,
} from '@platform/contracts';
import { type BreakerRegistry, ServiceClient } from '@platform/resilience';
import { AppError } from '@platform/service-kit';
import { type z } from 'zod';
import { type Config } from '../config';

/**
 * The card gateway, behind the `payment_gateway` breaker. Every call sends
 * `Authorization: Bearer <GATEWAY_API_KEY>` (per-call header).
 */
export function createGatewayClient(config: Config, registry: BreakerRegistry): ServiceClient {
  return new ServiceClient({
    name: 'payment_gateway',
    baseUrl: config.PAYMENT_GATEWAY_URL,
    registry,
    timeoutMs: config.GATEWAY_TIMEOUT_MS,
    breaker: { resetTimeoutMs: config.BREAKER_RESET_MS },
  });
}

export interface ChargeRequest {
  amount: number;
  currency: string;
  /** The card as typed (first charge), or nothing when asking again with the same idempotency key. */
  card?: CardPaymentMethod;
  idempotencyKey: string;
  callbackUrl: string;
  metadata: Record<string, string>;
}

/** The gateway's API as payment-service uses it; every answer is checked against its schema. */
export interface Gateway {
  charge(req: ChargeRequest): Promise<GatewayCharge>;
  getCharge(chargeId: string): Promise<GatewayCharge>;
  refund(
    chargeId: string,
    req: { amount: number; idempotencyKey: string; metadata: Record<string, string> },
  ): Promise<GatewayRefund>;
}

const checked = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError({
    code: 'SERVICE_UNAVAILABLE',
    status: 503,
    retriable: true,
    message: 'The payment gateway answered something unexpected',
    cause: parsed.error, // an answer came: the charge may exist (not "unavailable")
  });
};

export function gatewayOf(client: ServiceClient, apiKey: string): Gateway {
  const headers = { authorization: `Bearer ${apiKey}` };
  return {
    // one attempt: a charge is never sent twice in a row here; the reconciler asks again later
    async charge({ card, ...req }) {
      const body = {
        amount: req.amount,
        currency: req.currency,
        idempotency_key: req.idempotencyKey,
        callback_url: req.callbackUrl,
        metadata: req.metadata,
        ...(card
          ? {
              card: {
                number: card.cardNumber,
                exp_month: card.expiryMonth,
                exp_year: card.expiryYear,
                cvc: card.cvv,
              },
            }
          : {}),
      };
      return checked(GatewayChargeSchema, await client.post('/charges', body, { headers }));
    },
    async getCharge(chargeId) {
      const path = `/charges/${encodeURIComponent(chargeId)}`;
      return checked(GatewayChargeSchema, await client.get(path, { headers }));
    },
    async refund(chargeId, req) {
      const path = `/charges/${encodeURIComponent(chargeId)}/refunds`;
      const body = { amount: req.amount, idempotency_key: req.idempotencyKey, metadata: req.metadata };
      // a refund carries its idempotency key: asking again is safe
      return checked(GatewayRefundSchema, await client.post(path, body, { headers, idempotent: true }));
    },
  };
}

/** How a failed gateway call ended: refused before any charge, answered with a 4xx, or unknown (timeout). */
export function gatewayFailureOf(err: unknown): 'unavailable' | 'refused' | 'unknown' {
  if (!(err instanceof AppError)) return 'unknown';
  if (err.status < 500) return 'refused';
  const details = err.details as { upstream_status?: number } | undefined;
  if (details?.upstream_status) return 'unavailable'; // the gateway answered 5xx: nothing charged
  const cause = err.cause as { name?: string; cause?: { code?: string } } | undefined;
  if (!cause) return 'unavailable'; // the breaker refused the call: it never left
  if (cause.cause?.code === 'ECONNREFUSED') return 'unavailable';
  return 'unknown'; // a timeout or a broken connection: the charge may exist
}
