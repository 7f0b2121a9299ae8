// bench/recs-serve's setup, run by it as a process of its own (bench/ may not import ml-engine's code):
// a tenant with --items catalog items through items/' code path and a hand-made trained space registered
// through models/, recall@10 of its index against an exact scan; prints one JSON line with what the bench
// needs, keeps the data (and user-service) until SIGTERM, then drops them.
//   tsx apps/ml-engine/test/bench/recs-serve-setup.ts --items 100000 --users 20000 --queries 200
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { up } from '@platform/devstack';
import { type ContentCatalog } from '../../src/items/content-catalog';
import { upsertItem } from '../../src/items/apply-item-event';
import { type TrainedModel } from '../../src/model-space';
import { startMlEngine, type MlEngine } from '../harness';
import { writeTrainingData, type Row } from '../training-fixtures';

/** A seeded PRNG (mulberry32) and a standard normal from it: the same data every run. */
export function random(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

const CATEGORIES = Array.from({ length: 20 }, (_, i) => `cat-${i}`);

/**
 * `items` catalog items through items/' own code path (embedded by the content encoder, written by the
 * repository, applied to the catalog's memory and index), `concurrency` at a time: no HTTP per item.
 */
export async function insertItems(ml: MlEngine, tenantId: string, items: number, concurrency = 8) {
  const catalog = ml.catalog as ContentCatalog;
  const at = new Date(Date.UTC(2025, 0, 1)).getTime();
  let next = 0;
  const worker = async () => {
    while (next < items) {
      const i = next++;
      const createdAt = new Date(at + i * 1000).toISOString();
      const change = await upsertItem(catalog, ml.pool as never, tenantId, {
        itemId: `item-${i}`,
        features: { title: `Item ${i}`, description: `product number ${i}`, category: CATEGORIES[i % 20] },
        createdAt,
        changedAt: createdAt,
      });
      if (change) await catalog.applied(tenantId, change);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * A hand-made trained model with latent structure: `clusters` taste centres, each item and user a noisy
 * copy of one (what a factorisation of real data looks like, unlike uniform noise).
 */
export function clusteredModel(items: number, users: number, dimension: number, seed = 7): TrainedModel {
  const rnd = random(seed);
  const clusters = 64;
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dimension }, rnd.normal));
  const rows = (n: number, noise: number) => {
    const out = new Float32Array(n * dimension);
    for (let r = 0; r < n; r++) {
      const c = centres[Math.floor(rnd.uniform() * clusters)];
      for (let d = 0; d < dimension; d++)
        out[r * dimension + d] = (c[d] + noise * rnd.normal()) / Math.sqrt(dimension);
    }
    return out;
  };
  const itemIds = Array.from({ length: items }, (_, i) => `item-${i}`);
  return {
    modelType: 'matrix_factorization',
    dimension,
    userIds: Array.from({ length: users }, (_, i) => `user-${i}`),
    itemIds,
    userFactors: rows(users, 0.5),
    itemFactors: rows(items, 0.8),
    popularity: {
      itemIds: itemIds.slice(0, 1000),
      scores: Float32Array.from({ length: 1000 }, (_, i) => 1000 - i),
    },
  };
}

export const metricsOf = () => ({
  ndcg_at_10: 0.3,
  recall_at_10: 0.3,
  baseline: { name: 'popularity' as const, ndcg_at_10: 0.1, recall_at_10: 0.1 },
  users_evaluated: 100,
});

/**
 * recall@10 of the active space's index against an exact inner-product scan of the model's factors, over
 * `queries` of the model's users.
 */
export async function recallAt10(ml: MlEngine, tenantId: string, model: TrainedModel, queries: number) {
  const space = await ml.spaces.active(tenantId);
  const d = model.dimension;
  const n = model.itemIds.length;
  let found = 0;
  let searchMs = 0;
  for (let q = 0; q < queries; q++) {
    const u = Math.floor((q * model.userIds.length) / queries);
    const query = model.userFactors.slice(u * d, (u + 1) * d);
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += query[k] * model.itemFactors[i * d + k];
      scores[i] = s;
    }
    const exact = new Set(
      [...scores.keys()]
        .sort((a, b) => scores[b] - scores[a])
        .slice(0, 10)
        .map((i) => model.itemIds[i]),
    );
    const t0 = performance.now();
    const approx = space.index.search(query, 10);
    searchMs += performance.now() - t0;
    found += approx.filter((x) => exact.has(x.itemId)).length;
  }
  return { recall: found / (10 * queries), meanSearchMs: searchMs / queries, indexSize: space.index.size };
}

/**
 * `rows` interactions of the model's users with its items over 30 days of 2024, as data-pipeline writes
 * them: what a training job reads while the bench measures serving beside it.
 */
async function trainingData(dir: string, tenantId: string, rows: number, users: number, items: number) {
  const rnd = random(5);
  const list: Row[] = [];
  for (let r = 0; r < rows; r++) {
    const day = String(1 + (r % 30)).padStart(2, '0');
    list.push({
      user: `user-${Math.floor(rnd.uniform() * users)}`,
      // a power law over the items: a few are popular, most are rare
      item: `item-${Math.floor(items * rnd.uniform() ** 3)}`,
      type: rnd.uniform() < 0.2 ? 'purchase' : 'view',
      at: `2024-06-${day}T12:00:00.000Z`,
    });
  }
  await writeTrainingData(dir, tenantId, list);
}

const secondsSince = (t: number) => Number(((performance.now() - t) / 1000).toFixed(1));

async function main() {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '100000' },
      users: { type: 'string', default: '20000' },
      queries: { type: 'string', default: '200' },
      'training-rows': { type: 'string', default: '300000' },
    },
  });
  const [items, users] = [Number(values.items), Number(values.users)];
  Object.assign(process.env, await up({ quiet: true }));
  const ml = await startMlEngine({ startBackground: false });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-recs-data-'));
  const stop = () =>
    void ml.stop().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  process.once('SIGTERM', stop);
  const shop = await ml.accounts.newShop();
  const key = await ml.accounts.apiKey(shop.admin, ['read']);
  let t = performance.now();
  await insertItems(ml, shop.tenantId, items);
  const insertSeconds = secondsSince(t);
  const model = clusteredModel(items, users, 128);
  t = performance.now();
  const version = await ml.registry.register({
    tenantId: shop.tenantId,
    jobId: randomUUID(),
    model,
    metrics: metricsOf(),
  });
  const registerSeconds = secondsSince(t);
  const recall = await recallAt10(ml, shop.tenantId, model, Number(values.queries));
  t = performance.now();
  await trainingData(dataDir, shop.tenantId, Number(values['training-rows']), users, items);
  const trainingDataSeconds = secondsSince(t);
  await ml.close(); // the snapshots stay for the serving process
  const c = ml.config;
  const env = {
    DATABASE_URL: c.DATABASE_URL,
    REDIS_URL: c.REDIS_URL,
    OBJECT_STORE_DIR: ml.storeDir,
    USER_SERVICE_URL: ml.users.url,
    KAFKA_TOPIC_PREFIX: ml.prefix,
    TRAINING_DATA_DIR: dataDir,
  };
  const hnsw = { M: c.HNSW_CONNECTIVITY, ef_add: c.HNSW_EXPANSION_ADD, ef_search: c.HNSW_EXPANSION_SEARCH };
  const out = {
    env,
    key,
    tenantId: shop.tenantId,
    version: version.version,
    insertSeconds,
    registerSeconds,
    trainingDataSeconds,
    recall,
    hnsw,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
