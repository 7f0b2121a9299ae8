import { randomUUID } from 'node:crypto';
import { type MigrationReport } from '@platform/contracts';
import { type mongo } from 'mongoose';
import { mongoCall, isDuplicateKey } from '../db/mongo-call';

/** Whose list: `user:<id>` or `session:<id>` (a guest visit), always with its tenant. */
export type Owner = `user:${string}` | `session:${string}`;

/** A guest document merged into this one: its id (the marker) and what the merge did. */
export interface MigrationMark {
  guest_id: string;
  report: MigrationReport;
  at: Date;
}

/**
 * One document per owner (`{tenant_id, owner}` unique), so that every change, a migration's merge
 * included, is one single-document write: FerretDB has no transactions. `version` makes each write a
 * compare-and-set on the document as read.
 */
export interface OwnedList<E> {
  _id: string;
  tenant_id: string;
  owner: Owner;
  version: number;
  entries: E[];
  migrated: MigrationMark[];
  created_at: Date;
  updated_at: Date;
}

// markers kept per document: far more migrations than can be retried at once
const KEEP_MARKS = 20;

/** The only code that knows how carts and wishlists are stored (collections `carts` and `wishlists`). */
export class OwnedListsRepository<E> {
  private readonly col: mongo.Collection<OwnedList<E>>;

  constructor(database: mongo.Db, name: 'carts' | 'wishlists') {
    this.col = database.collection<OwnedList<E>>(name);
  }

  async ensureIndexes(): Promise<void> {
    await mongoCall(() => this.col.createIndex({ tenant_id: 1, owner: 1 }, { unique: true }));
  }

  find(tenantId: string, owner: Owner): Promise<OwnedList<E> | null> {
    return mongoCall(() => this.col.findOne({ tenant_id: tenantId, owner }) as Promise<OwnedList<E> | null>);
  }

  /**
   * Writes `entries` (and a migration mark) over `from` if it is still the version read, or creates
   * the document when `from` is null; false when another write got there first (read again, retry).
   */
  async save(
    tenantId: string,
    owner: Owner,
    from: OwnedList<E> | null,
    entries: E[],
    mark?: MigrationMark,
  ): Promise<boolean> {
    const now = new Date();
    const migrated = mark ? [...(from?.migrated ?? []), mark].slice(-KEEP_MARKS) : (from?.migrated ?? []);
    if (!from) {
      try {
        const doc: OwnedList<E> = {
          _id: randomUUID(),
          tenant_id: tenantId,
          owner,
          version: 1,
          entries,
          migrated,
          created_at: now,
          updated_at: now,
        };
        await mongoCall(() => this.col.insertOne(doc as mongo.OptionalUnlessRequiredId<OwnedList<E>>));
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const res = await mongoCall(() =>
      this.col.updateOne(
        { _id: from._id, version: from.version } as mongo.Filter<OwnedList<E>>,
        {
          $set: { entries, migrated, updated_at: now, version: from.version + 1 },
        } as mongo.UpdateFilter<OwnedList<E>>,
      ),
    );
    return res.matchedCount === 1;
  }

  /** Deletes exactly this document (by its id: a later guest list of the same owner is another one). */
  async deleteDoc(id: string): Promise<void> {
    await mongoCall(() => this.col.deleteOne({ _id: id } as mongo.Filter<OwnedList<E>>));
  }
}
