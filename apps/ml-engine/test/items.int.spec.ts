import { randomUUID } from 'node:crypto';
import {
  CONTENT_MODEL_VERSION,
  type EventData,
  type EventType,
  type ItemFeatures,
} from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { createEvent, topicOf } from '@platform/messaging';
import request from 'supertest';
import { encodeContent } from '../src/items/content-encoder';
import { type ItemChange } from '../src/model-space';
import { bearer, startMlEngine, type MlEngine } from './harness';

jest.setTimeout(90_000);

const features = (title: string, more: Partial<ItemFeatures> = {}) => ({
  title,
  description: `${title} described at length`,
  category: 'outdoor',
  tags: ['trail'],
  ...more,
});
const created = (itemId: string, title: string): EventData<'ItemCreated'> => ({
  item_id: itemId,
  owner_id: 'owner-1',
  ...features(title),
  description: `${title} described at length`,
  price: 10,
  currency: 'USD',
  stock: 3,
  created_at: new Date().toISOString(),
});
const updated = (itemId: string, title: string): EventData<'ItemUpdated'> => {
  const { stock: _s, created_at: _c, ...rest } = created(itemId, title);
  return { ...rest, changed: ['title'], updated_at: new Date().toISOString() };
};
const close = (a: number[], b: Float32Array) => a.every((x, i) => Math.abs(x - b[i]) < 1e-6);

describe('ml-engine items: events, embeddings, snapshots', () => {
  let svc: MlEngine;
  let shopA: { tenantId: string; token: string; admin: Parameters<MlEngine['accounts']['apiKey']>[0] };
  let shopB: typeof shopA;
  let readKeyA: string;
  const changes: { tenantId: string; change: ItemChange }[] = [];

  beforeAll(async () => {
    svc = await startMlEngine();
    svc.catalog.onChange(async (tenantId, change) => void changes.push({ tenantId, change }));
    [shopA, shopB] = await Promise.all([svc.accounts.newShop(), svc.accounts.newShop()]);
    readKeyA = await svc.accounts.apiKey(shopA.admin, ['read']);
  });
  afterAll(() => svc?.stop());

  const publish = async <T extends EventType>(type: T, tenantId: string | undefined, data: EventData<T>) => {
    const aggregateId = (data as { item_id: string }).item_id;
    const event = createEvent(type, { aggregateId, tenantId, data });
    await svc.publisher.publish([{ topic: topicOf(type), event }]);
    return event;
  };
  const redeliver = (event: ReturnType<typeof createEvent>) =>
    svc.publisher.publish([{ topic: topicOf(event.event_type), event }]);
  const embedding = (itemId: string, auth = bearer(readKeyA)) =>
    request(svc.url).get(`/api/v1/items/${itemId}/embedding`).set(auth);
  const processed = async (eventId: string) =>
    (await svc.pool.query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId])).rowCount === 1;

  it('shows an item created, updated and deleted on Kafka to the next request', async () => {
    const id = `shoe-${randomUUID().slice(0, 8)}`;
    await publish('ItemCreated', shopA.tenantId, created(id, 'Trail running shoe'));
    await eventually(async () => (await embedding(id)).status === 200, { what: 'the created item' });
    const first = await embedding(id).expect(200);
    expect(first.body).toMatchObject({ item_id: id, dimension: 128, model_version: CONTENT_MODEL_VERSION });
    expect(close(first.body.embedding, encodeContent(features('Trail running shoe'), 128))).toBe(true);

    await publish('ItemUpdated', shopA.tenantId, updated(id, 'Mountain bike helmet'));
    const helmet = encodeContent(features('Mountain bike helmet'), 128);
    await eventually(async () => close((await embedding(id)).body.embedding ?? [], helmet), {
      what: 'the update',
    });
    expect((await svc.catalog.contentSpace(shopA.tenantId)).index.search(helmet, 1)[0].itemId).toBe(id);

    await publish('ItemDeleted', shopA.tenantId, {
      item_id: id,
      owner_id: 'o',
      deleted_at: new Date().toISOString(),
    });
    await eventually(async () => (await embedding(id)).status === 404, { what: 'the deletion' });
    expect((await embedding(id)).body.error.code).toBe('NOT_FOUND');
    expect((await svc.catalog.contentSpace(shopA.tenantId)).index.has(id)).toBe(false);
  });

  it("takes data-pipeline's ingested items into the event's tenant", async () => {
    const id = `ingested-${randomUUID().slice(0, 8)}`;
    await publish('ItemIngested', shopA.tenantId, {
      item_id: id,
      title: 'Camping stove',
      category: 'outdoor',
      received_at: new Date().toISOString(),
    });
    await eventually(async () => (await embedding(id)).status === 200, { what: 'the ingested item' });
    const res = await embedding(id, bearer(shopA.token)).expect(200);
    expect(
      close(res.body.embedding, encodeContent({ title: 'Camping stove', category: 'outdoor' }, 128)),
    ).toBe(true);
  });

  it("keeps tenants apart: another tenant's item is a 404 and never in this tenant's index", async () => {
    const id = `both-${randomUUID().slice(0, 8)}`;
    const onlyB = `b-${randomUUID().slice(0, 8)}`;
    await publish('ItemCreated', shopA.tenantId, created(id, 'Wool socks'));
    await publish('ItemCreated', shopB.tenantId, created(id, 'Garden hose'));
    await publish('ItemCreated', shopB.tenantId, created(onlyB, 'Lawn mower'));
    const readB = bearer(shopB.token);
    await eventually(async () => (await embedding(onlyB, readB)).status === 200, { what: "B's item" });
    await eventually(async () => (await embedding(id, readB)).status === 200, { what: "B's copy" });
    await eventually(async () => (await embedding(id)).status === 200, { what: "A's copy" });
    expect((await embedding(onlyB)).status).toBe(404);
    expect(close((await embedding(id)).body.embedding, encodeContent(features('Wool socks'), 128))).toBe(
      true,
    );
    expect(
      close((await embedding(id, readB)).body.embedding, encodeContent(features('Garden hose'), 128)),
    ).toBe(true);
    const spaceA = await svc.catalog.contentSpace(shopA.tenantId);
    expect(spaceA.index.has(onlyB)).toBe(false);
    expect(
      spaceA.index.search(encodeContent(features('Lawn mower'), 128), 50).map((n) => n.itemId),
    ).not.toContain(onlyB);
    expect((await svc.catalog.infos(shopA.tenantId, [onlyB])).size).toBe(0);
  });

  it('changes nothing twice for a redelivered event', async () => {
    const id = `redo-${randomUUID().slice(0, 8)}`;
    const first = await publish('ItemCreated', shopA.tenantId, created(id, 'Old title'));
    const second = await publish('ItemUpdated', shopA.tenantId, updated(id, 'New title'));
    await eventually(() => processed(second.event_id), { what: 'the update' });
    const row = async () =>
      (await svc.pool.query('SELECT title, updated_at FROM items WHERE item_id = $1', [id])).rows[0];
    const before = await row();
    const seen = changes.filter((c) => c.change.kind === 'upsert' && c.change.info.itemId === id).length;
    expect(seen).toBe(2);
    await redeliver(first);
    // same key, same partition: once the price change is handled, the redelivery before it was too
    const after = await publish('ItemPriceChanged', shopA.tenantId, {
      item_id: id,
      old_price: 10,
      new_price: 12,
      currency: 'USD',
    });
    await eventually(() => processed(after.event_id), { what: 'the event after the redelivery' });
    expect(await row()).toEqual(before);
    expect(before.title).toBe('New title');
    expect(changes.filter((c) => c.change.kind === 'upsert' && c.change.info.itemId === id)).toHaveLength(
      seen,
    );
  });

  it('dead-letters an item event without a tenant and goes on with the next', async () => {
    const id = `poison-${randomUUID().slice(0, 8)}`;
    const poison = await publish('ItemCreated', undefined, created(id, 'Nobody owns me'));
    await publish('ItemCreated', shopA.tenantId, created(id, 'Somebody owns me'));
    await eventually(async () => (await embedding(id)).status === 200, { what: 'the next event' });
    expect(await processed(poison.event_id)).toBe(false);
  });

  describe('POST /internal/ml/embeddings', () => {
    const body = () => ({
      tenant_id: shopA.tenantId,
      items: [
        { item_id: 'x1', features: features('Hiking boots') },
        { item_id: 'x2', features: { title: 'Espresso machine', tags: ['coffee'] } },
      ],
    });
    const post = (auth: Record<string, string>, b: unknown = body()) =>
      request(svc.url)
        .post('/internal/ml/embeddings')
        .set(auth)
        .send(b as object);

    it("embeds features in the tenant's dimension with the content encoder before any model", async () => {
      const res = await post(svc.serviceAuth('order-service')).expect(200);
      expect(res.body.model_version).toBe(CONTENT_MODEL_VERSION);
      expect(res.body.embeddings.map((e: { item_id: string }) => e.item_id)).toEqual(['x1', 'x2']);
      expect(res.body.embeddings[0].dimension).toBe(128);
      expect(close(res.body.embeddings[0].embedding, encodeContent(features('Hiking boots'), 128))).toBe(
        true,
      );
      const again = await post(svc.serviceAuth('data-pipeline')).expect(200);
      expect(again.body.embeddings).toEqual(res.body.embeddings);
      // stored nowhere
      expect((await svc.catalog.infos(shopA.tenantId, ['x1', 'x2'])).size).toBe(0);
    });

    it('refuses a caller without a service token (401), for another audience (401), or not listed (403)', async () => {
      expect((await request(svc.url).post('/internal/ml/embeddings').send(body())).status).toBe(401);
      expect((await post(bearer(shopA.token))).status).toBe(401);
      expect((await post(svc.serviceAuth('order-service', 'data-pipeline'))).status).toBe(401);
      const other = await post(svc.serviceAuth('notification-worker'));
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('FORBIDDEN');
    });

    it('answers an invalid body with 400 and an unknown model version with 404', async () => {
      const auth = svc.serviceAuth();
      expect((await post(auth, { tenant_id: 'nope', items: [] })).body.error.code).toBe('VALIDATION_ERROR');
      expect(
        (await post(auth, { ...body(), items: [{ item_id: 'bad id!', features: { title: 'x' } }] })).status,
      ).toBe(400);
      expect((await post(auth, { ...body(), extra: 1 })).status).toBe(400);
      const missing = await post(auth, { ...body(), model_version: 'v9.0.0' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('GET /api/v1/items/{item_id}/embedding', () => {
    it('needs a credential (401) with the read permission (403), a valid id (400), and a live item (404)', async () => {
      expect((await request(svc.url).get('/api/v1/items/any/embedding')).status).toBe(401);
      const writeOnly = await svc.accounts.apiKey(shopA.admin, ['write']);
      const refused = await embedding('any', bearer(writeOnly));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect((await embedding('any', svc.serviceAuth())).status).toBe(403);
      expect((await embedding('bad%20id!')).status).toBe(400);
      expect((await embedding('never-seen')).status).toBe(404);
    });
  });

  it('loads the content index from its snapshot after a restart, and what changed since from PostgreSQL', async () => {
    const shop = await svc.accounts.newShop();
    const ids = ['keep', 'changed', 'gone'].map((k) => `${k}-${randomUUID().slice(0, 8)}`);
    for (const id of ids) await publish('ItemCreated', shop.tenantId, created(id, `Title of ${id}`));
    const auth = bearer(shop.token);
    for (const id of ids) await eventually(async () => (await embedding(id, auth)).status === 200);
    const original = encodeContent(features(`Title of ${ids[0]}`), 128);

    svc = await svc.restart({ startBackground: false }); // the stop saves the snapshot
    const unit = new Float32Array(128);
    unit[0] = 1;
    const bytes = Buffer.from(unit.buffer);
    // what the snapshot holds is not read again: a forged vector of an old row stays unseen …
    await svc.pool.query(
      `UPDATE items SET content_vector = $2, updated_at = now() - interval '1 day' WHERE item_id = $1`,
      [ids[0], bytes],
    );
    // … while a row changed after the snapshot is, and so is a deletion
    await svc.pool.query(`UPDATE items SET content_vector = $2, updated_at = now() WHERE item_id = $1`, [
      ids[1],
      bytes,
    ]);
    await svc.pool.query(`UPDATE items SET deleted_at = now(), updated_at = now() WHERE item_id = $1`, [
      ids[2],
    ]);

    svc = await svc.restart();
    expect(close((await embedding(ids[0], auth).expect(200)).body.embedding, original)).toBe(true);
    expect(close((await embedding(ids[1], auth).expect(200)).body.embedding, unit)).toBe(true);
    expect((await embedding(ids[2], auth)).status).toBe(404);
  });
});
