import { type EventData } from '@platform/contracts';
import { translatePgError } from '@platform/service-kit';
import { type Pool, type PoolClient } from 'pg';

type Queryable = Pool | PoolClient;
export type UsageRecorded = EventData<'UsageRecorded'>;
export type TenantCreated = EventData<'TenantCreated'>;

/** A tenant's usage summed over a range of days. */
export interface UsageTotals {
  api_calls: number;
  recommendations_served: number;
  items_indexed: number;
  latency_ms_sum: number;
}

/** `usage_daily` and the `tenants` projection: the only code of the usage component that knows `pg`. */
export class UsageRepository {
  constructor(private readonly pool: Pool) {}

  /** Adds one `UsageRecorded` window to its tenant's UTC day (in the inbox's transaction). */
  async add(tx: Queryable, u: UsageRecorded): Promise<void> {
    await tx.query(
      `INSERT INTO usage_daily AS d
         (tenant_id, day, service, api_calls, recommendations_served, items_indexed, latency_ms_sum)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, day, service) DO UPDATE SET
         api_calls = d.api_calls + EXCLUDED.api_calls,
         recommendations_served = d.recommendations_served + EXCLUDED.recommendations_served,
         items_indexed = d.items_indexed + EXCLUDED.items_indexed,
         latency_ms_sum = d.latency_ms_sum + EXCLUDED.latency_ms_sum`,
      [
        u.tenant_id,
        u.window_start,
        u.service,
        u.api_calls,
        u.recommendations_served,
        u.items_indexed,
        u.latency_ms_sum,
      ],
    );
  }

  /** Records a new shop and its plan (a redelivery changes nothing). */
  async addTenant(tx: Queryable, t: TenantCreated): Promise<void> {
    await tx.query(
      `INSERT INTO tenants (tenant_id, name, plan) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, plan = EXCLUDED.plan`,
      [t.tenant_id, t.name, t.plan],
    );
  }

  async planOf(tenantId: string): Promise<string | undefined> {
    const res = await this.run<{ plan: string }>('SELECT plan FROM tenants WHERE tenant_id = $1', [tenantId]);
    return res[0]?.plan;
  }

  /** The tenant's usage over `[start, end]` (UTC days, both included), every service together. */
  async totals(tenantId: string, start: string, end: string): Promise<UsageTotals> {
    const [row] = await this.run<Record<keyof UsageTotals, string | null>>(
      `SELECT sum(api_calls) AS api_calls, sum(recommendations_served) AS recommendations_served,
              sum(items_indexed) AS items_indexed, sum(latency_ms_sum) AS latency_ms_sum
         FROM usage_daily WHERE tenant_id = $1 AND day BETWEEN $2 AND $3`,
      [tenantId, start, end],
    );
    return {
      api_calls: Number(row?.api_calls ?? 0),
      recommendations_served: Number(row?.recommendations_served ?? 0),
      items_indexed: Number(row?.items_indexed ?? 0),
      latency_ms_sum: Number(row?.latency_ms_sum ?? 0),
    };
  }

  /** API calls of the tenant from `start` (a UTC day) to `end` (exclusive). */
  async apiCalls(tenantId: string, start: string, endExclusive: string): Promise<number> {
    const [row] = await this.run<{ n: string | null }>(
      'SELECT sum(api_calls) AS n FROM usage_daily WHERE tenant_id = $1 AND day >= $2 AND day < $3',
      [tenantId, start, endExclusive],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * Forgets the inbox marks of `group` older than `days`: each usage window leaves one, so the table would
   * grow with every flush of every replica. A redelivery comes within minutes, never after a month.
   */
  async pruneMarks(group: string, days: number): Promise<number> {
    const res = await this.pool
      .query(
        `DELETE FROM processed_events
          WHERE consumer_group = $1 AND processed_at < now() - make_interval(days => $2)`,
        [group, days],
      )
      .catch((err: unknown) => Promise.reject(translatePgError(err)));
    return res.rowCount ?? 0;
  }

  private async run<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (err) {
      throw translatePgError(err);
    }
  }
}
