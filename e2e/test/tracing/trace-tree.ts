import { type ReceivedSpan } from './otlp-receiver';

export const SERVER = 2;
export const CLIENT = 3;
export const PRODUCER = 4;
export const CONSUMER = 5;

/** The request path of a server span, whichever HTTP semantic conventions the instrumentation follows. */
export const pathOf = (s: ReceivedSpan) =>
  String(s.attributes['url.path'] ?? s.attributes['http.target'] ?? '').split('?')[0];

/** How a span reads in a failure message. */
export const labelOf = (s: ReceivedSpan) => `${s.service} [${s.kind}] ${s.name}`;

/** The spans of one trace whose parent is not in it: one trace of one saga has exactly one, its root. */
export function rootsOf(spans: ReceivedSpan[], traceId: string): ReceivedSpan[] {
  const of = spans.filter((s) => s.traceId === traceId);
  const ids = new Set(of.map((s) => s.spanId));
  return of.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
}

/** The span, its parent, its parent's parent … up to the root of its trace (as far as received). */
export function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const byId = new Map(spans.filter((s) => s.traceId === span.traceId).map((s) => [s.spanId, s]));
  const path = [span];
  for (let p = byId.get(span.parentSpanId ?? ''); p && !path.includes(p); p = byId.get(p.parentSpanId ?? ''))
    path.push(p);
  return path;
}

/**
 * Whether `steps` are met in this order walking from the root of `span`'s trace down to `span` (other
 * spans may sit between them: route handlers, database calls): the labels of the path when not.
 */
export function pathThrough(
  spans: ReceivedSpan[],
  span: ReceivedSpan,
  steps: ((s: ReceivedSpan) => boolean)[],
): true | string[] {
  const path = ancestry(spans, span).reverse();
  let next = 0;
  for (const s of path) if (next < steps.length && steps[next](s)) next++;
  return next === steps.length ? true : path.map(labelOf);
}
