import { type HealthCheck, type Logger, type Metrics } from '@platform/service-kit';
import { type OutgoingMessage } from '../publisher';
import { exportOutboxGauges, type OutboxStats } from './outbox-metrics';
import { backoff, Pauser, type OutboxPublisher } from './relay-support';

/** What every relay is configured with, whatever its store. */
export interface RelayLoopOptions {
  publisher: OutboxPublisher;
  logger: Logger;
  /** Exports outbox_pending, outbox_oldest_age_seconds, outbox_parked and outbox_held_back. */
  metrics?: Metrics;
  /** How long to wait when the outbox is empty. */
  idleMs?: number;
  /** How often a standby replica tries to become the active relay. */
  standbyMs?: number;
  /** First delay after a failure, doubled up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /**
   * A send that has not been acknowledged by then is given up (and retried), so that a holder stuck in
   * a send stops before its lease or lock can expire. Lease-based relays default to a third of it.
   */
  publishTimeoutMs?: number;
}

/** The error of a send given up after publishTimeoutMs: Kafka did not answer, not the event's fault. */
export class PublishTimeoutError extends Error {
  override readonly name = 'OutboxPublishTimeout';
}

/**
 * The skeleton every relay shares: start/stop, the loop that stands by until it holds its store's
 * lock and then relays, backs off after failures, releases the lock when stopped, the gauges and the
 * health check. A relay adds only its store: how it takes the lock, relays a batch, and counts.
 */
export abstract class RelayBase {
  private running = false;
  private loop?: Promise<void>;
  private readonly pauser = new Pauser();
  private unexport?: () => void;
  private failures = 0;

  protected constructor(
    private readonly loopOpts: RelayLoopOptions,
    /** The `outbox` label of the gauges and the name in the logs. */
    private readonly label: 'postgres' | 'mongodb' | 'redis',
    private readonly defaultPublishTimeoutMs: number,
  ) {}

  /** True while this replica is the one publishing. */
  abstract get active(): boolean;
  /** Takes the store's lock, or keeps it; false while another replica holds it. */
  protected abstract acquire(): Promise<boolean>;
  /** Relays what is pending; returns how many events went out (0: wait idleMs before looking again). */
  protected abstract relayOnce(): Promise<number>;
  protected abstract release(): Promise<void>;
  protected abstract stats(): Promise<OutboxStats>;
  /** Parked events and the events held back behind them. */
  protected abstract parkedCounts(): Promise<{ parked: number; heldBack: number }>;
  /** After a failure (a relay that must re-read what it had read, say). */
  protected onFailure(): void {}

  protected get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.loopOpts.metrics)
      this.unexport = exportOutboxGauges(this.loopOpts.metrics, this.label, () => this.stats());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pauser.wake();
    await this.loop;
    this.unexport?.();
  }

  /** Non-critical: the service works, but parked events (and their keys' later ones) wait for a person. */
  healthCheck(name = 'outbox'): HealthCheck {
    return {
      name,
      critical: false,
      check: async () => {
        const { parked, heldBack } = await this.parkedCounts();
        if (parked > 0)
          throw new Error(`${parked} outbox event(s) parked, ${heldBack} held back behind them`);
      },
    };
  }

  /** Sends through the publisher, giving up after publishTimeoutMs (the send itself may still land). */
  protected async publish(messages: OutgoingMessage[]): Promise<void> {
    const ms = this.loopOpts.publishTimeoutMs ?? this.defaultPublishTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PublishTimeoutError(`no acknowledgement within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([this.loopOpts.publisher.publish(messages), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(): Promise<void> {
    const { logger } = this.loopOpts;
    while (this.running) {
      try {
        if (!(await this.acquire())) {
          await this.pauser.pause(this.loopOpts.standbyMs ?? 1000);
          continue;
        }
        const sent = await this.relayOnce();
        this.failures = 0;
        if (!sent && this.running) await this.pauser.pause(this.loopOpts.idleMs ?? 200);
      } catch (err) {
        this.onFailure();
        this.failures++;
        const delay = backoff(
          this.loopOpts.retryDelayMs ?? 200,
          this.loopOpts.maxRetryDelayMs ?? 30_000,
          this.failures,
        );
        logger.warn('Outbox relay failed; will retry', { outbox: this.label, error: err, delay_ms: delay });
        await this.pauser.pause(delay);
      }
    }
    await this.release().catch((err: unknown) =>
      logger.warn('Outbox relay could not release its lock', { outbox: this.label, error: err }),
    );
  }
}
