import { randomUUID } from 'node:crypto';
import { CONTENT_MODEL_VERSION, type ItemFeatures } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { createEvent, topicOf } from '@platform/messaging';
import request from 'supertest';
import { encodeContent } from '../src/items/content-encoder';
import { type TrainedModel } from '../src/model-space';
import { bearer, startMlEngine, type MlEngine } from './harness';

jest.setTimeout(90_000);

const D = 4;
const CONTENT = 128;
/** A content map that keeps the content vector's first four values, plus a bias of 1 on the last. */
function contentMap() {
  const weights = new Float32Array(D * CONTENT);
  for (let r = 0; r < D; r++) weights[r * CONTENT + r] = 1;
  return { inputDim: CONTENT, weights, bias: Float32Array.from([0, 0, 0, 1]) };
}
const mapped = (f: ItemFeatures) => {
  const c = encodeContent(f, CONTENT);
  return [c[0], c[1], c[2], c[3] + 1];
};
const close = (a: number[], b: ArrayLike<number>) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1e-5);

describe('ml-engine embeddings in an active trained space', () => {
  let svc: MlEngine;
  let shop: Awaited<ReturnType<MlEngine['accounts']['newShop']>>;
  const known = `known-${randomUUID().slice(0, 8)}`;
  const shoe = { title: 'Trail running shoe', category: 'footwear', tags: ['running'] };

  beforeAll(async () => {
    svc = await startMlEngine();
    shop = await svc.accounts.newShop();
    const model: TrainedModel = {
      modelType: 'matrix_factorization',
      dimension: D,
      userIds: ['u1'],
      itemIds: [known],
      userFactors: Float32Array.from([1, 0, 0, 0]),
      itemFactors: Float32Array.from([0.5, 0.5, 0, 0]),
      contentMap: contentMap(),
      popularity: { itemIds: [known], scores: Float32Array.from([1]) },
    };
    const metrics = {
      ndcg_at_10: 0.3,
      recall_at_10: 0.4,
      baseline: { name: 'popularity' as const, ndcg_at_10: 0.1, recall_at_10: 0.2 },
      users_evaluated: 1,
    };
    const version = await svc.registry.register({
      tenantId: shop.tenantId,
      jobId: randomUUID(),
      model,
      metrics,
    });
    expect(version.status).toBe('active');
  });
  afterAll(() => svc?.stop());

  const embed = (items: { item_id: string; features: ItemFeatures }[], more: object = {}) =>
    request(svc.url)
      .post('/internal/ml/embeddings')
      .set(svc.serviceAuth())
      .send({ tenant_id: shop.tenantId, items, ...more })
      .expect(200);

  it("answers new features through the model's content map, and a known item with its trained factor", async () => {
    const res = await embed([
      { item_id: 'brand-new', features: shoe },
      { item_id: known, features: shoe },
    ]);
    expect(res.body.model_version).toBe('v1.0.0');
    expect(res.body.embeddings[0].dimension).toBe(D);
    expect(close(res.body.embeddings[0].embedding, mapped(shoe))).toBe(true);
    expect(close(res.body.embeddings[1].embedding, [0.5, 0.5, 0, 0])).toBe(true);
  });

  it('answers in the content space when asked for v0.0.0', async () => {
    const res = await embed([{ item_id: 'brand-new', features: shoe }], {
      model_version: CONTENT_MODEL_VERSION,
    });
    expect(res.body.model_version).toBe(CONTENT_MODEL_VERSION);
    expect(close(res.body.embeddings[0].embedding, encodeContent(shoe, CONTENT))).toBe(true);
  });

  it("gives a new item's vector in the active space once its event is applied", async () => {
    const id = `cold-${randomUUID().slice(0, 8)}`;
    const data = {
      item_id: id,
      owner_id: 'o',
      title: 'Trail running shoe',
      description: '',
      category: 'footwear',
      tags: ['running'],
      price: 10,
      currency: 'USD',
      stock: 1,
      created_at: new Date().toISOString(),
    };
    const event = createEvent('ItemCreated', { aggregateId: id, tenantId: shop.tenantId, data });
    await svc.publisher.publish([{ topic: topicOf('ItemCreated'), event }]);
    const get = () => request(svc.url).get(`/api/v1/items/${id}/embedding`).set(bearer(shop.token));
    await eventually(async () => (await get()).status === 200, { what: 'the new item' });
    const res = await get();
    expect(res.body.model_version).toBe('v1.0.0');
    expect(close(res.body.embedding, mapped({ ...data, description: '' }))).toBe(true);
  });
});
