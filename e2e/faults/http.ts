import { noOutcomes, type OperationCounts } from './invariant-result';

/** What came back: the status (0 when no answer came at all: refused, reset, timed out) and the body. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export interface Request {
  method?: 'GET' | 'POST';
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP request, never throwing: a network error is status 0 (a 5xx for the counts). */
export async function send<T = unknown>(url: string, req: Request = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(url, {
      method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text for the violation's message
    }
    return { status: res.status, body: body as T };
  } catch {
    return { status: 0, body: undefined as T };
  }
}

/** Reads that must work (the checks after the run): a non-2xx is an error naming the request. */
export async function read<T>(url: string, token: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await send<T>(url, { token });
    if (res.status >= 200 && res.status < 300) return res.body;
    // a read after the system settled may still meet a breaker half open: once more, then it is an error
    if (attempt >= 2 || (res.status > 0 && res.status < 500))
      throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Counts operations by kind and last outcome, for the table. */
export class Counter {
  readonly counts: OperationCounts = {};

  record(kind: string, status: number, retried = 0): void {
    const c = (this.counts[kind] ??= noOutcomes());
    c.sent++;
    c.retried += retried;
    if (status >= 200 && status < 300) c.ok++;
    else if (status >= 400 && status < 500) c.clientError++;
    else if (status === 503) c.unavailable++;
    else if (status === 0) c.noAnswer++;
    else c.serverError++;
  }
}

export const isOk = (a: Answer) => a.status >= 200 && a.status < 300;

/**
 * Sends a request that carries an Idempotency-Key again on a 5xx or no answer (the same key, so the
 * service answers the first one's result and never acts twice), up to `attempts` times, with backoff
 * across a fault's few seconds. Counted once, with its retries.
 */
export async function sendIdempotent<T>(
  counter: Counter,
  kind: string,
  url: string,
  req: Request & { idempotencyKey: string },
  attempts = 6,
): Promise<Answer<T>> {
  const headers = { ...req.headers, 'idempotency-key': req.idempotencyKey };
  let res = await send<T>(url, { ...req, headers });
  let retried = 0;
  while ((res.status === 0 || res.status >= 500) && retried < attempts - 1) {
    retried++;
    await new Promise((r) => setTimeout(r, 250 * 2 ** retried));
    res = await send<T>(url, { ...req, headers });
  }
  counter.record(kind, res.status, retried);
  return res;
}
