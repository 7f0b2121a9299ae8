import {
  context,
  createContextKey,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
} from '@opentelemetry/api';

/**
 * Spans that continue a trace received as a W3C `traceparent` (a Kafka event's header, a value stored
 * with an order, a gateway callback's metadata) rather than the one active. Without the SDK
 * (libs/telemetry not started) every call here is the API's no-op and `fn` simply runs.
 */
const tracer = trace.getTracer('@platform/service-kit');

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A context whose (remote) parent is the W3C `traceparent`; the root context when there is none. */
export function remoteParent(traceparent: string | undefined): Context {
  const m = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!m) return ROOT_CONTEXT;
  const sc = { traceId: m[1], spanId: m[2], traceFlags: parseInt(m[3], 16), isRemote: true };
  return trace.setSpanContext(ROOT_CONTEXT, sc);
}

/** A span link to the W3C `traceparent`, when it is one. */
export function linkTo(traceparent: string | undefined): Link[] {
  const sc = trace.getSpanContext(remoteParent(traceparent));
  return sc ? [{ context: sc }] : [];
}

/** A link to the span active now (the request being served), so its trace points to the new one. */
export function linkToActive(): Link[] {
  const sc = trace.getActiveSpan()?.spanContext();
  return sc && trace.isSpanContextValid(sc) ? [{ context: sc }] : [];
}

const PROBE = createContextKey('platform.tracing.probe');
/** Whether a context manager is installed (the SDK started): else contexts cannot reach any span. */
export const tracingActive = (): boolean =>
  context.with(ROOT_CONTEXT.setValue(PROBE, true), () => context.active().getValue(PROBE) === true);

export interface RemoteSpanOptions {
  /** The parent; none (or not W3C): the span starts under the active context instead. */
  traceparent?: string;
  /** Or the parent context itself (ROOT_CONTEXT: a new trace), taking precedence over `traceparent`. */
  parent?: Context;
  links?: Link[];
  kind?: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs `fn` inside a span whose parent is `traceparent` (work that belongs to an earlier request's
 * trace, such as an order's payment), linked to `links`. The span is active: the database, HTTP and
 * outbox writes in `fn` join it (an outbox row takes its traceparent). An error marks it and rethrows.
 */
export function inSpanUnder<T>(name: string, opts: RemoteSpanOptions, fn: () => Promise<T>): Promise<T> {
  const parent =
    opts.parent ??
    (opts.traceparent && TRACEPARENT.test(opts.traceparent)
      ? remoteParent(opts.traceparent)
      : context.active());
  return tracer.startActiveSpan(
    name,
    { kind: opts.kind ?? SpanKind.INTERNAL, links: opts.links ?? [], attributes: opts.attributes },
    parent,
    async (span) => {
      try {
        return await fn();
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
