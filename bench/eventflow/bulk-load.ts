import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';

export interface Loaded {
  tenantRows: number;
  /** The real producer: a quarter of the tenant's events (g % 8 = 0), with type.8 among them. */
  producerId: string;
  /** Another producer of the bench's tenant (a quarter of its events). */
  otherProducer: string;
  hourFrom: string;
  hourTo: string;
}

const CHUNK = 100_000;

/**
 * `rows` events straight into the table (setup, not measured): half of them the bench tenant's, the rest
 * spread over three other tenants; 8 producers, 20 types plus a rare one, one event every 100 ms up to
 * now (about 28 hours for a million), payloads of a few fields. The real producer's id is among them.
 */
export async function bulkLoad(
  pool: Pool,
  { rows, tenantId, producerId }: { rows: number; tenantId: string; producerId: string },
): Promise<Loaded> {
  const others = [randomUUID(), randomUUID(), randomUUID()];
  const producers = [producerId, ...Array.from({ length: 7 }, () => randomUUID())];
  const newest = Date.now();
  for (let from = 1; from <= rows; from += CHUNK) {
    const to = Math.min(rows, from + CHUNK - 1);
    await pool.query(
      `INSERT INTO eventflow_events (event_id, tenant_id, producer_id, event_type, event_version, payload, received_at)
       SELECT gen_random_uuid(),
              CASE WHEN g % 2 = 0 THEN $1::uuid ELSE ($2::uuid[])[(g / 2) % 3 + 1] END,
              ($3::uuid[])[g % 8 + 1],
              CASE WHEN g % 50000 = 8 THEN 'rare' ELSE 'type.' || (g % 20) END,
              1,
              jsonb_build_object('n', g, 'sku', 'sku-' || (g % 1000), 'amount', g % 10000),
              $4::timestamptz - ($5::int - g) * interval '100 milliseconds'
       FROM generate_series($6::int, $7::int) AS g`,
      [tenantId, others, producers, new Date(newest).toISOString(), rows, from, to],
    );
  }
  await pool.query('VACUUM ANALYZE eventflow_events');
  const hour = 3_600_000;
  const middle = newest - (rows * 100) / 2;
  return {
    tenantRows: Math.floor(rows / 2),
    producerId,
    // g % 8 = 2 is even, so this producer's events are the bench tenant's
    otherProducer: producers[2]!,
    hourFrom: new Date(middle - hour).toISOString(),
    hourTo: new Date(middle).toISOString(),
  };
}

const PAGE = `SELECT event_id, seq, event_type, event_version, producer_id, payload, received_at
  FROM eventflow_events WHERE %WHERE% ORDER BY received_at DESC, seq DESC LIMIT 101`;
const COUNT = `SELECT count(*) FROM (SELECT 1 FROM eventflow_events WHERE %WHERE%
  ORDER BY received_at DESC, seq DESC LIMIT 10000) AS matching`;

/** The plan root and the execution time of the page and count queries that GET /api/v1/events runs. */
export async function explainQueries(pool: Pool, tenantId: string, loaded: Loaded): Promise<string[]> {
  const cases: [string, string, unknown[]][] = [
    ['no filter', 'tenant_id = $1', [tenantId]],
    ['event_type', 'tenant_id = $1 AND event_type = $2', [tenantId, 'type.8']],
    ['producer_id', 'tenant_id = $1 AND producer_id = $2', [tenantId, loaded.otherProducer]],
    [
      'type + producer',
      'tenant_id = $1 AND event_type = $2 AND producer_id = $3',
      [tenantId, 'type.8', loaded.producerId],
    ],
    [
      'from/to',
      'tenant_id = $1 AND received_at >= $2 AND received_at < $3',
      [tenantId, loaded.hourFrom, loaded.hourTo],
    ],
  ];
  const lines: string[] = [];
  for (const [title, where, params] of cases) {
    for (const [kind, sql] of [
      ['page', PAGE],
      ['count', COUNT],
    ] as const) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql.replace('%WHERE%', where)}`,
        params,
      );
      const plan = rows.map((r) => r['QUERY PLAN']);
      const scan =
        plan
          .find((l) => /Scan/.test(l))
          ?.trim()
          .replace(/\s+\(cost.*$/, '') ?? plan[0];
      const time = plan.find((l) => l.startsWith('Execution Time'));
      lines.push(`${`${title} (${kind})`.padEnd(24)} ${scan}   ${time}`);
    }
  }
  return lines;
}
