import { TOPICS, type DomainEvent } from '@platform/contracts';
import { createEvent, type OutgoingMessage } from '@platform/messaging';
import { type Logger } from '@platform/service-kit';
import { type RequestHandler } from 'express';
import { type TenantResolver } from './rate-limit';

/**
 * What a route served beyond the call itself, set by the route on `res.locals.usage` before it answers:
 * ml-engine's recommendations route sets `{ recommendations_served: n }`, ingestion `{ items_indexed: n }`.
 */
export interface UsageExtras {
  items_indexed?: number;
  recommendations_served?: number;
}

interface Counts {
  api_calls: number;
  recommendations_served: number;
  items_indexed: number;
  latency_ms_sum: number;
}

export interface UsageMeterOptions {
  /** The service that served the calls (`usage_daily.service`). */
  service: string;
  /** The `Publisher` of @platform/messaging (acks=all), or anything that publishes the same way. */
  publisher: { publish(messages: OutgoingMessage[]): Promise<void> };
  tenantOf: TenantResolver;
  flushMs: number;
  logger: Logger;
  /** Paths (relative to the mount point) that are not counted, e.g. `/health`. */
  exempt?: readonly string[];
  now?: () => Date;
}

type UsageEvent = DomainEvent<'UsageRecorded'>;

/**
 * Counts the public calls of a service per tenant (calls, latency, and what the route reports in
 * `res.locals.usage`) and publishes one `UsageRecorded` per tenant per window on `usage.events`, every
 * `flushMs` and on stop. data-pipeline sums them into `GET /api/v1/usage`; this is also how ml-engine
 * reports the recommendations it served (set `res.locals.usage.recommendations_served`, mount `middleware()`).
 *
 * A call is counted when its answer is sent, for the tenant resolved then (so a route that identifies
 * its caller itself, by setting the principal, is counted too). A window that fails to publish is kept
 * as the very same events (same `event_id`s) and sent again first at the next flush: an ambiguous failure
 * (the broker took it, the ack was lost) is then deduplicated by the consumer's inbox, and nothing is lost
 * while Kafka is briefly away. Meanwhile new calls keep counting in the next window, so memory stays bounded
 * (one pending event per tenant plus the live counts).
 */
export class UsageMeter {
  private live = new Map<string, Counts>();
  private windowStart: Date;
  private pending: UsageEvent[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly exempt: Set<string>;
  private readonly now: () => Date;

  constructor(private readonly opts: UsageMeterOptions) {
    this.now = opts.now ?? (() => new Date());
    this.windowStart = this.now();
    this.exempt = new Set(opts.exempt ?? []);
  }

  /** Express middleware: counts the call when its answer has been sent. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      if (this.exempt.has(req.path)) return next();
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const tenantId = this.opts.tenantOf(req, res);
        if (!tenantId) return;
        const extras = (res.locals.usage ?? {}) as UsageExtras;
        this.record(tenantId, Number(process.hrtime.bigint() - started) / 1e6, extras);
      });
      next();
    };
  }

  /** One served call of `tenantId` (the middleware calls it; a worker serving calls may too). */
  record(tenantId: string, latencyMs: number, extras: UsageExtras = {}): void {
    const c = this.live.get(tenantId) ?? {
      api_calls: 0,
      recommendations_served: 0,
      items_indexed: 0,
      latency_ms_sum: 0,
    };
    c.api_calls += 1;
    c.latency_ms_sum += Math.max(0, latencyMs);
    c.recommendations_served += Math.max(0, Math.trunc(extras.recommendations_served ?? 0));
    c.items_indexed += Math.max(0, Math.trunc(extras.items_indexed ?? 0));
    this.live.set(tenantId, c);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and publishes what is still counted (logged when Kafka refuses it). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.flush(); // the first may only have sent an earlier window
    const left = (this.pending?.length ?? 0) + this.live.size;
    if (left) this.opts.logger.error('Usage not published at shutdown', { tenants: left });
  }

  /** Publishes the pending window, then the live one; one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.publishWindows().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async publishWindows(): Promise<void> {
    try {
      if (this.pending) await this.send(this.pending);
      this.pending = this.roll();
      if (this.pending) await this.send(this.pending);
    } catch (err) {
      this.opts.logger.warn('Usage not published; kept for the next flush', {
        error: (err as Error).message,
        tenants: this.pending?.length,
      });
    }
  }

  private async send(events: UsageEvent[]): Promise<void> {
    await this.opts.publisher.publish(events.map((event) => ({ topic: TOPICS.usageEvents, event })));
    this.pending = undefined;
  }

  /** The live counts become one event per tenant; counting starts a new window. */
  private roll(): UsageEvent[] | undefined {
    if (!this.live.size) return undefined;
    const counts = this.live;
    const windowStart = this.windowStart.toISOString();
    this.live = new Map();
    this.windowStart = this.now();
    return [...counts].map(([tenantId, c]) =>
      createEvent('UsageRecorded', {
        aggregateId: tenantId,
        tenantId,
        data: { tenant_id: tenantId, service: this.opts.service, window_start: windowStart, ...c },
      }),
    );
  }
}
