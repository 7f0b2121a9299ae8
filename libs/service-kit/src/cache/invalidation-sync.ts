import type Redis from 'ioredis';
import { type Logger } from '../observability/logger';
import { removeKeys } from './generations';
import { type PendingInvalidationStore } from './pending-invalidations';

export interface InvalidationSyncOptions {
  pending: PendingInvalidationStore;
  /**
   * How often (ms) a process that is in sync reads the pending store again before it serves from
   * Redis: an invalidation another process failed to apply (its own Redis connection broke, or one
   * command failed) is replayed here within this time, while that process still cannot.
   */
  recheckMs: number;
  /** The clock, in ms (tests control it). */
  now: () => number;
  /** Counts `invalidate_replay` results in `cache_operations_total`. */
  count: (operation: string, result: string) => void;
}

/**
 * Whether this process may serve entries from Redis, and the replay of pending invalidations that
 * decides it. It is in sync when a replay found the shared pending store empty, nothing has been
 * recorded here since that replay began, and the replay is less than `recheckMs` old. Losing the Redis
 * connection or failing an invalidation moves an epoch on, so a replay already in flight, whose list
 * may predate the new pending entry, cannot declare the process in sync.
 */
export class InvalidationSync {
  /** Moves on whenever something may have become pending that this process has not replayed. */
  private epoch = 0;
  /** The epoch at which the last replay found nothing pending; in sync while it equals `epoch`. */
  private syncedEpoch = -1;
  /** When that replay read the store: past `recheckMs` it is read again. */
  private checkedAt = -Infinity;
  /** Failed invalidations being written to the pending store right now. */
  private recording = 0;
  private syncing: Promise<boolean> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly opts: InvalidationSyncOptions,
  ) {
    // while disconnected, other processes may record invalidations this one has not seen
    redis.on('close', () => this.epoch++);
    redis.on('ready', () => void this.sync());
    if (redis.status === 'ready') void this.sync();
  }

  /** Nothing this process knows of is pending (a loaded value may be written). */
  get current(): boolean {
    return this.syncedEpoch === this.epoch;
  }

  /** Resolves true when entries may be served from Redis, replaying the pending store first if due. */
  async ready(): Promise<boolean> {
    if (this.current && this.opts.now() - this.checkedAt < this.opts.recheckMs) return true;
    return this.sync();
  }

  /** Keeps an invalidation that could not be applied, for this process and every other to replay. */
  async record(keys: string[], patterns: string[]): Promise<void> {
    this.epoch++; // until replayed, this process reads no entry from Redis
    this.recording++;
    try {
      await this.opts.pending.add(keys, patterns);
    } catch (e) {
      this.logger.error(
        'Could not record a failed cache invalidation; entries may be stale until their TTL',
        {
          keys,
          patterns,
          error: (e as Error).message,
        },
      );
    } finally {
      this.recording--;
      this.epoch++; // a replay whose list began before the entry was stored must not count
    }
    if (this.redis.status === 'ready') void this.sync(); // Redis is reachable (again): replay now
  }

  /**
   * Replays the pending invalidations (every process's, when the store is shared); resolves true
   * once none is left and this process may read from Redis again.
   */
  sync(): Promise<boolean> {
    this.syncing ??= this.replay().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async replay(): Promise<boolean> {
    try {
      for (;;) {
        if (this.redis.status !== 'ready') return false;
        const epoch = this.epoch;
        const checkedAt = this.opts.now();
        const batch = await this.opts.pending.list();
        if (batch.length) {
          await removeKeys(
            this.redis,
            batch.flatMap((p) => p.keys),
            batch.flatMap((p) => p.patterns),
          );
          await this.opts.pending.remove(batch.map((p) => p.id));
          this.opts.count('invalidate_replay', 'ok');
          continue;
        }
        if (this.recording) return false; // its record() replays once the entry is stored
        if (epoch !== this.epoch) continue; // recorded while listing: the list may have missed it
        this.syncedEpoch = epoch;
        this.checkedAt = checkedAt;
        return true;
      }
    } catch (err) {
      this.opts.count('invalidate_replay', 'error'); // still down: stays pending, reads stay misses
      this.logger.warn('Pending cache invalidations not replayed yet', { error: (err as Error).message });
      return false;
    }
  }
}
