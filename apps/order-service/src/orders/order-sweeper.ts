import { type OpenOrderDoc } from './open-orders.repository';
import { type OrderDeps } from './order-deps';
import { type OrderDoc } from './order-document';
import { transitionOrder } from './order-transitions';
import { TERMINAL } from './orders.repository';
import { releaseHeldStock } from './stock-release';

const min = (a: Date, b: Date) => (a <= b ? a : b);

export interface SweeperOptions {
  intervalMs: number;
  /** A `reserving` order older than this never completed (its process died): give its stock back. */
  reservationTimeoutMs: number;
  /** How often the whole `orders` collection is searched too (at start, then this often). */
  fullSweepMs: number;
  batch?: number;
}

/**
 * Background work on orders that nobody else will finish: pending orders past `expires_at` expire
 * (ORDER_EXPIRY_MINUTES), `reserving` orders whose creating process died are abandoned, and every
 * order that ended without completing and still holds stock gives it back (`releaseHeldStock` is safe
 * to repeat). Each pass is idempotent, so two replicas sweeping at once do no harm.
 *
 * A pass reads the list of open orders that are due (OpenOrdersRepository) and each of them by `_id`:
 * it finishes what is due, looks again when the order will be due, or takes it off the list once
 * nothing is left to do. At start and every `fullSweepMs` it also searches the whole collection, for
 * orders the list does not name (made before it existed).
 */
export class OrderSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastFullSweep = 0;

  constructor(
    private readonly deps: OrderDeps,
    private readonly opts: SweeperOptions,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.sweep()
        .catch((err: Error) => {
          this.deps.logger.warn('order sweep failed', { error: err.message });
        })
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.opts.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.opts.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass (tests call it directly); the full search too when it is due. */
  async sweep(): Promise<void> {
    const now = this.deps.clock();
    for (const entry of await this.deps.orders.open.due(now, this.opts.batch ?? 100))
      await this.finish(entry, now);
    if (now.getTime() - this.lastFullSweep >= this.opts.fullSweepMs) {
      await this.sweepAll(now);
      this.lastFullSweep = now.getTime();
    }
  }

  /** What is due for one open order; then when to look again, or nothing more to do. */
  private async finish(entry: OpenOrderDoc, now: Date): Promise<void> {
    const { orders } = this.deps;
    const staleAfter = (d: Date) => new Date(d.getTime() + this.opts.reservationTimeoutMs);
    const order = await orders.findAnyTenant(entry._id);
    if (!order) {
      // listed just before its insert, which has not come yet, or never came (a duplicate, a crash)
      if (staleAfter(entry.since) <= now) await orders.open.close(entry);
      else await orders.open.later(entry, staleAfter(entry.since));
    } else if (order.status === 'reserving') {
      if (staleAfter(order.created_at) <= now) await this.abandon(order);
      // pending by then, it is due at its expiry (often sooner)
      else await orders.open.later(entry, min(staleAfter(order.created_at), order.expires_at));
    } else if (order.status === 'pending') {
      if (order.expires_at <= now)
        await transitionOrder(order, 'expired', {}, this.deps).catch(() => undefined); // paid meanwhile
      else await orders.open.later(entry, order.expires_at);
    } else if (TERMINAL.includes(order.status) && !order.stock_released) {
      await releaseHeldStock(order, this.deps);
      await orders.open.close(entry);
    } else {
      await orders.open.close(entry);
    }
  }

  /** The whole collection searched: orders due that the list of open orders may not name. */
  private async sweepAll(now: Date): Promise<void> {
    const { orders } = this.deps;
    const batch = this.opts.batch ?? 100;
    for (const order of await orders.dueForExpiry(now, batch))
      await transitionOrder(order, 'expired', {}, this.deps).catch(() => undefined); // paid meanwhile
    const before = new Date(now.getTime() - this.opts.reservationTimeoutMs);
    for (const stale of await orders.staleReserving(before, batch)) await this.abandon(stale);
    for (const order of await orders.holdingStock(batch)) await releaseHeldStock(order, this.deps);
  }

  /** A `reserving` order whose process died: abandoned, which lists it for its release. */
  private async abandon(order: OrderDoc): Promise<void> {
    const abandoned = await this.deps.orders.transition(
      order._id,
      'reserving',
      'abandoned',
      { idem: `abandoned:${order._id}` },
      [],
    );
    if (abandoned)
      this.deps.logger.warn('order creation never completed; giving its stock back', { order_id: order._id });
  }
}
