import { randomUUID } from 'node:crypto';
import {
  PublicRecommendationResponseSchema,
  RecommendationResponseSchema,
  TOPICS,
} from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { createEvent } from '@platform/messaging';
import { readTopic, waitForGroupCaughtUp } from '@platform/messaging/testing';
import request from 'supertest';
import { type TrainedModel as Model } from '../src/model-space';
import { bearer, startMlEngine, type MlEngine } from './harness';

// items in 2-d: books along x (b1 > b2 > b3 for a user along x), games along y
const ITEMS: Record<string, { category: string; v: [number, number] }> = {
  b1: { category: 'books', v: [1, 0] },
  b2: { category: 'books', v: [0.9, 0.1] },
  b3: { category: 'books', v: [0.7, 0.2] },
  g1: { category: 'games', v: [0, 1] },
  g2: { category: 'games', v: [0.1, 0.9] },
  g3: { category: 'games', v: [0.2, 0.6] },
};
const model = (reader: [number, number]): Model => ({
  modelType: 'matrix_factorization',
  dimension: 2,
  userIds: ['reader', 'gamer'],
  itemIds: Object.keys(ITEMS),
  userFactors: Float32Array.from([...reader, 0, 2]),
  itemFactors: Float32Array.from(Object.values(ITEMS).flatMap((i) => i.v)),
  popularity: { itemIds: ['g3', 'b3'], scores: Float32Array.from([9, 4]) },
});
const METRICS = {
  ndcg_at_10: 0.5,
  recall_at_10: 0.4,
  baseline: { name: 'popularity' as const, ndcg_at_10: 0.1, recall_at_10: 0.1 },
  users_evaluated: 2,
};
const ids = (body: { recommendations: { item_id: string }[] }) => body.recommendations.map((r) => r.item_id);

describe('recommendations', () => {
  let ml: MlEngine;
  let shop: Awaited<ReturnType<MlEngine['accounts']['newShop']>>;
  let other: Awaited<ReturnType<MlEngine['accounts']['newShop']>>;
  let key: string;

  const itemCreated = (tenantId: string, itemId: string) =>
    createEvent('ItemCreated', {
      aggregateId: itemId,
      tenantId,
      data: {
        item_id: itemId,
        owner_id: 'owner-1',
        title: `Item ${itemId}`,
        description: `all about ${itemId}`,
        category: ITEMS[itemId].category,
        tags: [],
        price: 10,
        currency: 'USD',
        stock: 3,
        created_at: new Date(Date.UTC(2025, 0, 1 + Object.keys(ITEMS).indexOf(itemId))).toISOString(),
      },
    } as never);
  const interaction = (tenantId: string, userId: string, itemId: string) =>
    createEvent('InteractionIngested', {
      aggregateId: userId,
      tenantId,
      data: {
        user_id: userId,
        item_id: itemId,
        interaction_type: 'purchase',
        timestamp: new Date().toISOString(),
        interaction_id: randomUUID(),
        source: 'api',
      },
    });
  const publish = (events: ReturnType<typeof interaction | typeof itemCreated>[], topic: string) =>
    ml.publisher.publish(events.map((event) => ({ topic, event })));
  const internal = (tenantId: string, body: Record<string, unknown>) =>
    request(ml.url)
      .post('/internal/ml/recommendations')
      .set(ml.serviceAuth())
      .send({ tenant_id: tenantId, ...body });
  const pub = (body: Record<string, unknown>, auth = bearer(key)) =>
    request(ml.url).post('/api/v1/recommendations').set(auth).send(body);

  beforeAll(async () => {
    ml = await startMlEngine();
    shop = await ml.accounts.newShop();
    other = await ml.accounts.newShop();
    key = await ml.accounts.apiKey(shop.admin, ['read']);
    for (const t of [shop.tenantId, other.tenantId])
      await publish(
        Object.keys(ITEMS).map((id) => itemCreated(t, id)),
        TOPICS.itemEvents,
      );
    for (const t of [shop.tenantId, other.tenantId])
      await eventually(async () => (await ml.catalog.contentVector(t, 'g3')) !== undefined, {
        what: 'the items',
      });
  });
  afterAll(() => ml?.stop());

  it('serves the content space before any model: an unknown user gets items, never an empty list', async () => {
    const res = await internal(shop.tenantId, { user_id: 'nobody', count: 4 }).expect(200);
    const body = RecommendationResponseSchema.parse(res.body);
    expect(body).toMatchObject({ model_version: 'v0.0.0', strategy: 'popular', cache_hit: false });
    expect(body.recommendations).toHaveLength(4);
    expect(res.headers['x-request-id']).toBe(body.request_id);
  });

  it('serves a known user with the registered model, scores in [0, 1] and ordered', async () => {
    await ml.registry.register({
      tenantId: shop.tenantId,
      jobId: randomUUID(),
      model: model([2, 0]),
      metrics: METRICS,
    });
    const res = await internal(shop.tenantId, { user_id: 'reader', count: 3 }).expect(200);
    const body = RecommendationResponseSchema.parse(res.body);
    expect(body).toMatchObject({ model_version: 'v1.0.0', strategy: 'model', cache_hit: false });
    expect(ids(body)).toEqual(['b1', 'b2', 'b3']);
    const scores = body.recommendations.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(body.recommendations[0]).toMatchObject({ embedding_distance: 0, metadata: { category: 'books' } });
    expect(body.latency_ms).toBeGreaterThan(0);
  });

  it('gives an unknown user the model’s popular items, filters holding', async () => {
    const res = await internal(shop.tenantId, {
      user_id: 'stranger',
      count: 3,
      filters: { categories: ['books'], exclude_ids: ['b1'] },
    }).expect(200);
    expect(res.body.strategy).toBe('popular');
    expect(ids(res.body)[0]).toBe('b3');
    expect(ids(res.body).sort()).toEqual(['b2', 'b3']);
  });

  it('folds in a user from interactions on Kafka (counted once) and leaves seen items out unless asked', async () => {
    const bought = interaction(shop.tenantId, 'newcomer', 'g1');
    await publish([bought, bought], TOPICS.interactionsIngested); // a redelivery
    // both deliveries handled: the group has committed past them
    await waitForGroupCaughtUp(
      ml.broker.topic(`${ml.config.CONSUMER_GROUP}.recent-interactions`),
      ml.broker.topic(TOPICS.interactionsIngested),
    );
    const res = await internal(shop.tenantId, { user_id: 'newcomer', count: 2 }).expect(200);
    expect(res.body).toMatchObject({ strategy: 'fold_in' });
    expect(ids(res.body)).toEqual(['g2', 'g3']);
    const all = await internal(shop.tenantId, { user_id: 'newcomer', count: 2, include_interacted: true });
    expect(ids(all.body)).toEqual(['g1', 'g2']);
    expect(await ml.redis.zscore(`ml:popular:${shop.tenantId}`, 'g1')).toBe('1');
    expect(await ml.redis.llen(`ml:recent:${shop.tenantId}:newcomer`)).toBe(1);
  });

  it('holds min_score', async () => {
    // sigmoid(2 · 1) ≈ 0.881, sigmoid(2 · 0.9) ≈ 0.858, sigmoid(2 · 0.7) ≈ 0.802
    const res = await internal(shop.tenantId, { user_id: 'reader', filters: { min_score: 0.85 } }).expect(
      200,
    );
    expect(ids(res.body)).toEqual(['b1', 'b2']);
  });

  it('answers from the cache the second time, and not after an activation', async () => {
    const ask = () => pub({ user_id: 'gamer', count: 2 }).expect(200);
    const first = PublicRecommendationResponseSchema.parse((await ask()).body);
    expect(first.metadata).toMatchObject({ cache_hit: false, model_version: 'v1.0.0' });
    const second = (await ask()).body;
    expect(second.metadata.cache_hit).toBe(true);
    expect(second.recommendations).toEqual(first.recommendations);
    await ml.registry.register({
      tenantId: shop.tenantId,
      jobId: randomUUID(),
      model: model([0, 1]),
      metrics: METRICS,
    });
    const after = (await ask()).body;
    expect(after.metadata).toMatchObject({ cache_hit: false, model_version: 'v1.1.0' });
    const old = await internal(shop.tenantId, { user_id: 'reader', model_version: 'v1.0.0' }).expect(200);
    expect(old.body.model_version).toBe('v1.0.0');
    // seed 002 §7 serving metrics of this tenant
    const text = (await request(ml.url).get('/metrics').expect(200)).text;
    const t = `tenant_id="${shop.tenantId}"`;
    expect(text).toMatch(new RegExp(`ml_embedding_cache_hit_rate\\{[^}]*${t}[^}]*\\} 0\\.\\d+`));
    expect(text).toContain(`ml_recommendation_cache_lookups_total{${t},result="hit"`);
    expect(text).toMatch(
      new RegExp(`ml_ann_search_duration_seconds_count\\{[^}]*${t}[^}]*index_size="<1k"[^}]*\\} [1-9]`),
    );
    expect(text).toMatch(new RegExp(`ml_recommendations_per_request_count\\{[^}]*${t}[^}]*\\} [1-9]`));
  });

  it('refuses: 401 without credentials, 403 for a key without read, 400 for a bad body, 404 for a version', async () => {
    await request(ml.url).post('/api/v1/recommendations').send({ user_id: 'u' }).expect(401);
    await request(ml.url).post('/internal/ml/recommendations').send({ user_id: 'u' }).expect(401);
    const writeOnly = await ml.accounts.apiKey(shop.admin, ['write']);
    await pub({ user_id: 'u' }, bearer(writeOnly)).expect(403);
    await pub({ user_id: 'u' }, ml.serviceAuth()).expect(403);
    const bad = await pub({ user_id: 'u', tenant_id: other.tenantId }).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    await pub({ user_id: 'u', count: 0 }).expect(400);
    await internal(shop.tenantId, { user_id: 'u', filters: { min_score: 2 } }).expect(400);
    await internal('not-a-uuid', { user_id: 'u' }).expect(400);
    const missing = await internal(shop.tenantId, { user_id: 'u', model_version: 'v9.0.0' }).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('serves a viewer (a buyer) their own user_id only; an admin, a developer and an API key any user', async () => {
    const buyer = await ml.accounts.addMember(shop.admin, 'viewer');
    const developer = await ml.accounts.addMember(shop.admin, 'developer');
    const own = await pub({ user_id: buyer.userId, count: 2 }, bearer(buyer.token)).expect(200);
    expect(PublicRecommendationResponseSchema.parse(own.body).recommendations).toHaveLength(2);
    const refused = await pub({ user_id: 'reader' }, bearer(buyer.token)).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await pub({ user_id: developer.userId }, bearer(buyer.token)).expect(403);
    for (const auth of [bearer(shop.token), bearer(developer.token), bearer(key)])
      await pub({ user_id: buyer.userId, count: 2 }, auth).expect(200);
  });

  it("never lets another tenant's interactions or models change this tenant's answers", async () => {
    const ask = () => pub({ user_id: 'someone', count: 6, include_interacted: true });
    const before = (await ask().expect(200)).body;
    await publish(
      [interaction(other.tenantId, 'someone', 'b1'), interaction(other.tenantId, 'x', 'b2')],
      TOPICS.interactionsIngested,
    );
    await eventually(async () => (await ml.redis.zscore(`ml:popular:${other.tenantId}`, 'b2')) === '1', {
      what: "the other tenant's interactions",
    });
    await ml.redis.del(`ml:recs:${shop.tenantId}:someone`);
    const after = (await ask().expect(200)).body;
    expect(after.metadata.cache_hit).toBe(false);
    expect(after.recommendations).toEqual(before.recommendations);
    const theirs = await internal(other.tenantId, { user_id: 'reader' }).expect(200);
    expect(theirs.body).toMatchObject({ model_version: 'v0.0.0', strategy: 'popular' });
  });

  it('publishes the usage with recommendations_served', async () => {
    const served = (await pub({ user_id: 'gamer', count: 3 }).expect(200)).body.recommendations.length;
    expect(served).toBe(3);
    const topic = ml.broker.topic(TOPICS.usageEvents);
    const mine = (m: { json: <T>() => T }) => m.json<{ data: { tenant_id: string; service: string } }>().data;
    const messages = await readTopic(topic, (all) =>
      all.some((m) => mine(m).tenant_id === shop.tenantId && mine(m).service === 'ml-engine'),
    );
    const total = messages
      .map((m) => m.json<{ data: { tenant_id: string; recommendations_served: number } }>().data)
      .filter((d) => d.tenant_id === shop.tenantId)
      .reduce((s, d) => s + d.recommendations_served, 0);
    expect(total).toBeGreaterThanOrEqual(served);
  });

  it('answers 429 with the rate-limit headers past the per-minute limit', async () => {
    ml = await ml.restart({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    const [fresh, second] = [await ml.accounts.newShop(), await ml.accounts.newShop()];
    const auth = bearer(fresh.token);
    const ok = await pub({ user_id: 'u' }, auth).expect(200);
    expect(ok.headers['x-ratelimit-limit']).toBe('3');
    expect(ok.headers['x-ratelimit-remaining']).toBe('2');
    await pub({ user_id: 'u' }, auth).expect(200);
    await pub({ user_id: 'u' }, auth).expect(200);
    const limited = await pub({ user_id: 'u' }, auth).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another tenant's budget is its own
    await pub({ user_id: 'u' }, bearer(second.token)).expect(200);
  });
});
