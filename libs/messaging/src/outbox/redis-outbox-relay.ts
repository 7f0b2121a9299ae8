import { type EventEnvelope } from '@platform/contracts';
import { type HealthCheck, type Logger, type Metrics } from '@platform/service-kit';
import type Redis from 'ioredis';
import { type OutgoingMessage } from '../publisher';
import { exportOutboxGauges, type OutboxStats } from './outbox-metrics';
import { RedisLock } from './redis-lock';
import {
  AttemptCounter,
  backoff,
  describeError,
  isTransientPublishError,
  Pauser,
  type OutboxPublisher,
} from './relay-support';

export interface RedisRelayOptions {
  redis: Redis;
  /** The outbox stream (written with appendEvents). */
  stream: string;
  publisher: OutboxPublisher;
  logger: Logger;
  metrics?: Metrics;
  /** The stream's consumer group; one per outbox. */
  group?: string;
  batchSize?: number;
  idleMs?: number;
  /** Length of the active relay's lock; a standby takes over at most this long after the holder died. */
  lockMs?: number;
  standbyMs?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Failed attempts after which an entry is moved to `<stream>:parked` instead of holding back the rest. */
  maxAttempts?: number;
  /** Failures that say Kafka was unreachable and so do not count towards parking an entry. */
  isTransient?: (err: unknown) => boolean;
}

type StreamEntry = [id: string, fields: string[] | null];

/**
 * Publishes a Redis outbox stream in stream order (the order of the EXECs that wrote it), through a
 * consumer group: entries are read (XREADGROUP), published, then acknowledged and deleted (XACK, XDEL),
 * so the stream holds only what is not yet published. Only the holder of the lock reads. When it takes
 * over, and after a failed send, it first claims every pending entry (XAUTOCLAIM, a dead holder's as
 * well as its own) and publishes those, in id order, before reading new ones: nothing is lost and no
 * key is reordered. A crash after the publish and before the XACK publishes again: at-least-once.
 * After a failed batch the pending entries go out one by one, and one the broker keeps refusing is
 * parked after maxAttempts in `<stream>:parked` (with its error): healthCheck() reports degraded.
 */
export class RedisOutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private readonly lock: RedisLock;
  private readonly group: string;
  private readonly pauser = new Pauser();
  private unexport?: () => void;
  /** Pending entries (delivered, never acknowledged) must go out before new ones. */
  private recover = true;
  private groupReady = false;
  /** After a failed batch, pending entries are claimed one at a time to find the one that fails. */
  private isolate = false;
  private readonly attempts: AttemptCounter;
  private readonly parkedStream: string;

  constructor(private readonly opts: RedisRelayOptions) {
    this.lock = new RedisLock(opts.redis, `${opts.stream}:relay-lock`, opts.lockMs ?? 10_000);
    this.group = opts.group ?? 'outbox-relay';
    this.attempts = new AttemptCounter(opts.maxAttempts ?? 10, opts.isTransient ?? isTransientPublishError);
    this.parkedStream = `${opts.stream}:parked`;
  }

  get active(): boolean {
    return this.lock.held;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.opts.metrics) this.unexport = exportOutboxGauges(this.opts.metrics, 'redis', () => this.stats());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pauser.wake();
    await this.loop;
    this.unexport?.();
  }

  /** Non-critical: the service works, but parked events wait for a person (in `<stream>:parked`). */
  healthCheck(name = 'outbox'): HealthCheck {
    return {
      name,
      critical: false,
      check: async () => {
        const parked = await this.opts.redis.xlen(this.parkedStream);
        if (parked > 0) throw new Error(`${parked} outbox event(s) parked`);
      },
    };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const wasHeld = this.lock.held;
        if (!(await this.lock.renewIfDue())) {
          await this.pauser.pause(this.opts.standbyMs ?? 1000);
          continue;
        }
        if (!wasHeld) this.recover = true; // taking over: a dead holder's entries first
        const sent = await this.relayOnce();
        failures = 0;
        if (!sent) await this.pauser.pause(this.opts.idleMs ?? 200);
      } catch (err) {
        this.recover = true;
        failures++;
        const delay = backoff(this.opts.retryDelayMs ?? 200, this.opts.maxRetryDelayMs ?? 30_000, failures);
        this.opts.logger.warn('Redis outbox relay failed; will retry', { error: err, delay_ms: delay });
        await this.pauser.pause(delay);
      }
    }
    await this.lock.release().catch(() => undefined);
  }

  /** Publishes one batch; returns how many entries went out. */
  private async relayOnce(): Promise<number> {
    await this.ensureGroup();
    const count = this.isolate ? 1 : (this.opts.batchSize ?? 500);
    const { redis, stream } = this.opts;
    let entries: StreamEntry[];
    if (this.recover) {
      // from the start of the pending list each time: what this batch acknowledges leaves it
      const [, claimed] = (await redis.xautoclaim(
        stream,
        this.group,
        this.lock.owner,
        0,
        '0-0',
        'COUNT',
        count,
      )) as [string, StreamEntry[]];
      entries = claimed;
      if (!entries.length) this.recover = this.isolate = false;
    } else {
      const read = (await redis.xreadgroup(
        'GROUP',
        this.group,
        this.lock.owner,
        'COUNT',
        count,
        'STREAMS',
        stream,
        '>',
      )) as [string, StreamEntry[]][] | null;
      entries = read?.[0]?.[1] ?? [];
    }
    if (!entries.length) return 0;
    if (!this.lock.held) return 0; // the lock ran out meanwhile: a successor publishes these
    const messages = entries.map(([, fields]) => toMessage(fields)).filter((m): m is OutgoingMessage => !!m);
    try {
      await this.opts.publisher.publish(messages);
    } catch (err) {
      this.recover = true;
      if (entries.length > 1) this.isolate = true;
      else if (this.attempts.failed(entries[0][0], err)) return this.park(entries[0], err);
      throw err;
    }
    const ids = entries.map(([id]) => id);
    ids.forEach((id) => this.attempts.succeeded(id));
    await redis
      .multi()
      .xack(stream, this.group, ...ids)
      .xdel(stream, ...ids)
      .exec();
    return entries.length;
  }

  /** Moves an entry the broker keeps refusing out of the way, keeping it (and why) for a person. */
  private async park([id, fields]: StreamEntry, err: unknown): Promise<number> {
    const { redis, stream } = this.opts;
    await redis
      .multi()
      .xadd(this.parkedStream, '*', ...(fields ?? []), 'id', id, 'error', describeError(err))
      .xack(stream, this.group, id)
      .xdel(stream, id)
      .exec();
    const event = toMessage(fields)?.event;
    this.opts.logger.error('Outbox event parked after repeated publish failures', {
      event_id: event?.event_id,
      event_type: event?.event_type,
      stream,
      error: describeError(err),
    });
    return 1;
  }

  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      // from 0: entries written before the first relay ever ran are published too
      await this.opts.redis.xgroup('CREATE', this.opts.stream, this.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    this.groupReady = true;
  }

  private async stats(): Promise<OutboxStats> {
    const { redis, stream } = this.opts;
    const [pending, first, parked] = await Promise.all([
      redis.xlen(stream),
      redis.xrange(stream, '-', '+', 'COUNT', 1),
      redis.xlen(this.parkedStream),
    ]);
    const oldestMs = first[0] ? Number(first[0][0].split('-')[0]) : Date.now();
    return {
      pending,
      oldestAgeSeconds: pending ? Math.max(0, (Date.now() - oldestMs) / 1000) : 0,
      parked,
    };
  }
}

function toMessage(fields: string[] | null): OutgoingMessage | undefined {
  if (!fields) return undefined; // deleted while pending
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return { topic: f.topic, event: JSON.parse(f.event) as EventEnvelope, traceparent: f.traceparent };
}
