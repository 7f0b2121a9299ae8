import { randomUUID } from 'node:crypto';
import { SimilarItemsResponseSchema, TOPICS } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { createEvent } from '@platform/messaging';
import request from 'supertest';
import { type TrainedModel } from '../src/model-space';
import { cosineDistance } from '../src/recommendations/scoring';
import { bearer, startMlEngine, type MlEngine } from './harness';

jest.setTimeout(90_000);

// a trained 2-d space: books along x, games along y (b1 · b2 = 0.9 > b1 · b3 = 0.7 > b1 · g3 = 0.2 …)
const ITEMS: Record<string, { title: string; category: string; v: [number, number] }> = {
  b1: { title: 'Mystery novel in paperback', category: 'books', v: [1, 0] },
  b2: { title: 'Detective novel, hardcover', category: 'books', v: [0.9, 0.1] },
  b3: { title: 'Cookbook of soups', category: 'books', v: [0.7, 0.2] },
  g1: { title: 'Racing game for consoles', category: 'games', v: [0, 1] },
  g2: { title: 'Puzzle game with levels', category: 'games', v: [0.1, 0.9] },
  g3: { title: 'Board game for families', category: 'games', v: [0.2, 0.6] },
};
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1];

describe('GET /api/v1/items/{item_id}/similar (more like this)', () => {
  let ml: MlEngine;
  let shop: Awaited<ReturnType<MlEngine['accounts']['newShop']>>;
  let other: Awaited<ReturnType<MlEngine['accounts']['newShop']>>;
  let buyer: Awaited<ReturnType<MlEngine['accounts']['addMember']>>;
  let readKey: string;

  const itemEvent = (tenantId: string, type: 'ItemCreated' | 'ItemDeleted', itemId: string) =>
    createEvent(type, {
      aggregateId: itemId,
      tenantId,
      data:
        type === 'ItemCreated'
          ? {
              item_id: itemId,
              owner_id: 'owner-1',
              title: ITEMS[itemId]?.title ?? `Item ${itemId}`,
              description: '',
              category: ITEMS[itemId]?.category ?? 'books',
              tags: [],
              price: 10,
              currency: 'USD',
              stock: 3,
              created_at: new Date().toISOString(),
            }
          : { item_id: itemId, owner_id: 'owner-1', deleted_at: new Date().toISOString() },
    } as never);
  const publish = (tenantId: string, type: 'ItemCreated' | 'ItemDeleted', itemIds: string[]) =>
    ml.publisher.publish(
      itemIds.map((id) => ({ topic: TOPICS.itemEvents, event: itemEvent(tenantId, type, id) })),
    );
  const similar = (itemId: string, auth: { authorization: string }, query: Record<string, string> = {}) =>
    request(ml.url).get(`/api/v1/items/${itemId}/similar`).query(query).set(auth);

  beforeAll(async () => {
    ml = await startMlEngine();
    [shop, other] = [await ml.accounts.newShop(), await ml.accounts.newShop()];
    buyer = await ml.accounts.addMember(shop.admin, 'viewer');
    readKey = await ml.accounts.apiKey(shop.admin, ['read']);
    await publish(shop.tenantId, 'ItemCreated', [...Object.keys(ITEMS), 'only-mine']);
    await publish(other.tenantId, 'ItemCreated', ['b1', 'b2']);
    for (const [t, last] of [
      [shop.tenantId, 'only-mine'],
      [other.tenantId, 'b2'],
    ])
      await eventually(async () => (await ml.catalog.contentVector(t, last)) !== undefined, {
        what: 'the items',
      });
  });
  afterAll(() => ml?.stop());

  it('answers in the content space before any model: nearest by cosine first, the item itself left out', async () => {
    const res = await similar('b1', bearer(buyer.token)).expect(200);
    const body = SimilarItemsResponseSchema.parse(res.body);
    expect(body).toMatchObject({ item_id: 'b1', model_version: 'v0.0.0' });
    // under the public routes' rate limit, like every /api/v1 read
    expect(res.headers['x-ratelimit-limit']).toBe(String(ml.config.RATE_LIMIT_PER_MINUTE));
    // every other live item of the tenant (6 of 7, default count 10), ordered as an exact cosine scan orders them
    const b1 = (await ml.catalog.contentVector(shop.tenantId, 'b1'))!;
    const others = [...Object.keys(ITEMS), 'only-mine'].filter((id) => id !== 'b1');
    const distances = new Map<string, number>();
    for (const id of others)
      distances.set(id, cosineDistance(b1, (await ml.catalog.contentVector(shop.tenantId, id))!));
    expect(body.items.map((i) => i.item_id).sort()).toEqual([...others].sort());
    for (const i of body.items) expect(i.score).toBeCloseTo((1 + (1 - distances.get(i.item_id)!)) / 2, 4);
    const scores = body.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    const two = await similar('b1', bearer(readKey), { count: '2' }).expect(200);
    expect(two.body.items).toEqual(body.items.slice(0, 2));
  });

  it("answers in the active model's item space once a model is active, scored as recommendations score", async () => {
    const model: TrainedModel = {
      modelType: 'matrix_factorization',
      dimension: 2,
      userIds: ['reader'],
      itemIds: Object.keys(ITEMS),
      userFactors: Float32Array.from([1, 0]),
      itemFactors: Float32Array.from(Object.values(ITEMS).flatMap((i) => i.v)),
      popularity: { itemIds: ['b1'], scores: Float32Array.from([1]) },
    };
    const metrics = {
      ndcg_at_10: 0.5,
      recall_at_10: 0.4,
      baseline: { name: 'popularity' as const, ndcg_at_10: 0.1, recall_at_10: 0.1 },
      users_evaluated: 1,
    };
    await ml.registry.register({ tenantId: shop.tenantId, jobId: randomUUID(), model, metrics });
    const res = await similar('b1', bearer(shop.token), { count: '3' }).expect(200);
    const body = SimilarItemsResponseSchema.parse(res.body);
    expect(body.model_version).toBe('v1.0.0');
    expect(body.items.map((i) => i.item_id)).toEqual(['b2', 'b3', 'g3']);
    expect(body.items[0].score).toBeCloseTo(sigmoid(dot(ITEMS.b1.v, ITEMS.b2.v)), 5);
    expect(body.items[2].score).toBeCloseTo(sigmoid(dot(ITEMS.b1.v, ITEMS.g3.v)), 5);
    // the other tenant, with the same item ids, still answers from its own content space
    const theirs = await similar('b1', bearer(other.token)).expect(200);
    expect(theirs.body).toMatchObject({ model_version: 'v0.0.0', items: [{ item_id: 'b2' }] });
    expect(theirs.body.items).toHaveLength(1);
  });

  it('never answers a deleted item, nor names one among the neighbours', async () => {
    await publish(shop.tenantId, 'ItemDeleted', ['b2']);
    await eventually(async () => (await similar('b2', bearer(readKey))).status === 404, {
      what: 'the deletion applied',
    });
    const res = await similar('b1', bearer(readKey), { count: '50' }).expect(200);
    const ids = res.body.items.map((i: { item_id: string }) => i.item_id);
    expect(ids).not.toContain('b2');
    expect(ids).not.toContain('b1');
    expect(ids.slice(0, 2)).toEqual(['b3', 'g3']);
  });

  it("answers 404 for an unknown item and for another tenant's item", async () => {
    const unknown = await similar('nope', bearer(readKey)).expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', details: { item_id: 'nope' } });
    await similar('only-mine', bearer(other.token)).expect(404);
    await similar('only-mine', bearer(shop.token)).expect(200);
  });

  it('refuses: 401 without credentials, 403 for a key without read or a service token, 400 for a bad count or id', async () => {
    await request(ml.url).get('/api/v1/items/b1/similar').expect(401);
    await similar('b1', { authorization: 'Bearer not-a-token' }).expect(401);
    const writeOnly = await ml.accounts.apiKey(shop.admin, ['write']);
    await similar('b1', bearer(writeOnly)).expect(403);
    await similar('b1', ml.serviceAuth()).expect(403);
    for (const count of ['0', '51', 'ten', '']) {
      const bad = await similar('b1', bearer(readKey), { count }).expect(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'count' } });
    }
    await similar('b%20d', bearer(readKey)).expect(400);
  });
});
