import { type Logger } from '@platform/service-kit';
import { Client, type ClientConfig } from 'pg';

/**
 * A PostgreSQL session advisory lock held on a connection of its own (a `pg.Client` beside the
 * service's pool, so the service keeps its whole pool): whoever holds it is the one
 * active relay of an outbox. When the holder dies its session ends and PostgreSQL releases the lock,
 * so a standby's next `tryAcquire` wins. Advisory locks are per database, like the outbox table.
 */
export class PgAdvisoryLock {
  private client?: Client;
  private verifiedAt = 0;

  constructor(
    private readonly connection: ClientConfig,
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new Client(this.connection);
    // an error before the lock is ours (a refused connection) is reported by connect/query below
    client.on('error', () => undefined);
    let acquired = false;
    try {
      await client.connect();
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
        [this.name],
      );
      acquired = rows[0].ok;
    } finally {
      if (!acquired) await client.end().catch(() => undefined);
    }
    if (!acquired) return false;
    // the session ending (server restart, terminated backend, network) is the lock ending
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.logger.warn('Outbox lock lost with its connection; standing by', {
        lock: this.name,
        error: err?.message,
      });
      client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.client = client;
    this.verifiedAt = Date.now();
    return true;
  }

  /**
   * Asks the lock's own session whether it still holds the lock, at most once per `everyMs`: a session
   * the server dropped (a network cut, a restart) is noticed before the next batch, not only when the
   * socket finally closes. Returns whether the lock is (still) held.
   */
  async verify(everyMs: number): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    if (Date.now() - this.verifiedAt < everyMs) return true;
    try {
      const { rows } = await client.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND pid = pg_backend_pid() AND objid = hashtext($1)::oid) AS held`,
        [this.name],
      );
      if (rows[0].held) {
        this.verifiedAt = Date.now();
        return true;
      }
    } catch {
      // the session is gone: so is the lock
    }
    if (this.client === client) {
      this.client = undefined;
      this.logger.warn('Outbox lock no longer held; standing by', { lock: this.name });
      await client.end().catch(() => undefined);
    }
    return false;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // closing the session releases the lock (an explicit unlock first, in case end() is slow)
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
