import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import winston from 'winston';
import { outgoingTraceparent, runWithContext } from './context';
import { createLogger } from './logger';

/** With the SDK running (as libs/telemetry starts it), log lines and traceparents follow the active span. */
describe('logger and context under an OpenTelemetry span', () => {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor({ exporter });
  const provider = new TracerProvider({ spanProcessors: [processor] });
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  const captured = () => {
    const lines: string[] = [];
    const logger = createLogger('order-service', 'info');
    logger.clear().add(
      new winston.transports.Stream({
        stream: new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }),
      }),
    );
    return { logger, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  };

  it("writes the active span's trace_id and span_id, not the request context's own", async () => {
    const { logger, lines } = captured();
    const tracer = trace.getTracer('test');
    const ids = await runWithContext(
      { request_id: 'r1', trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) },
      () =>
        tracer.startActiveSpan('POST /api/orders', async (span) => {
          await new Promise((resolve) => setImmediate(resolve)); // across an await, as a handler would log
          logger.info('Order created');
          span.end();
          return span.spanContext();
        }),
    );
    expect(lines()[0]).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId, request_id: 'r1' });
    await processor.forceFlush(); // the export is asynchronous
    expect(exporter.getFinishedSpans().map((s) => s.spanContext().spanId)).toContain(ids.spanId);
  });

  it("sends the active span's traceparent downstream, and keeps the context's when no span runs", () => {
    const tracer = trace.getTracer('test');
    const sent = tracer.startActiveSpan('call', (span) => {
      const tp = outgoingTraceparent();
      span.end();
      return { tp, sc: span.spanContext() };
    });
    expect(sent.tp).toBe(`00-${sent.sc.traceId}-${sent.sc.spanId}-01`);
    const own = runWithContext(
      { request_id: 'r2', trace_id: 'c'.repeat(32), span_id: 'd'.repeat(16) },
      () => {
        const { logger, lines } = captured();
        logger.info('no span');
        return { tp: outgoingTraceparent(), line: lines()[0] };
      },
    );
    expect(own.tp).toBe(`00-${'c'.repeat(32)}-${'d'.repeat(16)}-01`);
    expect(own.line).toMatchObject({ trace_id: 'c'.repeat(32), span_id: 'd'.repeat(16) });
  });
});
