import { randomUUID } from 'node:crypto';
import { type mongo } from 'mongoose';
import { isDuplicateKey } from '../db/mongo-call';

interface LockDoc {
  _id: string;
  holder: string;
  expires_at: Date;
}

/**
 * One catalog sync per tenant at a time: a lock document per tenant, taken by a conditional upsert
 * (matches only an expired lock; a live one makes the insert collide on `_id`), so exactly one of two
 * concurrent syncs gets it. It expires on its own (FerretDB has no TTL index: an expired lock is just
 * taken over), so a sync that crashed holds the tenant for at most `ttlMs`.
 */
export class SyncLocks {
  private readonly locks: mongo.Collection<LockDoc>;

  constructor(
    db: mongo.Db,
    private readonly ttlMs: number,
  ) {
    this.locks = db.collection<LockDoc>('catalog_sync_locks');
  }

  /** A release function, or undefined when another sync holds the tenant. */
  async acquire(tenantId: string): Promise<(() => Promise<void>) | undefined> {
    const holder = randomUUID();
    const now = new Date();
    try {
      await this.locks.updateOne(
        { _id: tenantId, expires_at: { $lte: now } },
        { $set: { holder, expires_at: new Date(now.getTime() + this.ttlMs) } },
        { upsert: true },
      );
    } catch (err) {
      if (isDuplicateKey(err)) return undefined;
      throw err;
    }
    return async () => {
      await this.locks.deleteOne({ _id: tenantId, holder });
    };
  }
}
