import { context, SpanKind, trace, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { BatchEventConsumer, EventConsumer, enqueueEvents } from '../src';
import { pgOutboxFixture } from './pg-outbox-fixture';

/**
 * The trace crosses Kafka (with the SDK running, as libs/telemetry starts it; the in-memory exporter):
 * an event written inside a span carries that span's traceparent (outbox row and Kafka header), and a
 * consumer runs its handler in a CONSUMER span that is a child of it, whose own events join the trace.
 */
describe('trace context across the outbox and the consumers', () => {
  const f = pgOutboxFixture();
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor({ exporter });
  const tracer = trace.getTracer('test');
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [processor] }));
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  const traceparentOf = (sc: SpanContext) => `00-${sc.traceId}-${sc.spanId}-01`;
  const storedTraceparent = async (eventId: string) =>
    (await f.pool.query('SELECT traceparent FROM outbox WHERE event_id = $1', [eventId])).rows[0]
      ?.traceparent as string | undefined;
  /** A span standing for the request that writes `event` to the outbox; its context. */
  const writeInSpan = (event: EventEnvelope) =>
    tracer.startActiveSpan('POST /api/users', async (span) => {
      await f.inTransaction((tx) => enqueueEvents(tx, TOPICS.userEvents, [event]));
      span.end();
      return span.spanContext();
    });
  const finished = async () => {
    await processor.forceFlush(); // the export is asynchronous
    return exporter.getFinishedSpans();
  };

  it("stores the writing span's traceparent with the event, and the relay sends it as the header", async () => {
    const event = sampleUserCreated();
    const writer = await writeInSpan(event);
    expect(await storedTraceparent(event.event_id)).toBe(traceparentOf(writer));

    f.relay().start();
    const [message] = await f.readIds(new Set([event.event_id]));
    expect(message.headers.traceparent).toBe(traceparentOf(writer));
  });

  it('runs the handler in a CONSUMER span, child of the traceparent, and its events join the trace', async () => {
    const received = sampleUserCreated();
    const written = sampleUserCreated();
    const writer = await writeInSpan(received);
    let inHandler: SpanContext | undefined;
    const consumer = new EventConsumer(f.broker, {
      groupId: `tracing-${received.event_id}`,
      topics: [TOPICS.userEvents],
      handlers: {
        UserCreated: async () => {
          inHandler = trace.getActiveSpan()?.spanContext();
          await f.inTransaction((tx) => enqueueEvents(tx, TOPICS.userEvents, [written]));
        },
      },
    });
    const outcome = await consumer.deliver(
      TOPICS.userEvents,
      JSON.stringify(received),
      '7',
      traceparentOf(writer),
    );
    expect(outcome).toBe('handled');

    const span = (await finished()).find((s) => s.spanContext().spanId === inHandler?.spanId);
    expect(span).toMatchObject({ name: `process ${TOPICS.userEvents}`, kind: SpanKind.CONSUMER });
    expect(span?.spanContext().traceId).toBe(writer.traceId);
    expect(span?.parentSpanContext?.spanId).toBe(writer.spanId);
    expect(span?.attributes).toMatchObject({ 'messaging.kafka.offset': '7', 'messaging.outcome': 'handled' });
    // the event the handler wrote: a child of the consumer span, in the same trace
    expect(await storedTraceparent(written.event_id)).toBe(traceparentOf(span!.spanContext()));
  });

  it('runs a batch handler in a CONSUMER span, child of the traceparent of its one event', async () => {
    const received = sampleUserCreated();
    const writer = await writeInSpan(received);
    let inHandler: SpanContext | undefined;
    const consumer = new BatchEventConsumer(f.broker, {
      groupId: `tracing-batch-${received.event_id}`,
      topics: [TOPICS.userEvents],
      types: ['UserCreated'],
      handler: async () => {
        inHandler = trace.getActiveSpan()?.spanContext();
      },
    });
    await consumer.deliver(TOPICS.userEvents, JSON.stringify(received), '0', traceparentOf(writer));
    const span = (await finished()).find((s) => s.spanContext().spanId === inHandler?.spanId);
    expect(span?.kind).toBe(SpanKind.CONSUMER);
    expect(span?.spanContext().traceId).toBe(writer.traceId);
    expect(span?.parentSpanContext?.spanId).toBe(writer.spanId);
  });
});
