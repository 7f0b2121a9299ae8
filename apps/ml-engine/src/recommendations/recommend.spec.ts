import { randomUUID } from 'node:crypto';
import { createEvent } from '@platform/messaging';
import { createLogger, createMetrics } from '@platform/service-kit';
import Redis from 'ioredis';
import {
  type ItemCatalog,
  type ItemChange,
  type ItemInfo,
  type ModelSpace,
  type VectorIndex,
} from '../model-space';
import { TrainedSpace } from '../models/trained-space';
import { ItemInfos } from './item-infos';
import { RecentInteractions } from './recent-interactions';
import { recommend, type RecommendDeps, type RecommendInput } from './recommend';
import { RecsCache } from './recs-cache';
import { recsMetrics } from './recs-metrics';

/** An exact inner-product index: the use case's view of items/' indexes, without usearch. */
function exactIndex(dimension: number, vectors: Record<string, number[]>): VectorIndex {
  const rows = new Map<string, Float32Array>(
    Object.entries(vectors).map(([k, v]) => [k, Float32Array.from(v)]),
  );
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
  return {
    metric: 'ip',
    dimension,
    get size() {
      return rows.size;
    },
    upsert: (id, v) => void rows.set(id, v),
    remove: (id) => void rows.delete(id),
    has: (id) => rows.has(id),
    vectorOf: (id) => rows.get(id)?.slice(),
    search: (q, k, accept = () => true) =>
      [...rows]
        .filter(([id]) => accept(id))
        .map(([itemId, v]) => ({ itemId, distance: 1 - dot(q, v) }))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, k),
  };
}

// items a..f: a, b, c point along x (electronics), d, e along y (books), f along both
const VECTORS = { a: [1, 0], b: [0.9, 0.1], c: [0.8, 0], d: [0, 1], e: [0.1, 0.9], f: [0.5, 0.5] };
const CATEGORY: Record<string, string> = { a: 'el', b: 'el', c: 'el', d: 'books', e: 'books', f: 'books' };
const info = (id: string, i: number): ItemInfo => ({
  itemId: id,
  category: CATEGORY[id],
  tags: [],
  createdAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
});

/** A trained space over VECTORS where alice (along x) trained on a, b, c and d: more than the recent cap. */
const trainedSpace = () =>
  new TrainedSpace(
    'v1.0.0',
    {
      modelType: 'matrix_factorization',
      dimension: 2,
      userIds: ['alice'],
      itemIds: Object.keys(VECTORS),
      userFactors: Float32Array.from([2, 0]),
      itemFactors: Float32Array.from(Object.values(VECTORS).flat()),
      popularity: { itemIds: ['d', 'a'], scores: Float32Array.from([2, 1]) },
      seen: { indptr: Int32Array.from([0, 4]), items: Int32Array.from([0, 1, 2, 3]) },
    },
    exactIndex(2, VECTORS),
  );

function setup(redis: Redis, opts: { space?: ModelSpace; cap?: number } = {}) {
  const tenantId = randomUUID();
  const listeners: ((t: string, c: ItemChange) => Promise<void>)[] = [];
  const catalog = {
    all: async function* (t: string) {
      if (t !== tenantId) return;
      for (const [i, id] of Object.keys(VECTORS).entries())
        yield { info: info(id, i), content: new Float32Array(2) };
    },
    onChange: (l: (t: string, c: ItemChange) => Promise<void>) => void listeners.push(l),
  } as unknown as ItemCatalog;
  const space: ModelSpace = opts.space ?? {
    version: 'v1.0.0',
    modelType: 'matrix_factorization',
    dimension: 2,
    index: exactIndex(2, VECTORS),
    userVector: (u) => (u === 'alice' ? Float32Array.from([2, 0]) : undefined),
    popular: ['d', 'a', 'e'],
  };
  const spaces = {
    active: async () => space,
    version: async (_t: string, v: string) => (v === space.version ? space : undefined),
    onActivated: () => undefined,
  };
  const recent = new RecentInteractions(redis, opts.cap ?? 50);
  const cache = new RecsCache(redis, 60_000, createLogger('test', 'silent'));
  const deps: RecommendDeps = {
    redis,
    spaces,
    infos: new ItemInfos(catalog),
    recent,
    cache,
    metrics: recsMetrics(createMetrics('ml-engine', { defaults: false })),
  };
  const ask = (userId: string, more: Partial<RecommendInput> = {}) =>
    recommend(deps, { tenantId, userId, count: 3, includeInteracted: false, ...more });
  /** Applies an interaction as the consumer does (its commands, without the inbox). */
  const interact = async (
    tenant: string,
    userId: string,
    itemId: string,
    type: 'purchase' | 'view' = 'purchase',
  ) => {
    const event = createEvent('InteractionIngested', {
      aggregateId: userId,
      tenantId: tenant,
      data: {
        user_id: userId,
        item_id: itemId,
        interaction_type: type,
        timestamp: new Date().toISOString(),
        interaction_id: randomUUID(),
        source: 'api',
      },
    });
    const multi = redis.multi();
    for (const [cmd, ...args] of recent.commandsFor(tenant, event)) multi.call(cmd, ...args);
    await multi.exec();
  };
  return { tenantId, ask, interact, cache, listeners };
}

describe('recommend', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/4');
  afterAll(() => redis.quit());

  it('scores a known user with the model, ordered, scores in [0, 1], real cosine distances', async () => {
    const { ask } = setup(redis);
    const r = await ask('alice');
    expect(r.strategy).toBe('model');
    expect(r.recommendations.map((x) => x.item_id)).toEqual(['a', 'b', 'c']);
    const scores = r.recommendations.map((x) => x.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    for (const s of scores) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(r.recommendations[0].embedding_distance).toBeCloseTo(0, 5);
    expect(r.recommendations[1].embedding_distance).toBeCloseTo(1 - 0.9 / Math.hypot(0.9, 0.1), 5);
    expect(r.recommendations[0].metadata).toEqual({ category: 'el', created_at: '2025-01-01T00:00:00.000Z' });
  });

  it('gives an unknown user the popular items, never an empty list, filters holding', async () => {
    const { ask } = setup(redis);
    const r = await ask('nobody', { count: 5, filters: { exclude_ids: ['a'] } });
    expect(r.strategy).toBe('popular');
    // the model's popularity first, then the newest items fill the list
    expect(r.recommendations.map((x) => x.item_id)).toEqual(['d', 'e', 'f', 'c', 'b']);
  });

  it('folds in an unknown user from their interactions and leaves the seen items out unless asked', async () => {
    const { ask, interact, tenantId } = setup(redis);
    await interact(tenantId, 'bob', 'd');
    const r = await ask('bob');
    expect(r.strategy).toBe('fold_in');
    expect(r.recommendations.map((x) => x.item_id)).toEqual(['e', 'f', 'b']);
    const all = await ask('bob', { includeInteracted: true });
    expect(all.recommendations[0].item_id).toBe('d');
  });

  it("leaves out a known user's training items beyond the recent list, unless include_interacted", async () => {
    const { ask, interact, tenantId } = setup(redis, { space: trainedSpace(), cap: 3 });
    await interact(tenantId, 'alice', 'e');
    const r = await ask('alice');
    expect(r.strategy).toBe('model');
    // a–d from the model's training data, e from the recent list: only f is left
    expect(r.recommendations.map((x) => x.item_id)).toEqual(['f']);
    const all = await ask('alice', { includeInteracted: true });
    expect(all.recommendations.map((x) => x.item_id)).toEqual(['a', 'b', 'c']);
  });

  it('holds categories, exclude_ids and min_score through the search', async () => {
    const { ask } = setup(redis);
    const r = await ask('alice', { filters: { categories: ['books'], exclude_ids: ['f'] } });
    expect(r.recommendations.map((x) => x.item_id)).toEqual(['e', 'd']);
    // sigmoid(2 · 0.8) ≈ 0.832 and sigmoid(2 · 0.9) ≈ 0.858: only a and b reach 0.85
    const high = await ask('alice', { filters: { min_score: 0.85 } });
    expect(high.recommendations.map((x) => x.item_id)).toEqual(['a', 'b']);
  });

  it('caches the answer, and drops it on a new interaction and on an activation', async () => {
    const { ask, interact, tenantId, cache } = setup(redis);
    expect((await ask('alice')).cache_hit).toBe(false);
    const hit = await ask('alice');
    expect(hit.cache_hit).toBe(true);
    expect(hit.recommendations.map((x) => x.item_id)).toEqual(['a', 'b', 'c']);
    await interact(tenantId, 'alice', 'a');
    const after = await ask('alice');
    expect(after.cache_hit).toBe(false);
    expect(after.recommendations.map((x) => x.item_id)).not.toContain('a');
    expect((await ask('alice')).cache_hit).toBe(true);
    expect(await cache.dropTenant(tenantId)).toBe(1);
    expect((await ask('alice')).cache_hit).toBe(false);
  });

  it("never lets another tenant's interactions change a tenant's answer", async () => {
    const a = setup(redis);
    const b = setup(redis);
    const before = await a.ask('carol');
    await b.interact(b.tenantId, 'carol', 'a');
    await b.interact(b.tenantId, 'x', 'f');
    await a.cache.dropTenant(a.tenantId);
    const after = await a.ask('carol');
    expect(after.cache_hit).toBe(false);
    expect(after.strategy).toBe('popular');
    expect(after.recommendations).toEqual(before.recommendations);
  });

  it('refuses an unknown model version with 404', async () => {
    const { ask } = setup(redis);
    await expect(ask('alice', { modelVersion: 'v9.0.0' })).rejects.toMatchObject({ status: 404 });
    expect((await ask('alice', { modelVersion: 'v1.0.0' })).model_version).toBe('v1.0.0');
  });
});
