import { type OrderDeps } from './order-deps';
import { transitionOrder } from './order-transitions';
import { releaseHeldStock } from './stock-release';

export interface SweeperOptions {
  intervalMs: number;
  /** A `reserving` order older than this never completed (its process died): give its stock back. */
  reservationTimeoutMs: number;
  batch?: number;
}

/**
 * Background work on orders that nobody else will finish: pending orders past `expires_at` expire
 * (ORDER_EXPIRY_MINUTES), `reserving` orders whose creating process died are abandoned, and every
 * order that ended without completing and still holds stock gives it back (`releaseHeldStock` is safe
 * to repeat). Each pass is idempotent, so two replicas sweeping at once do no harm.
 */
export class OrderSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

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

  /** One pass (tests call it directly). */
  async sweep(): Promise<void> {
    const { orders } = this.deps;
    const now = this.deps.clock();
    const batch = this.opts.batch ?? 100;
    for (const order of await orders.dueForExpiry(now, batch))
      await transitionOrder(order, 'expired', {}, this.deps).catch(() => undefined); // paid meanwhile
    const before = new Date(now.getTime() - this.opts.reservationTimeoutMs);
    for (const stale of await orders.staleReserving(before, batch)) {
      const abandoned = await orders.transition(
        stale._id,
        'reserving',
        'abandoned',
        { idem: `abandoned:${stale._id}` },
        [],
      );
      if (abandoned)
        this.deps.logger.warn('order creation never completed; giving its stock back', {
          order_id: stale._id,
        });
    }
    for (const order of await orders.holdingStock(batch)) await releaseHeldStock(order, this.deps);
  }
}
