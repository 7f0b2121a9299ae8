import type Redis from 'ioredis';
import { type OutgoingMessage } from '../publisher';
import { type OutboxStats } from './outbox-metrics';
import { RedisLock } from './redis-lock';
import { RedisParking, toMessage, type StreamEntry } from './redis-parking';
import { RelayBase, type RelayLoopOptions } from './relay-base';
import { AttemptCounter, describeError, isTransientPublishError } from './relay-support';

export interface RedisRelayOptions extends RelayLoopOptions {
  redis: Redis;
  /** The outbox stream (written with appendEvents or outboxCommands). */
  stream: string;
  /** The stream's consumer group; one per outbox. */
  group?: string;
  batchSize?: number;
  /** Length of the active relay's lock; a standby takes over at most this long after the holder died. */
  lockMs?: number;
  /** Failed attempts after which an entry is moved to `<stream>:parked` instead of holding back the rest. */
  maxAttempts?: number;
  /** Failures that say Kafka was unreachable and so do not count towards parking an entry. */
  isTransient?: (err: unknown) => boolean;
}

const messagesOf = (entries: StreamEntry[]) =>
  entries.map(([, fields]) => toMessage(fields)).filter((m): m is OutgoingMessage => !!m);

/**
 * Publishes a Redis outbox stream in stream order (the order of the writes that made it), through a
 * consumer group: entries are read (XREADGROUP), published, then acknowledged and deleted (XACK, XDEL),
 * so the stream holds only what is not yet published. Only the holder of the lock reads, as a consumer
 * named after its lock. When it takes over, and after a failed send, it first claims every pending
 * entry (XAUTOCLAIM, a dead holder's as well as its own) and publishes those, in id order, before
 * reading new ones, then removes the consumers left with nothing pending. A crash after the publish and
 * before the XACK publishes again: at-least-once. After a failed batch the pending entries go out one
 * by one; one the broker keeps refusing is parked after maxAttempts, and its key's later entries are
 * held back behind it until it is released (RedisParking); healthCheck() reports degraded.
 */
export class RedisOutboxRelay extends RelayBase {
  private readonly lock: RedisLock;
  private readonly group: string;
  private readonly parking: RedisParking;
  /** Pending entries (delivered, never acknowledged) must go out before new ones. */
  private recover = true;
  private groupReady = false;
  /** After a failed batch, pending entries are claimed one at a time to find the one that fails. */
  private isolate = false;
  private readonly attempts: AttemptCounter;

  constructor(private readonly opts: RedisRelayOptions) {
    const lockMs = opts.lockMs ?? 10_000;
    super(opts, 'redis', lockMs / 3);
    this.lock = new RedisLock(opts.redis, `${opts.stream}:relay-lock`, lockMs);
    this.group = opts.group ?? 'outbox-relay';
    this.attempts = new AttemptCounter(opts.maxAttempts ?? 10, opts.isTransient ?? isTransientPublishError);
    this.parking = new RedisParking(opts.redis, opts.stream, this.group);
  }

  get active(): boolean {
    return this.lock.held;
  }

  protected async acquire(): Promise<boolean> {
    const wasHeld = this.lock.held;
    if (!(await this.lock.renewIfDue())) return false;
    if (!wasHeld) this.recover = true; // taking over: a dead holder's entries first
    return true;
  }

  protected release() {
    return this.lock.release();
  }

  protected override onFailure(): void {
    this.recover = true;
    this.groupReady = false; // the stream (and its group) may have been deleted: NOGROUP until recreated
  }

  /** Publishes one batch; returns how many entries went out (or were set aside). */
  protected async relayOnce(): Promise<number> {
    await this.ensureGroup();
    const released = await this.parking.nextReleased();
    if (released) return this.republish(released.key, released.entries);
    const entries = await this.read(this.isolate ? 1 : (this.opts.batchSize ?? 500));
    if (!entries.length || !this.lock.held) return 0; // lock ran out meanwhile: a successor publishes these
    const { rest, held } = await this.parking.holdBack(entries);
    if (!rest.length) return held;
    try {
      await this.publish(messagesOf(rest));
    } catch (err) {
      this.recover = true;
      if (entries.length > 1) this.isolate = true;
      else if (this.attempts.failed(rest[0][0], err)) return this.park(rest[0], err);
      throw err;
    }
    // cut off from the lock during the send: a successor owns these entries now; stand down
    if (!this.lock.held) return 0;
    const ids = rest.map(([id]) => id);
    ids.forEach((id) => this.attempts.succeeded(id));
    await this.opts.redis
      .multi()
      .xack(this.opts.stream, this.group, ...ids)
      .xdel(this.opts.stream, ...ids)
      .exec();
    return entries.length;
  }

  /** Pending entries first (from the start of the pending list: what a batch acknowledges leaves it), then new ones. */
  private async read(count: number): Promise<StreamEntry[]> {
    const { redis, stream } = this.opts;
    if (this.recover) {
      const [, claimed] = (await redis.xautoclaim(
        stream,
        this.group,
        this.lock.owner,
        0,
        '0-0',
        'COUNT',
        count,
      )) as [string, StreamEntry[]];
      if (claimed.length) return claimed;
      this.recover = this.isolate = false;
      await this.removeIdleConsumers();
    }
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
    return read?.[0]?.[1] ?? [];
  }

  /** Consumers of earlier holders, left with nothing pending once their entries were claimed. */
  private async removeIdleConsumers(): Promise<void> {
    const consumers = (await this.opts.redis.xinfo('CONSUMERS', this.opts.stream, this.group)) as (
      string | number
    )[][];
    for (const c of consumers) {
      const info: Record<string, string | number> = {};
      for (let i = 0; i + 1 < c.length; i += 2) info[String(c[i])] = c[i + 1];
      if (info.name !== this.lock.owner && Number(info.pending) === 0)
        await this.opts.redis.xgroup('DELCONSUMER', this.opts.stream, this.group, String(info.name));
    }
  }

  /** Publishes a released key's parked entries in order; after maxAttempts more failures they stay parked. */
  private async republish(key: string, entries: StreamEntry[]): Promise<number> {
    try {
      if (entries.length) await this.publish(messagesOf(entries));
    } catch (err) {
      if (!this.attempts.failed(`release:${key}`, err)) throw err;
      this.opts.logger.error('Released outbox events refused again; they stay parked', {
        key,
        error: describeError(err),
      });
      await this.parking.finishRelease(key, entries, true);
      return 0;
    }
    if (!this.lock.held) return 0;
    await this.parking.finishRelease(key, entries);
    return Math.max(1, entries.length);
  }

  /** Moves an entry the broker keeps refusing out of the way, keeping it (and why) for a person. */
  private async park(entry: StreamEntry, err: unknown): Promise<number> {
    await this.parking.park(entry, err);
    const event = toMessage(entry[1])?.event;
    this.opts.logger.error('Outbox event parked after repeated publish failures', {
      event_id: event?.event_id,
      event_type: event?.event_type,
      stream: this.opts.stream,
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

  protected parkedCounts() {
    return this.parking.counts();
  }

  protected async stats(): Promise<OutboxStats> {
    const { redis, stream } = this.opts;
    const [pending, first] = await Promise.all([
      redis.xlen(stream),
      redis.xrange(stream, '-', '+', 'COUNT', 1),
    ]);
    const oldestMs = first[0] ? Number(first[0][0].split('-')[0]) : Date.now();
    const oldestAgeSeconds = pending ? Math.max(0, (Date.now() - oldestMs) / 1000) : 0;
    return { pending, oldestAgeSeconds, ...(await this.parking.counts()) };
  }
}
