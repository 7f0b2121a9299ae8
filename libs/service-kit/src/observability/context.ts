import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

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

/** The `traceparent` to send downstream from the current context. */
export function outgoingTraceparent(): string | undefined {
  const ctx = storage.getStore();
  return ctx ? `00-${ctx.trace_id}-${ctx.span_id}-01` : undefined;
}
