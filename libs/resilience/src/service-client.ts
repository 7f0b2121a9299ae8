import { AppError, currentContext, isAppError, outgoingTraceparent } from '@platform/service-kit';
import { backOff } from 'exponential-backoff';
import CircuitBreaker from 'opossum';
import { type BreakerRegistry } from './breaker-registry';

export interface ServiceClientOptions {
  /** Key in the breaker status, e.g. `order_service`. */
  name: string;
  baseUrl: string;
  registry: BreakerRegistry;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls. */
  retries?: number;
  retryDelayMs?: number;
  breaker?: { errorThresholdPercentage?: number; volumeThreshold?: number; resetTimeoutMs?: number };
  /**
   * Service tokens for `/internal/*` calls, minted by this caller for the service it calls (the
   * token's `aud`), so a token this client sends is good for that one service only.
   */
  serviceToken?: { tokens: ServiceTokenMinter; caller: string; audience: string };
  /**
   * A `429` answer is waited out for its `Retry-After` (seconds or an HTTP date) and the call sent again,
   * at most `retries` times (0 by default: the 429 goes to the caller), never longer than `maxWaitMs`
   * per wait. A 429 says the service is up: it never counts toward the breaker.
   */
  rateLimited?: { retries: number; maxWaitMs?: number };
}

/** What mints service tokens (`createServiceTokens` of @platform/auth). */
export interface ServiceTokenMinter {
  token(caller: string, audience: string): string;
}

export interface CallOptions {
  body?: unknown;
  /** GET, PUT and DELETE are idempotent; a POST is only when it carries an idempotency key. */
  idempotent?: boolean;
  headers?: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header && /^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = header ? Date.parse(header) : NaN;
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

interface Call {
  method: string;
  path: string;
  opts: CallOptions;
}

/**
 * The one way a service calls another over HTTP: timeout, retries with exponential backoff and jitter
 * for idempotent calls, and an opossum breaker in which only 5xx answers and timeouts count.
 */
export class ServiceClient {
  private readonly breaker: CircuitBreaker<[Call], unknown>;

  constructor(private readonly opts: ServiceClientOptions) {
    const b = opts.breaker ?? {};
    this.breaker = new CircuitBreaker((call: Call) => this.attempt(call), {
      name: opts.name,
      timeout: false, // each attempt carries its own AbortSignal timeout
      errorThresholdPercentage: b.errorThresholdPercentage ?? 50,
      volumeThreshold: b.volumeThreshold ?? 5,
      resetTimeout: b.resetTimeoutMs ?? 10_000,
      // a 4xx is the caller's fault and says the service is up: it must not open the breaker
      errorFilter: (err: unknown) => isAppError(err) && !err.retriable,
    });
    opts.registry.register(opts.name, this.breaker);
  }

  get<T>(path: string, opts: Omit<CallOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, { idempotent: true, ...opts });
  }

  post<T>(path: string, body: unknown, opts: Omit<CallOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { idempotent: false, ...opts, body });
  }

  async request<T>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
    const limit = this.opts.rateLimited ?? { retries: 0 };
    for (let waited = 0; ; waited++) {
      try {
        return await this.requestOnce<T>(method, path, opts);
      } catch (err) {
        const wait = isAppError(err) && err.status === 429 ? err.details?.retry_after_ms : undefined;
        if (typeof wait !== 'number' || waited >= limit.retries) throw err;
        await sleep(Math.min(wait, limit.maxWaitMs ?? 60_000));
      }
    }
  }

  private async requestOnce<T>(method: string, path: string, opts: CallOptions): Promise<T> {
    const call: Call = { method, path, opts };
    const attempts = opts.idempotent ? 1 + (this.opts.retries ?? 2) : 1;
    return (await backOff(() => this.throughBreaker(call), {
      numOfAttempts: attempts,
      startingDelay: this.opts.retryDelayMs ?? 100,
      maxDelay: 2000,
      jitter: 'full',
      // never retry what the breaker refused, nor a failure that is not retriable
      retry: (err: unknown) => isAppError(err) && err.retriable && !this.breaker.opened,
    })) as T;
  }

  /**
   * A health check of the service (`GET /ready` by default): one attempt with its own short timeout,
   * never retried and never through the breaker, so probing cannot open it, count toward it, or be
   * refused by it, and a probe answers within `timeoutMs` whatever the call settings are.
   */
  async probe(path = '/ready', { timeoutMs = 1000 }: { timeoutMs?: number } = {}): Promise<void> {
    await this.attempt({ method: 'GET', path, opts: {} }, timeoutMs);
  }

  private async throughBreaker(call: Call): Promise<unknown> {
    try {
      return await this.breaker.fire(call);
    } catch (err) {
      if ((err as { code?: string }).code === 'EOPENBREAKER') {
        throw new AppError({
          code: 'SERVICE_UNAVAILABLE',
          status: 503,
          retriable: true,
          message: `${this.opts.name} is unavailable (circuit open)`,
          details: { dependency: this.opts.name },
        });
      }
      throw err;
    }
  }

  private async attempt(
    { method, path, opts }: Call,
    timeoutMs = this.opts.timeoutMs ?? 2000,
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    const ctx = currentContext();
    if (ctx) headers['x-request-id'] = ctx.request_id;
    const traceparent = outgoingTraceparent();
    if (traceparent) headers.traceparent = traceparent;
    const auth = this.opts.serviceToken;
    if (auth) headers.authorization = `Bearer ${auth.tokens.token(auth.caller, auth.audience)}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';

    let res: Response;
    try {
      res = await fetch(new URL(path, this.opts.baseUrl), {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw this.unavailable(`${this.opts.name} did not answer`, cause);
    }
    const body = await res.json().catch(() => undefined);
    if (res.status >= 500)
      throw this.unavailable(`${this.opts.name} answered ${res.status}`, undefined, res.status);
    if (res.status === 429)
      throw new AppError({
        code: 'RATE_LIMIT_EXCEEDED',
        status: 429,
        message: `${this.opts.name} answered 429`,
        details: { dependency: this.opts.name, retry_after_ms: retryAfterMs(res.headers.get('retry-after')) },
      });
    if (res.status >= 400) {
      const upstream = (
        body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined
      )?.error;
      // the service's own details stay (a 409's `job_id`, a 400's `fields`): the caller may show them
      throw new AppError({
        code: upstream?.code ?? 'UPSTREAM_REJECTED',
        status: res.status,
        message: upstream?.message ?? `${this.opts.name} answered ${res.status}`,
        details: { ...upstream?.details, dependency: this.opts.name },
      });
    }
    return body;
  }

  private unavailable(message: string, cause?: unknown, upstreamStatus?: number): AppError {
    return new AppError({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      retriable: true,
      message,
      cause,
      details: { dependency: this.opts.name, ...(upstreamStatus ? { upstream_status: upstreamStatus } : {}) },
    });
  }
}
