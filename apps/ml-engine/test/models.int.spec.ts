import { randomUUID } from 'node:crypto';
import {
  ModelsResponseSchema,
  ModelVersionSchema,
  TOPICS,
  type ValidationMetrics,
} from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { createEvent } from '@platform/messaging';
import request from 'supertest';
import { loadIndex, saveIndex } from '../src/index/snapshots';
import { type TrainedModel } from '../src/model-space';
import { startMlEngine, type MlEngine } from './harness';

/** Two users, four items in 2-d: u1 likes a then b, u2 likes c then d; a new item maps to [sum(content), 2]. */
const model = (users: number[], contentDim = 128): TrainedModel => ({
  modelType: 'matrix_factorization',
  dimension: 2,
  userIds: ['u1', 'u2'],
  itemIds: ['item-a', 'item-b', 'item-c', 'item-d'],
  userFactors: Float32Array.from(users),
  itemFactors: Float32Array.from([1, 0, 0.8, 0.2, 0, 1, 0.1, 0.9]),
  popularity: { itemIds: ['item-a', 'item-c'], scores: Float32Array.from([1, 5]) },
  contentMap: {
    inputDim: contentDim,
    weights: Float32Array.from({ length: 2 * contentDim }, (_, i) => (i < contentDim ? 1 : 0)),
    bias: Float32Array.from([0, 2]),
  },
});
const metrics = (ndcg: number): ValidationMetrics => ({
  ndcg_at_10: ndcg,
  recall_at_10: ndcg / 2,
  baseline: { name: 'popularity', ndcg_at_10: 0.1, recall_at_10: 0.05 },
  users_evaluated: 2,
});
const ids = (found: { itemId: string }[]) => found.map((n) => n.itemId);
const near = (v: Float32Array | undefined) => [...(v ?? [])].map((x) => Math.round(x * 1e4) / 1e4);

describe('model versions', () => {
  let ml: MlEngine;
  let first: MlEngine;
  const tenant = randomUUID();
  const other = randomUUID();
  const activations: [string, string][] = [];

  const itemEvent = (type: 'ItemCreated' | 'ItemDeleted', itemId: string) =>
    createEvent(type, {
      aggregateId: itemId,
      tenantId: tenant,
      data:
        type === 'ItemCreated'
          ? {
              item_id: itemId,
              owner_id: 'owner-1',
              title: `Item ${itemId}`,
              description: `all about ${itemId}`,
              category: 'books',
              tags: ['paper'],
              price: 10,
              currency: 'USD',
              stock: 3,
              created_at: new Date().toISOString(),
            }
          : { item_id: itemId, owner_id: 'owner-1', deleted_at: new Date().toISOString() },
    } as never);
  const publish = (type: 'ItemCreated' | 'ItemDeleted', itemId: string) =>
    ml.publisher.publish([{ topic: TOPICS.itemEvents, event: itemEvent(type, itemId) }]);
  const list = (tenantId: string) =>
    request(ml.url).get('/internal/ml/models').set(ml.serviceAuth()).set('x-tenant-id', tenantId);
  const activate = (tenantId: string, version: string) =>
    request(ml.url)
      .post(`/internal/ml/models/${version}/activate`)
      .set(ml.serviceAuth())
      .set('x-tenant-id', tenantId);
  const register = (users: number[], ndcg: number) =>
    ml.registry.register({
      tenantId: tenant,
      jobId: randomUUID(),
      model: model(users),
      metrics: metrics(ndcg),
    });

  beforeAll(async () => {
    ml = first = await startMlEngine();
    ml.spaces.onActivated(async (t, v) => void activations.push([t, v]));
    for (const id of ['item-a', 'item-b', 'item-c', 'item-d']) await publish('ItemCreated', id);
    await eventually(async () => (await ml.catalog.contentVector(tenant, 'item-d')) !== undefined, {
      what: 'the catalog knows the items',
    });
  });
  afterAll(async () => {
    await ml?.stop();
    await first?.stop(); // the first instance owns the database, store and user-service
  });

  it('registers the first model as v1.0.0, active, and serves its space', async () => {
    const v = await register([1, 0, 0, 1], 0.5);
    expect(ModelVersionSchema.parse(v)).toMatchObject({
      version: 'v1.0.0',
      status: 'active',
      users: 2,
      items: 4,
    });
    expect(activations).toEqual([[tenant, 'v1.0.0']]);

    const space = await ml.spaces.active(tenant);
    expect(space.version).toBe('v1.0.0');
    expect(near(space.userVector('u1'))).toEqual([1, 0]);
    expect(ids(space.index.search(space.userVector('u1')!, 2))).toEqual(['item-a', 'item-b']);
    expect(ids(space.index.search(space.userVector('u2')!, 2))).toEqual(['item-c', 'item-d']);
    expect(space.popular).toEqual(['item-c', 'item-a']);

    const res = await list(tenant).expect(200);
    expect(ModelsResponseSchema.parse(res.body)).toMatchObject({ active_version: 'v1.0.0' });
    const gauge = (await request(ml.url).get('/metrics').expect(200)).text;
    const value = (version: string, metric: string) =>
      new RegExp(
        `tenant_id="${tenant}",model_version="${version}",metric_name="${metric}"[^}]*\\} ([\\d.]+)`,
      ).exec(gauge)?.[1];
    expect(value('v1.0.0', 'ndcg@10')).toBe('0.5');
    expect(value('v1.0.0', 'recall@10')).toBe('0.25');
  });

  it('keeps a worse model as candidate v1.1.0 and the active one unchanged', async () => {
    const v = await register([0, 1, 1, 0], 0.3);
    expect(v).toMatchObject({ version: 'v1.1.0', status: 'candidate', activated_at: null });
    expect((await ml.spaces.active(tenant)).version).toBe('v1.0.0');
    const res = await list(tenant).expect(200);
    expect(res.body.active_version).toBe('v1.0.0');
    expect(res.body.models.map((m: { version: string; status: string }) => [m.version, m.status])).toEqual([
      ['v1.1.0', 'candidate'],
      ['v1.0.0', 'active'],
    ]);
    expect(activations).toHaveLength(1);
    const candidate = await ml.spaces.version(tenant, 'v1.1.0');
    expect(near(candidate?.userVector('u1'))).toEqual([0, 1]);
  });

  it('activates v1.1.0 on request (rollback), the one before becomes candidate, listeners hear it', async () => {
    const res = await activate(tenant, 'v1.1.0').expect(200);
    expect(ModelVersionSchema.parse(res.body)).toMatchObject({ version: 'v1.1.0', status: 'active' });
    expect(res.body.activated_at).not.toBeNull();
    expect(activations).toEqual([
      [tenant, 'v1.0.0'],
      [tenant, 'v1.1.0'],
    ]);
    const space = await ml.spaces.active(tenant);
    expect(space.version).toBe('v1.1.0');
    expect(ids(space.index.search(space.userVector('u1')!, 1))).toEqual(['item-c']);
    const after = await list(tenant).expect(200);
    expect(after.body.active_version).toBe('v1.1.0');
    expect(after.body.models[1]).toMatchObject({ version: 'v1.0.0', status: 'candidate' });
  });

  it('answers 404 for an unknown version, 400 for a bad name or tenant, 401 without a service token', async () => {
    const unknown = await activate(tenant, 'v9.0.0').expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND' });
    await activate(tenant, 'latest').expect(400);
    await request(ml.url).get('/internal/ml/models').set(ml.serviceAuth()).expect(400);
    await request(ml.url).get('/internal/ml/models').set('x-tenant-id', tenant).expect(401);
    await list(tenant).set(ml.serviceAuth('order-service', 'data-pipeline')).expect(401);
    await list(tenant).set(ml.serviceAuth('payment-service')).expect(403);
    // the web app's server (the dashboard) with its own token; not with one minted for another service
    const listed = await list(tenant).set(ml.serviceAuth('web')).expect(200);
    expect(listed.body.active_version).toBe('v1.1.0');
    await activate(tenant, 'latest').set(ml.serviceAuth('web')).expect(400); // past the guard
    await list(tenant).set(ml.serviceAuth('web', 'user-service')).expect(401);
    await activate(tenant, 'v1.0.0').set(ml.serviceAuth('web', 'order-service')).expect(401);
  });

  it("never shows or lets another tenant touch this tenant's versions", async () => {
    const res = await list(other).expect(200);
    expect(res.body).toEqual({ active_version: null, models: [] });
    await activate(other, 'v1.0.0').expect(404);
    expect(await ml.spaces.version(other, 'v1.0.0')).toBeUndefined();
    expect((await list(tenant).expect(200)).body.active_version).toBe('v1.1.0');
  });

  it('puts an item created after training in the active space through the content map; a deleted one leaves', async () => {
    await publish('ItemCreated', 'item-new');
    await publish('ItemDeleted', 'item-a');
    const space = await ml.spaces.active(tenant);
    await eventually(() => space.index.has('item-new') && !space.index.has('item-a'), {
      what: 'the new item in the space, the deleted one out',
    });
    const content = (await ml.catalog.contentVector(tenant, 'item-new'))!;
    const sum = content.reduce((s, x) => s + x, 0);
    const vector = space.index.vectorOf('item-new')!;
    expect(vector[0]).toBeCloseTo(sum, 4);
    expect(vector[1]).toBeCloseTo(2, 5);
    // u1 of v1.1.0 is [0, 1]: the new item scores 2, item-c 1
    expect(ids(space.index.search(space.userVector('u1')!, 1))).toEqual(['item-new']);
  });

  it('gives concurrent registrations distinct names, one of them active', async () => {
    const shop = randomUUID(); // no catalog: the trained items make the index
    const made = await Promise.all(
      [0.2, 0.2, 0.2].map((ndcg) =>
        ml.registry.register({
          tenantId: shop,
          jobId: randomUUID(),
          model: model([1, 0, 0, 1]),
          metrics: metrics(ndcg),
        }),
      ),
    );
    expect(made.map((v) => v.version).sort()).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0']);
    const res = await list(shop).expect(200);
    expect(res.body.models.filter((m: { status: string }) => m.status === 'active')).toHaveLength(1);
    const space = await ml.spaces.active(shop);
    expect(space.version).toBe(res.body.active_version);
    expect(space.index.size).toBe(4);
  });

  it('lets another replica notice an activation it did not serve; the tolerance holds', async () => {
    const { prefix, users, db, storeDir } = ml;
    const replica = await startMlEngine({
      reuse: { prefix, users, db, storeDir },
      env: { ACTIVE_VERSION_TTL_MS: '200', ACTIVATION_TOLERANCE: '0.1' },
      startBackground: false,
    });
    try {
      const heard: string[] = [];
      replica.spaces.onActivated(async (t, v) => void (t === tenant && heard.push(v)));
      expect((await replica.spaces.active(tenant)).version).toBe('v1.1.0');
      await activate(tenant, 'v1.0.0').expect(200);
      await eventually(async () => (await replica.spaces.active(tenant)).version === 'v1.0.0', {
        what: 'the replica serving v1.0.0',
      });
      expect(heard).toEqual(['v1.0.0']);
      await activate(tenant, 'v1.1.0').expect(200); // back, for the tests below

      // ACTIVATION_TOLERANCE 0.1 on this replica: a little worse still replaces the active version
      const shop = randomUUID();
      const add = (ndcg: number) =>
        replica.registry.register({
          tenantId: shop,
          jobId: randomUUID(),
          model: model([1, 0, 0, 1]),
          metrics: metrics(ndcg),
        });
      expect(await add(0.5)).toMatchObject({ version: 'v1.0.0', status: 'active' });
      expect(await add(0.45)).toMatchObject({ version: 'v1.1.0', status: 'active' });
      expect(await add(0.3)).toMatchObject({ version: 'v1.2.0', status: 'candidate' });
    } finally {
      await replica.close();
    }
  });

  it('loads the active space from its snapshot after a restart, with no rebuild', async () => {
    const before = await ml.spaces.active(tenant);
    const query = Float32Array.from([0.3, 0.7]);
    const answer = ids(before.index.search(query, 5)).sort();
    // mark the stored snapshot: a rebuild from the factors could not know this vector
    const key = `ml-engine/tenants/${tenant}/models/v1.1.0/index`;
    const snap = (await loadIndex(ml.store, key))!;
    snap.index.upsert('item-b', Float32Array.from([0.8, 0.25]));
    await saveIndex(ml.store, key, snap.index);

    ml = await ml.restart();
    const read = jest.spyOn(ml.store, 'get');
    const space = await ml.spaces.active(tenant);
    expect(space.version).toBe('v1.1.0');
    expect(read.mock.calls.map(([k]) => k)).toEqual(
      expect.arrayContaining([key, `ml-engine/tenants/${tenant}/models/v1.1.0/model.bin`]),
    );
    expect(near(space.index.vectorOf('item-b'))).toEqual([0.8, 0.25]);
    expect(ids(space.index.search(query, 5)).sort()).toEqual(answer);
    expect(space.index.has('item-new')).toBe(true);
    expect(space.index.has('item-a')).toBe(false);
    expect(near(space.userVector('u2'))).toEqual([1, 0]);
  });
});
