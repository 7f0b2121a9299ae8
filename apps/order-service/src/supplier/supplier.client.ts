import {
  SupplierProductPageSchema,
  SupplierStockSchema,
  type SupplierProductPage,
} from '@platform/contracts';
import { type BreakerRegistry, ServiceClient } from '@platform/resilience';
import { AppError, Errors, isAppError } from '@platform/service-kit';
import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';
import { type z } from 'zod';
import { type Config } from '../config';

export interface ProductsQuery {
  page: number;
  perPage: number;
  ids?: string[];
  categories?: string[];
}

/**
 * The outside supplier's API: the shared ServiceClient (timeout, retries, its own breaker `supplier`,
 * a 429 waited out for its Retry-After), behind a client-side limiter that keeps this process under
 * the supplier's requests per minute. rate-limiter-flexible (already a dependency, maintained) queues
 * callers FIFO until a token is free (RateLimiterQueue) instead of failing them; the budget is spread
 * per second (600/min = 10/s), so no burst of a whole minute's requests hits the supplier at once.
 */
export class SupplierClient {
  constructor(
    private readonly http: ServiceClient,
    private readonly queue: RateLimiterQueue,
  ) {}

  async products(q: ProductsQuery): Promise<SupplierProductPage> {
    const params = new URLSearchParams({ page: String(q.page), per_page: String(q.perPage) });
    if (q.ids?.length) params.set('ids', q.ids.join(','));
    if (q.categories?.length) params.set('categories', q.categories.join(','));
    return this.call(SupplierProductPageSchema, `/products?${params}`);
  }

  /** The supplier's stock of a product; undefined when it does not list it (404). */
  async stock(productId: string): Promise<{ stock: number; available: boolean } | undefined> {
    try {
      return await this.call(SupplierStockSchema, `/products/${encodeURIComponent(productId)}/stock`);
    } catch (err) {
      if (isAppError(err) && err.status === 404) return undefined;
      throw err;
    }
  }

  private async call<S extends z.ZodType>(schema: S, path: string): Promise<z.infer<S>> {
    await this.queue.removeTokens(1).catch((err: Error) => {
      throw Errors.unavailable('Too many supplier calls are waiting', err);
    });
    const body = await this.http.get<unknown>(path);
    const parsed = schema.safeParse(body);
    // an answer we cannot read is the supplier's fault, never the caller's
    if (!parsed.success)
      throw new AppError({
        code: 'BAD_GATEWAY',
        status: 502,
        message: 'The supplier answered in an unexpected format',
        details: { dependency: 'supplier' },
      });
    return parsed.data;
  }
}

export function createSupplierClient(config: Config, breakers: BreakerRegistry): SupplierClient {
  const http = new ServiceClient({
    name: 'supplier',
    baseUrl: config.SUPPLIER_URL,
    registry: breakers,
    timeoutMs: config.HTTP_TIMEOUT_MS,
    retries: 2,
    breaker: { resetTimeoutMs: config.BREAKER_RESET_MS },
    rateLimited: { retries: 5, maxWaitMs: 60_000 },
  });
  const perSecond = Math.max(1, Math.floor(config.SUPPLIER_RATE_PER_MINUTE / 60));
  const queue = new RateLimiterQueue(new RateLimiterMemory({ points: perSecond, duration: 1 }), {
    maxQueueSize: 10_000,
  });
  return new SupplierClient(http, queue);
}
