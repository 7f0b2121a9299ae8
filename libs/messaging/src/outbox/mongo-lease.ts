import { randomUUID } from 'node:crypto';
import { type Connection } from 'mongoose';

interface LeaseDoc {
  _id: string;
  owner: string;
  expires_at: Date;
}

/**
 * Who is the one active relay of an outbox on MongoDB: a lease document taken with a conditional
 * single-document write (free, expired, or already ours), renewed while working, and taken over by a
 * standby once it expires. FerretDB 1.24 makes conditional writes atomic only with devstack's patch.
 *
 * A holder that cannot renew stops publishing at the end of its lease by its own clock, so two relays
 * overlap only if clocks drift by more than the safety margin.
 */
export class MongoLease {
  readonly owner = randomUUID();
  private validUntil = 0;

  constructor(
    private readonly connection: Connection,
    private readonly name: string,
    private readonly ttlMs: number,
    private readonly collection = 'outbox_leases',
  ) {}

  /** True while this replica holds an unexpired lease (with a margin of a tenth of its length). */
  get held(): boolean {
    return Date.now() < this.validUntil;
  }

  /** Takes or renews the lease; false when another replica holds it. */
  async acquire(): Promise<boolean> {
    const started = Date.now();
    const leases = this.connection.collection<LeaseDoc>(this.collection);
    try {
      const doc = await leases.findOneAndUpdate(
        { _id: this.name, $or: [{ owner: this.owner }, { expires_at: { $lt: new Date(started) } }] },
        { $set: { owner: this.owner, expires_at: new Date(started + this.ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      const ours = doc?.owner === this.owner;
      this.validUntil = ours ? started + this.ttlMs * 0.9 : 0;
      return ours;
    } catch (err) {
      this.validUntil = 0;
      // the upsert of a lease someone else holds collides with its _id: not ours
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /** Renews when a third of the lease has passed. */
  async renewIfDue(): Promise<boolean> {
    if (this.validUntil - Date.now() > this.ttlMs * 0.6) return true;
    return this.acquire();
  }

  async release(): Promise<void> {
    this.validUntil = 0;
    await this.connection
      .collection<LeaseDoc>(this.collection)
      .deleteOne({ _id: this.name, owner: this.owner });
  }
}
