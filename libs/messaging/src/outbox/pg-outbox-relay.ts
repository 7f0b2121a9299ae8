import { setTimeout as sleep } from 'node:timers/promises';
import { type EventEnvelope } from '@platform/contracts';
import { type Logger } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type Publisher } from '../publisher';

export interface RelayOptions {
  pool: Pool;
  publisher: Publisher;
  logger: Logger;
  batchSize?: number;
  /** How long to wait when the outbox is empty. */
  idleMs?: number;
  /** Published rows older than this are deleted. */
  retainHours?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  payload: EventEnvelope;
  traceparent: string | null;
}

/**
 * Moves committed outbox rows to Kafka. Rows are locked (SKIP LOCKED, so several replicas can run),
 * published with acks=all, then marked in the same transaction. A crash after the publish and before
 * the commit publishes the batch again: delivery is at-least-once and consumers deduplicate on event_id.
 */
export class PgOutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private readonly batchSize: number;
  private readonly idleMs: number;

  constructor(private readonly opts: RelayOptions) {
    this.batchSize = opts.batchSize ?? 100;
    this.idleMs = opts.idleMs ?? 200;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Publishes one batch; returns how many events went out. */
  async relayOnce(): Promise<number> {
    const client = await this.opts.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, topic, payload, traceparent FROM outbox WHERE published_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length) {
        await this.opts.publisher.publish(
          rows.map((r) => ({ topic: r.topic, event: r.payload, traceparent: r.traceparent ?? undefined })),
        );
        await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
          rows.map((r) => r.id),
        ]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    let sinceCleanup = 0;
    while (this.running) {
      try {
        const sent = await this.relayOnce();
        failures = 0;
        if (++sinceCleanup >= 300) {
          sinceCleanup = 0;
          await this.cleanup();
        }
        if (sent < this.batchSize) await sleep(this.idleMs);
      } catch (err) {
        failures++;
        const delay = Math.min(10_000, this.idleMs * 2 ** failures);
        this.opts.logger.warn('Outbox relay failed; will retry', { error: err, delay_ms: delay });
        await sleep(delay);
      }
    }
  }

  private async cleanup(): Promise<void> {
    const hours = this.opts.retainHours ?? 72;
    await this.opts.pool.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [
      hours,
    ]);
  }
}
