import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { inSpanUnder, linkTo, remoteParent, tracingActive } from '@platform/service-kit';

/**
 * OpenTelemetry at the Kafka boundary: the `traceparent` an event carries (header, outbox row) becomes
 * the parent of the spans on the other side. Without the SDK (libs/telemetry not started) every call
 * here is the API's no-op.
 */
// remoteParent and tracingActive are service-kit's (payment-service continues traces with them too)
export { remoteParent, tracingActive };

/** Runs `fn` with the (remote) parent `traceparent` active: the kafkajs producer span joins its trace. */
export function underTraceparent<T>(traceparent: string | undefined, fn: () => T): T {
  return traceparent ? context.with(remoteParent(traceparent), fn) : fn();
}

/** What every span of a message's processing says about it. */
const processing = (topic: string) => ({
  'messaging.system': 'kafka',
  'messaging.destination.name': topic,
  'messaging.operation.type': 'process',
});

/**
 * Runs a handler inside a CONSUMER span that is a child of the event's `traceparent`: the handler's
 * database and HTTP spans, and the events it writes (their outbox rows take this span's traceparent),
 * join the trace of the request that wrote the event.
 */
export function inConsumerSpan<T extends string>(
  topic: string,
  traceparent: string | undefined,
  attributes: Record<string, string | number | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  const opts = {
    parent: remoteParent(traceparent),
    kind: SpanKind.CONSUMER,
    attributes: { ...processing(topic), ...attributes },
  };
  return inSpanUnder(`process ${topic}`, opts, async () => {
    const outcome = await fn();
    trace.getActiveSpan()?.setAttribute('messaging.outcome', outcome);
    return outcome;
  });
}

/**
 * A batch handler's span: a child of the events' trace when they all share one, else a new trace
 * linked to each of theirs (a span has one parent; a batch of many requests' events has many).
 */
export function inBatchSpan<T>(topic: string, traceparents: (string | undefined)[], fn: () => Promise<T>) {
  const distinct = [...new Set(traceparents.filter((t): t is string => !!t))];
  return inSpanUnder(
    `process ${topic}`,
    {
      parent: distinct.length === 1 ? remoteParent(distinct[0]) : ROOT_CONTEXT,
      links: distinct.length > 1 ? distinct.flatMap(linkTo) : [],
      kind: SpanKind.CONSUMER,
      attributes: { ...processing(topic), 'messaging.batch.message_count': traceparents.length },
    },
    fn,
  );
}
