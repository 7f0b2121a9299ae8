import { verifyWebhook, webhookReplayed } from '@platform/auth';
import { GatewayCallbackSchema, type GatewayCallback, type WebhookResult } from '@platform/contracts';
import { inSpanUnder, linkToActive, parseInput } from '@platform/service-kit';
import { type PaymentDeps } from '../payments/payment-deps';
import { completeRefund } from '../payments/refund-payment';
import { settleCharge } from '../payments/settle-charge';
import { type WebhookEventsRepository } from './webhook-events.repository';

export interface GatewayWebhookDeps {
  secret: string;
  events: WebhookEventsRepository;
  payments: PaymentDeps;
}

export interface SignedDelivery {
  rawBody: Buffer | undefined;
  body: unknown;
  signature: string | undefined;
  timestamp: string | undefined;
}

/**
 * Seed 003 webhook processing for the card gateway: the signature over the exact bytes and a timestamp
 * within ±5 minutes (400 otherwise), the body checked, a replayed event refused (409), then the payment
 * or refund it names moves, once. An event for a charge or refund this service does not know is
 * acknowledged and ignored (200): it was not ours, and a retry would not change that.
 */
export async function processGatewayWebhook(
  delivery: SignedDelivery,
  deps: GatewayWebhookDeps,
): Promise<WebhookResult> {
  verifyWebhook({ secret: deps.secret, ...delivery });
  const event = parseInput(GatewayCallbackSchema, delivery.body, 'body');
  if ((await deps.events.record(event.event_id)) === 'done') throw webhookReplayed(event.event_id);
  const outcome = await inCallbackSpan(event, () =>
    event.type === 'refund.succeeded' ? applyRefund(event, deps) : applyCharge(event, deps),
  );
  await deps.events.done(event.event_id);
  deps.payments.logger.info('gateway webhook processed', {
    event_id: event.event_id,
    type: event.type,
    charge_id: event.charge_id,
    outcome,
  });
  return { success: true, message: `${event.type} ${outcome}` };
}

/**
 * The callback's work in a span under the traceparent the charge was sent with (its metadata, echoed
 * by the gateway): the payment's outcome and its PaymentCompleted/PaymentFailed join the order's trace.
 * The callback request's own span (a trace of its own: the gateway sends no trace context) is linked.
 */
function inCallbackSpan<T>(event: GatewayCallback, fn: () => Promise<T>): Promise<T> {
  const traceparent = event.metadata?.traceparent;
  const continued = typeof traceparent === 'string' ? traceparent : undefined;
  return inSpanUnder(
    `gateway ${event.type}`,
    {
      traceparent: continued,
      links: continued ? linkToActive() : [],
      attributes: { 'gateway.event_id': event.event_id, 'gateway.charge_id': event.charge_id },
    },
    fn,
  );
}

async function applyCharge(event: GatewayCallback, deps: GatewayWebhookDeps): Promise<string> {
  const paymentId = event.metadata?.payment_id;
  const p = paymentId ? await deps.payments.payments.get(paymentId) : undefined;
  // the charge must be the one this payment made, for its amount
  if (!p || (p.charge_id && p.charge_id !== event.charge_id)) return 'ignored: unknown charge';
  if (p.amount !== event.amount || p.currency !== event.currency.toUpperCase()) {
    deps.payments.logger.error('gateway callback does not match its payment', {
      event_id: event.event_id,
      payment_id: p.id,
    });
    return 'ignored: amount differs';
  }
  const outcome =
    event.type === 'charge.succeeded'
      ? ({ status: 'succeeded', chargeId: event.charge_id } as const)
      : ({ status: 'failed', chargeId: event.charge_id, failureCode: event.failure_code } as const);
  return settleCharge(p, outcome, deps.payments);
}

async function applyRefund(event: GatewayCallback, deps: GatewayWebhookDeps): Promise<string> {
  const refundId = event.metadata?.refund_id;
  const refund = refundId ? await deps.payments.refunds.get(refundId) : undefined;
  if (!refund || refund.amount !== event.amount) return 'ignored: unknown refund';
  return completeRefund(refund, event.refund_id, deps.payments);
}
