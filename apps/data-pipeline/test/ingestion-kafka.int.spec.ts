import { authenticate, createServiceTokens } from '@platform/auth';
import { accessTokenVerifier } from '@platform/clients';
import { ErrorEnvelopeSchema, EventEnvelopeSchema, TOPICS } from '@platform/contracts';
import { Broker, Publisher } from '@platform/messaging';
import { readTopic, type ReadMessage } from '@platform/messaging/testing';
import { createLogger, createMetrics, createService } from '@platform/service-kit';
import { Router } from 'express';
import request from 'supertest';
import { IngestionMetrics } from '../src/ingestion/ingestion-metrics';
import { ingestionRouter } from '../src/ingestion/ingestion.routes';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

interface Ingested {
  event_id: string;
  tenant_id?: string;
  data: Record<string, unknown> & { interaction_id?: string; user_id?: string; item_id: string };
}
const eventOf = (m: ReadMessage) => EventEnvelopeSchema.parse(m.json()) as unknown as Ingested;

/** What ingestion puts on Kafka: every accepted record once, keyed and in its tenant; nothing when Kafka is down. */
describe('ingestion onto Kafka', () => {
  let svc: DataPipeline;
  let shop: Awaited<ReturnType<DataPipeline['accounts']['newShop']>>;
  const interactionsTopic = () => svc.broker.topic(TOPICS.interactionsIngested);
  const ofTenant = (messages: ReadMessage[], tenantId: string) =>
    messages.map(eventOf).filter((e) => e.tenant_id === tenantId);

  const messagesOf = (ms: ReadMessage[], tenantId: string) =>
    ms.filter((m) => eventOf(m).tenant_id === tenantId);

  beforeAll(async () => {
    svc = await startDataPipeline();
    shop = await svc.accounts.newShop();
  });
  afterAll(() => svc?.stop());

  it('takes a 10,000-record batch with invalid records mixed in: exact counts, indexes, each accepted record on Kafka once', async () => {
    const bad = new Map<number, [Record<string, unknown>, string]>([
      [0, [{ user_id: 'has space' }, 'user_id']],
      [17, [{ interaction_type: 'share' }, 'interaction_type']],
      [4_999, [{ item_id: 'i'.repeat(129) }, 'item_id']],
      [5_000, [{ timestamp: '2025-01-07T10:30:45+05:30' }, 'timestamp']],
      [9_998, [{ user_id: undefined }, 'user_id']],
      [9_999, [{ context: { device_type: 'x'.repeat(33) } }, 'context.device_type']],
    ]);
    const interactions = Array.from({ length: 10_000 }, (_, i) => ({
      user_id: `u${i}`,
      item_id: `item-${i % 50}`,
      interaction_type: i % 3 ? 'view' : 'purchase',
      ...(i % 2 ? { timestamp: '2026-11-20T08:00:00Z' } : {}),
      ...bad.get(i)?.[0],
    }));
    const res = await request(svc.url)
      .post('/internal/data/interactions')
      .set(svc.serviceAuth('order-service'))
      .send({ tenant_id: shop.tenantId, interactions });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 10_000 - bad.size, rejected: bad.size });
    expect(
      res.body.validation_errors.map((e: { index: number; field: string }) => [e.index, e.field]),
    ).toEqual([...bad].map(([index, [, field]]) => [index, field]));

    const messages = await readTopic(
      interactionsTopic(),
      (ms) => ms.filter((m) => m.key?.startsWith(`${shop.tenantId}:`)).length >= 10_000 - bad.size,
    );
    const mine = messages.filter((m) => m.key?.startsWith(`${shop.tenantId}:`));
    expect(mine).toHaveLength(10_000 - bad.size); // read to the end of every partition: no duplicates
    const byUser = new Map(mine.map((m) => [eventOf(m).data.user_id, m]));
    expect(byUser.size).toBe(10_000 - bad.size);
    for (const [i, sent] of interactions.entries()) {
      const m = byUser.get(sent.user_id as string);
      if (bad.has(i)) {
        if (typeof sent.user_id === 'string') expect(m).toBeUndefined();
        continue;
      }
      const e = eventOf(m!);
      expect(m!.key).toBe(`${shop.tenantId}:u${i}`);
      expect(m!.headers.event_type).toBe('InteractionIngested');
      expect(e.tenant_id).toBe(shop.tenantId);
      expect(e.event_id).toBe(e.data.interaction_id);
      expect(e.data).toMatchObject({
        item_id: sent.item_id,
        interaction_type: sent.interaction_type,
        source: 'batch',
      });
      if (sent.timestamp) expect(e.data.timestamp).toBe('2026-11-20T08:00:00.000Z');
      else expect(Date.parse(e.data.timestamp as string)).toBeGreaterThan(Date.now() - 10 * 60_000);
    }
  });

  it('puts items on items.ingested keyed by tenant and item', async () => {
    const items = [
      { item_id: 'sku-1', title: 'Phone', category: 'electronics', tags: ['5g'] },
      { item_id: 'sku-2', title: 'Case' },
      { item_id: 'sku-3' },
    ];
    const res = await request(svc.url)
      .post('/internal/data/items')
      .set(svc.serviceAuth('user-service'))
      .send({ tenant_id: shop.tenantId, items });
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    const mine = messagesOf(
      await readTopic(
        svc.broker.topic(TOPICS.itemsIngested),
        (ms) => ofTenant(ms, shop.tenantId).length >= 2,
      ),
      shop.tenantId,
    );
    expect(mine.map((m) => m.key).sort()).toEqual([`${shop.tenantId}:sku-1`, `${shop.tenantId}:sku-2`]);
    expect(eventOf(mine.find((m) => m.key?.endsWith('sku-1'))!).data).toMatchObject({
      title: 'Phone',
      category: 'electronics',
      tags: ['5g'],
      received_at: expect.any(String),
    });
  });

  it('the public routes write to the caller’s tenant only, whatever the ids say', async () => {
    const other = await svc.accounts.newShop();
    const key = await svc.accounts.apiKey(other.admin, ['write']);
    const tracked = await request(svc.url)
      .post('/api/v1/interactions')
      .set(bearer(key))
      .send({ user_id: 'shopper-9', item_id: 'sku-9', interaction_type: 'like' });
    expect(tracked.status).toBe(202);
    const items = await request(svc.url)
      .post('/api/v1/items')
      .set(bearer(other.token))
      .send({ items: [{ item_id: 'sku-9', title: 'Lamp' }] });
    expect(items.body).toMatchObject({ accepted: 1, rejected: 0 });

    const interactions = ofTenant(
      await readTopic(interactionsTopic(), (ms) => ofTenant(ms, other.tenantId).length >= 1),
      other.tenantId,
    );
    expect(interactions).toEqual([
      expect.objectContaining({
        event_id: tracked.body.interaction_id,
        data: expect.objectContaining({ user_id: 'shopper-9', interaction_type: 'like', source: 'api' }),
      }),
    ]);
    const itemEvents = ofTenant(
      await readTopic(
        svc.broker.topic(TOPICS.itemsIngested),
        (ms) => ofTenant(ms, other.tenantId).length >= 1,
      ),
      other.tenantId,
    );
    expect(itemEvents.map((e) => e.data.item_id)).toEqual(['sku-9']);
    // the first shop's records stayed its own: none of the second shop's ids among them
    const first = ofTenant(await readTopic(interactionsTopic(), () => true), shop.tenantId);
    expect(first.some((e) => e.data.user_id === 'shopper-9')).toBe(false);
  });

  describe('when Kafka is unreachable', () => {
    // compose() makes its topics at start, so it cannot start without Kafka: the routes run here with
    // the real authentication in front of a real producer whose broker refuses connections
    const logger = createLogger('data-pipeline', 'silent');
    const broker = new Broker({
      clientId: 'data-pipeline',
      brokers: ['127.0.0.1:1'],
      retry: { retries: 1, initialRetryTime: 50 },
      logger,
    });
    const publisher = new Publisher(broker);
    const appWithoutKafka = () => {
      const metrics = createMetrics('data-pipeline', { defaults: false });
      const deps = {
        publisher,
        metrics: new IngestionMetrics(metrics),
        publishTimeoutMs: 5_000,
        now: () => new Date(),
      };
      const auth = authenticate({
        verifyAccessToken: accessTokenVerifier(svc.config, logger),
        serviceTokens: {
          tokens: createServiceTokens(svc.config.SERVICE_TOKEN_SECRET),
          audience: 'data-pipeline',
        },
      });
      const guards = Router().use('/api/v1', auth);
      return createService({
        name: 'data-pipeline',
        version: 'test',
        logger,
        metrics,
        checks: [],
        routes: [guards, ingestionRouter(deps, svc.config.SERVICE_TOKEN_SECRET)],
      }).app;
    };
    afterAll(() => broker.disconnect());

    it('answers 503 SERVICE_UNAVAILABLE in the error envelope and claims nothing accepted', async () => {
      const app = appWithoutKafka();
      const batch = await request(app)
        .post('/internal/data/interactions')
        .set(svc.serviceAuth())
        .send({
          tenant_id: shop.tenantId,
          interactions: [{ user_id: 'u', item_id: 'i', interaction_type: 'view' }],
        });
      const single = await request(app)
        .post('/api/v1/interactions')
        .set(bearer(shop.token))
        .send({ user_id: 'u', item_id: 'i', interaction_type: 'view' });
      const items = await request(app)
        .post('/internal/data/items')
        .set(svc.serviceAuth())
        .send({ tenant_id: shop.tenantId, items: [{ item_id: 'i', title: 'T' }] });
      for (const res of [batch, single, items]) {
        expect(res.status).toBe(503);
        expect(res.body.accepted).toBeUndefined();
        expect(ErrorEnvelopeSchema.parse(res.body).error).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          request_id: expect.any(String),
        });
      }
    });
  });
});
