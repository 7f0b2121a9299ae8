import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { isSpanContextValid, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';

/** What every log line and outgoing call of one request (or one consumed event) carries. */
export interface RequestContext {
  request_id: string;
  trace_id: string;
  span_id: string;
  tenant_id?: string;
  user_id?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext | undefined => storage.getStore();

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** Adds who is asking (set by auth middleware) to the running context. */
export function setContextIdentity(identity: { tenant_id?: string; user_id?: string }): void {
  const ctx = storage.getStore();
  if (ctx) Object.assign(ctx, identity);
}

// randomUUID draws from a buffered entropy pool: much cheaper per request than randomBytes()
const hex32 = () => randomUUID().replace(/-/g, '');

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** A child span of the W3C `traceparent` received, or a new trace when there is none. */
export function traceFrom(traceparent: string | undefined): { trace_id: string; span_id: string } {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  return { trace_id: match ? match[1] : hex32(), span_id: hex32().slice(16) };
}

/**
 * The active OpenTelemetry span, when libs/telemetry started the SDK and a span is running (an HTTP
 * request, a consumed event). Without the SDK the API is a no-op: this is one lookup that finds nothing.
 */
function activeSpan(): SpanContext | undefined {
  const sc = trace.getActiveSpan()?.spanContext();
  return sc && isSpanContextValid(sc) ? sc : undefined;
}

/** The trace ids to start a request's context with: the active span's, else a child of `traceparent`. */
export function contextTrace(traceparent: string | undefined): { trace_id: string; span_id: string } {
  const sc = activeSpan();
  return sc ? { trace_id: sc.traceId, span_id: sc.spanId } : traceFrom(traceparent);
}

/** What a log line carries: the active span's ids (the real ones when tracing), else the context's. */
export function currentTraceIds(): { trace_id: string; span_id: string } | undefined {
  const sc = activeSpan();
  if (sc) return { trace_id: sc.traceId, span_id: sc.spanId };
  const ctx = storage.getStore();
  return ctx && { trace_id: ctx.trace_id, span_id: ctx.span_id };
}

/** The `traceparent` to send downstream (or store with an event): the active span's, else the context's. */
export function outgoingTraceparent(): string | undefined {
  const sc = activeSpan();
  if (sc) return `00-${sc.traceId}-${sc.spanId}-${sc.traceFlags & TraceFlags.SAMPLED ? '01' : '00'}`;
  const ctx = storage.getStore();
  return ctx ? `00-${ctx.trace_id}-${ctx.span_id}-01` : undefined;
}

/**
 * Exports the spans still buffered (libs/telemetry's SDK, reached through the API's global provider):
 * the last thing a graceful shutdown does before exiting. Nothing to do, at once, when tracing is off.
 */
export async function flushTraces(timeoutMs = 2000): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => { forceFlush?: () => Promise<void> } };
  const flush = provider.getDelegate?.().forceFlush?.();
  if (!flush) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([flush.catch(() => undefined), late]);
  clearTimeout(timer);
}
