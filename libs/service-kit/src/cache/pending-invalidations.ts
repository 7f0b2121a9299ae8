/** Invalidations that could not reach Redis, kept until they can: they must outlive the outage. */
export interface PendingInvalidation {
  id: string;
  keys: string[];
  patterns: string[];
}

/**
 * Where a cache keeps its failed invalidations. Every process replays them when its Redis connection
 * is (re)established, and reads them again at least every `pendingRecheckMs` while it serves, and
 * serves nothing from Redis before it has: neither an entry Redis reloads from its append-only file
 * after an outage nor one another process could not delete is served. Keep them in the service's own database
 * (`PgPendingInvalidations`) so that a process dying during the outage, or a new one, loses nothing.
 */
export interface PendingInvalidationStore {
  add(keys: string[], patterns: string[]): Promise<void>;
  list(): Promise<PendingInvalidation[]>;
  remove(ids: string[]): Promise<void>;
}

/**
 * The process's memory: for a service without a database of its own. A process that dies during an
 * outage loses its pending invalidations (the TTL bounds the staleness then).
 */
export class MemoryPendingInvalidations implements PendingInvalidationStore {
  private readonly pending = new Map<string, PendingInvalidation>();
  private next = 0;

  async add(keys: string[], patterns: string[]): Promise<void> {
    const id = String(++this.next);
    this.pending.set(id, { id, keys, patterns });
  }

  async list(): Promise<PendingInvalidation[]> {
    return [...this.pending.values()];
  }

  async remove(ids: string[]): Promise<void> {
    ids.forEach((id) => this.pending.delete(id));
  }
}
