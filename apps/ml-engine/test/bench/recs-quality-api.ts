// bench/recs-quality, API-path mode (run by bench/recs-quality/api-path.ts on the data set it wrote): the
// same 20 % held-out split as the in-process mode; the train rows and the items posted to data-pipeline,
// each model type trained by ml-engine's job on data-pipeline's Parquet (defaults), then every user's
// POST /internal/ml/recommendations (count 10, that job's version) scored against the held-out items with
// the in-process mode's metric code (rankMetrics), beside MostPop of the train split.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import {
  IngestResponseSchema,
  MAX_BATCH_RECORDS,
  ModelTypeSchema,
  RecommendationResponseSchema,
  TrainingJobSchema,
  TrainingTriggerResponseSchema,
  type InteractionType,
  type TrainingJob,
} from '@platform/contracts';
import { eventually, shopAccounts } from '@platform/devstack/testing';
import { itemPopularity, rankMetrics, splitHoldout, topK } from '../../src/training/algorithms';
import { hasEntry, toCsr } from '../../src/training/algorithms/sparse';
import { readDataset } from './dataset';
import { printTable, type ResultRow } from './recs-quality-report';
import { catalogCounts, startRecsStack } from './recs-quality-stack';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    meta: { type: 'string' },
    types: { type: 'string', default: 'matrix_factorization,two_tower,gnn' },
    concurrency: { type: 'string', default: '8' },
  },
  strict: false,
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const str = (v: string | boolean | undefined) => String(v);
const tokens = createServiceTokens(DEV_SERVICE_TOKEN_SECRET);
const auth = (audience: string) => `Bearer ${tokens.token('order-service', audience)}`;
// the data's days: each row a day of May 2024 (its own index mod 28), the range covering them all
const DATA_RANGE = { start_date: '2024-05-01T00:00:00Z', end_date: '2024-05-31T23:59:59Z' };
const dayOf = (n: number) => `2024-05-${String(1 + (n % 28)).padStart(2, '0')}T12:00:00Z`;

async function call(url: string, audience: string, body?: unknown, tenantId?: string) {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: auth(audience),
      'content-type': 'application/json',
      ...(tenantId ? { 'x-tenant-id': tenantId } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Runs `work` over `n` indices with `concurrency` requests in flight. */
async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

async function main() {
  const { data } = readDataset(str(values.data));
  const meta = JSON.parse(readFileSync(str(values.meta), 'utf8')) as {
    types: InteractionType[];
    items: { itemId: string; category: string; tags: string[] }[];
  };
  // the same split as the in-process mode; rows kept in train are the ones not held out
  const { train, heldOut } = splitHoldout(data, 0.2, 1);
  const heldRows = new Set<string>();
  for (const [u, set] of heldOut) for (const j of set) heldRows.add(`${u}:${j}`);
  const trainEvents = [];
  for (let n = 0; n < data.userIdx.length; n++) {
    if (heldRows.has(`${data.userIdx[n]}:${data.itemIdx[n]}`)) continue;
    trainEvents.push({
      user_id: data.users[data.userIdx[n]],
      item_id: data.items[data.itemIdx[n]],
      interaction_type: meta.types[n],
      timestamp: dayOf(n),
    });
  }
  if (trainEvents.length !== train.userIdx.length) throw new Error('the train rows do not match the split');
  say(
    `synthetic: ${data.users.length} users × ${data.items.length} items, ${data.userIdx.length} interactions ` +
      `(${trainEvents.length} train posted, ${data.userIdx.length - trainEvents.length} held out)`,
  );

  const stack = await startRecsStack();
  try {
    const { tenantId } = await shopAccounts(stack.url('user-service')).newShop();
    const pipeline = stack.url('data-pipeline');
    const ml = stack.url('ml-engine');
    const post = async (route: string, key: string, records: object[]) => {
      const res = IngestResponseSchema.parse(
        await call(`${pipeline}${route}`, 'data-pipeline', { tenant_id: tenantId, [key]: records }),
      );
      if (res.accepted !== records.length) throw new Error(`${route}: ${JSON.stringify(res)}`);
    };
    const t0 = performance.now();
    const items = meta.items.map((i) => ({
      item_id: i.itemId,
      title: `item ${i.itemId}`,
      category: i.category,
      tags: i.tags,
    }));
    for (let at = 0; at < items.length; at += MAX_BATCH_RECORDS)
      await post('/internal/data/items', 'items', items.slice(at, at + MAX_BATCH_RECORDS));
    for (let at = 0; at < trainEvents.length; at += MAX_BATCH_RECORDS)
      await post(
        '/internal/data/interactions',
        'interactions',
        trainEvents.slice(at, at + MAX_BATCH_RECORDS),
      );
    await eventually(
      async () => {
        const c = await catalogCounts(stack.dataStoreDir, tenantId);
        return c.interactions === trainEvents.length && c.items === items.length;
      },
      { what: "every row in data-pipeline's catalog.json", timeoutMs: 300_000, intervalMs: 500 },
    );
    say(`ingested through data-pipeline in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const seen = toCsr(train, 'user');
    const users = [...heldOut].filter(([, set]) => set.size > 0);
    const score = (rankedOf: (u: number) => number[]) => {
      let ndcg = 0;
      let recall = 0;
      for (const [u, relevant] of users) {
        const m = rankMetrics(rankedOf(u), relevant, 10);
        ndcg += m.ndcg;
        recall += m.recall;
      }
      return { ndcg: ndcg / users.length, recall: recall / users.length };
    };
    const pop = itemPopularity(train);
    const rows = [
      { name: 'MostPop (train split)', ...score((u) => topK(pop, 10, (j) => hasEntry(seen, u, j))) },
    ] as ResultRow[];
    const itemIndex = new Map(data.items.map((id, j) => [id, j]));
    for (const type of str(values.types)
      .split(',')
      .filter(Boolean)
      .map((t) => ModelTypeSchema.parse(t))) {
      const trigger = TrainingTriggerResponseSchema.parse(
        await call(`${ml}/internal/ml/training/trigger`, 'ml-engine', {
          tenant_id: tenantId,
          training_config: { model_type: type, data_range: DATA_RANGE },
        }),
      );
      let job: TrainingJob | undefined;
      await eventually(
        async () => {
          job = TrainingJobSchema.parse(
            await call(`${ml}/internal/ml/training/jobs/${trigger.job_id}`, 'ml-engine', undefined, tenantId),
          );
          if (job.status === 'failed') throw new Error(`${type} training failed: ${job.error}`);
          return job.status === 'completed';
        },
        { what: `the ${type} job to complete`, timeoutMs: 1_800_000, intervalMs: 500 },
      );
      const done = job!;
      const trainS = (Date.parse(done.finished_at!) - Date.parse(done.started_at!)) / 1000;
      const ranked = new Map<number, number[]>();
      const r0 = performance.now();
      await pool(users.length, Number(values.concurrency), async (k) => {
        const u = users[k][0];
        const res = RecommendationResponseSchema.parse(
          await call(`${ml}/internal/ml/recommendations`, 'ml-engine', {
            tenant_id: tenantId,
            user_id: data.users[u],
            count: 10,
            model_version: done.model_version,
          }),
        );
        if (res.model_version !== done.model_version) throw new Error(`answered by ${res.model_version}`);
        ranked.set(
          u,
          res.recommendations.map((r) => itemIndex.get(r.item_id) ?? -1),
        );
      });
      const recommendS = (performance.now() - r0) / 1000;
      rows.push({
        name: `${type} (${done.model_version})`,
        ...score((u) => ranked.get(u) ?? []),
        trainS,
        recommendS,
        job: done,
      });
    }
    printTable(rows, users.length);
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
