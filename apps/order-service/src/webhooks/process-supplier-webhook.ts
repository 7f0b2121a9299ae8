import { verifyWebhook, webhookReplayed } from '@platform/auth';
import { SupplierWebhookSchema, type WebhookResult } from '@platform/contracts';
import { type Logger, parseInput } from '@platform/service-kit';
import { type FulfilmentPort } from './fulfilment-port';
import { type WebhookEventsRepository } from './webhook-events.repository';

export interface SupplierWebhookDeps {
  secret: string;
  events: WebhookEventsRepository;
  fulfilment: FulfilmentPort;
  logger: Logger;
}

export interface SignedDelivery {
  rawBody: Buffer | undefined;
  body: unknown;
  signature: string | undefined;
  timestamp: string | undefined;
}

/**
 * Seed 003 processG2AWebhook: the signature over the exact bytes and a timestamp within ±5 minutes
 * (400 otherwise), the body checked, a replayed event refused (409), then the order moves: fulfilled
 * with its keys, or cancelled (payment-service refunds it on OrderCancelled).
 */
export async function processSupplierWebhook(
  delivery: SignedDelivery,
  deps: SupplierWebhookDeps,
): Promise<WebhookResult> {
  verifyWebhook({ secret: deps.secret, ...delivery });
  const event = parseInput(SupplierWebhookSchema, delivery.body, 'body');
  const seen = await deps.events.record('supplier', event);
  if (seen === 'done') throw webhookReplayed(event.event_id);
  const outcome =
    event.type === 'order.fulfilled'
      ? await deps.fulfilment.fulfil(event.order_id, event.payload.keys, event.event_id)
      : await deps.fulfilment.failFulfilment(event.order_id, event.payload.reason, event.event_id);
  await deps.events.done('supplier', event.event_id, outcome);
  // ids and outcome only: the keys are the customer's goods and never go to a log
  deps.logger.info('supplier webhook processed', {
    event_id: event.event_id,
    order_id: event.order_id,
    type: event.type,
    outcome,
  });
  return {
    success: true,
    message: outcome === 'applied' ? `${event.type} applied` : `${event.type} ignored: the order cannot move`,
  };
}
