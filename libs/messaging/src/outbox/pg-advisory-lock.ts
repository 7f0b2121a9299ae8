import { type Logger } from '@platform/service-kit';
import { type Pool, type PoolClient } from 'pg';

/**
 * A PostgreSQL session advisory lock held on a connection of its own: whoever holds it is the one
 * active relay of an outbox. When the holder dies its session ends and PostgreSQL releases the lock,
 * so a standby's next `tryAcquire` wins. Advisory locks are per database, like the outbox table.
 */
export class PgAdvisoryLock {
  private client?: PoolClient;

  constructor(
    private readonly pool: Pool,
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = await this.pool.connect();
    let acquired = false;
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
        [this.name],
      );
      acquired = rows[0].ok;
    } finally {
      if (!acquired) client.release();
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
      client.release(true);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.client = client;
    return true;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]);
      client.release();
    } catch {
      client.release(true); // closing the session releases the lock as well
    }
  }
}
