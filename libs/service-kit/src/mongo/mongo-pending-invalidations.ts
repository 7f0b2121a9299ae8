import { randomUUID } from 'node:crypto';
import { type mongo } from 'mongoose';
import { type PendingInvalidation, type PendingInvalidationStore } from '../cache/pending-invalidations';

interface PendingDoc {
  _id: string;
  keys: string[];
  patterns: string[];
  created_at: Date;
}

/**
 * Failed cache invalidations in the service's MongoDB (or FerretDB): they survive the process that
 * recorded them, like `PgPendingInvalidations`. One document each; no index needed beyond `_id`
 * (the collection stays tiny: it only holds what an outage left behind).
 */
export class MongoPendingInvalidations implements PendingInvalidationStore {
  private readonly col: mongo.Collection<PendingDoc>;

  constructor(db: mongo.Db, collection = 'cache_pending_invalidations') {
    this.col = db.collection<PendingDoc>(collection);
  }

  async add(keys: string[], patterns: string[]): Promise<void> {
    await this.col.insertOne({ _id: randomUUID(), keys, patterns, created_at: new Date() });
  }

  async list(): Promise<PendingInvalidation[]> {
    const docs = await this.col.find({}).sort({ created_at: 1, _id: 1 }).limit(1000).toArray();
    return docs.map((d) => ({ id: d._id, keys: d.keys, patterns: d.patterns }));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.col.deleteMany({ _id: { $in: ids } });
  }
}
