import { randomUUID } from 'node:crypto';
import { INTERACTION_LABELS, TOPICS } from '@platform/contracts';
import { asEnvelope, consumerPact, envelope, isoTime, MatchersV3, readdress } from '@platform/pact';
import request from 'supertest';
import { startMlEngine, type MlEngine } from '../harness';

const { like, regex, uuid, integer, eachLike } = MatchersV3;
const INTERACTION_TYPES = '^(view|click|purchase|like|dislike|add_to_cart|remove_from_cart)$';
/**
 * The envelope as data-pipeline publishes it. ml-engine's decoding validates all of it (a version it
 * does not know, or a tenant that is no uuid, goes to the DLQ), so the whole envelope is the contract;
 * the tenant is an example, each test delivers for a tenant of its own (`readdress`).
 */
const event = (eventType: string, aggregateType: string, eventId: string, data: Record<string, unknown>) =>
  envelope({
    eventId,
    eventType,
    aggregateId: like('9a1f3c2e-4b5d-4e6f-8a7b-0c1d2e3f4a5b'),
    aggregateType,
    tenantId: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
    data,
  });

/**
 * data-pipeline's events as ml-engine's groups handle them: `items.ingested` into the catalog (embedded,
 * indexed), `interactions.ingested` into recent lists and popularity, `data.events` into a retraining
 * when the tenant's policy asks for one. Each through the group's real decoding, validation, handler and
 * inbox on ml-engine's own PostgreSQL and Redis; background work stays off, so a queued job stays queued.
 */
describe('pact: ml-engine consumes data-pipeline events', () => {
  const pact = consumerPact('ml-engine', 'data-pipeline');
  let svc: MlEngine;
  beforeAll(async () => void (svc = await startMlEngine({ startBackground: false })));
  afterAll(() => svc?.stop());

  it('an ItemIngested event puts the item in the tenant catalog, embedded and findable', async () => {
    await pact
      .addAsynchronousInteraction()
      .given("a shop's item was ingested")
      .expectsToReceive('an ItemIngested event', (b) =>
        b
          .withJSONContent(
            event('ItemIngested', 'item', '0d6c2a1e-3f4b-4c5d-9e6f-7a8b9c0d1e2f', {
              item_id: regex('^[A-Za-z0-9_-]{1,128}$', 'camping-stove-1'),
              title: like('Camping stove'),
              description: like('A light stove for two'),
              category: regex('^[a-z0-9-]{1,64}$', 'outdoor'),
              tags: eachLike('camping'),
              received_at: isoTime(),
            }),
          )
          .withMetadata({ topic: TOPICS.itemsIngested }),
      )
      .executeTest(async (m) => {
        const tenant = randomUUID();
        const event = asEnvelope(m.contents.content);
        const itemId = String(event.data.item_id);
        const outcome = await svc.consumers.items.deliver(
          String(m.metadata.topic),
          readdress(event, { tenantId: tenant }),
        );
        expect(outcome).toBe('handled');
        const { title, description, category, tags } = event.data as Record<string, never>;
        const content = await svc.catalog.encode(tenant, { title, description, category, tags });
        expect(await svc.catalog.contentVector(tenant, itemId)).toEqual(content);
        const space = await svc.catalog.contentSpace(tenant);
        expect(space.index.search(content, 1).map((n) => n.itemId)).toEqual([itemId]);
      });
  });

  it('an InteractionIngested event counts once in popularity and the user recent list', async () => {
    await pact
      .addAsynchronousInteraction()
      .given("a shop's interaction was ingested")
      .expectsToReceive('an InteractionIngested event', (b) =>
        b
          .withJSONContent(
            event('InteractionIngested', 'interaction', '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817', {
              interaction_id: uuid('6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817'),
              user_id: regex('^[A-Za-z0-9_-]{1,128}$', 'user-1'),
              item_id: regex('^[A-Za-z0-9_-]{1,128}$', 'camping-stove-1'),
              interaction_type: regex(INTERACTION_TYPES, 'purchase'),
              timestamp: isoTime(),
              source: regex('^(api|batch|order)$', 'batch'),
            }),
          )
          .withMetadata({ topic: TOPICS.interactionsIngested }),
      )
      .executeTest(async (m) => {
        const tenant = randomUUID();
        const d = asEnvelope(m.contents.content).data as { user_id: string; item_id: string };
        const type = asEnvelope(m.contents.content).data.interaction_type as keyof typeof INTERACTION_LABELS;
        const deliver = () =>
          svc.consumers.interactions.deliver(
            String(m.metadata.topic),
            readdress(m.contents.content, { tenantId: tenant }),
          );
        expect(await deliver()).toBe('handled');
        // a redelivery (the same interaction id) changes nothing
        expect(await deliver()).toBe('duplicate');
        const score = await svc.redis.zscore(`ml:popular:${tenant}`, d.item_id);
        expect(Number(score)).toBe(INTERACTION_LABELS[type]);
        const recent = await svc.redis.lrange(`ml:recent:${tenant}:${d.user_id}`, 0, -1);
        expect(recent.map((r) => (JSON.parse(r) as { itemId: string }).itemId)).toEqual([d.item_id]);
      });
  });

  it("a TrainingDataUpdated event queues a retraining when the tenant's policy asks for one", async () => {
    await pact
      .addAsynchronousInteraction()
      .given("a shop's training data was updated")
      .expectsToReceive('a TrainingDataUpdated event', (b) =>
        b
          .withJSONContent(
            event('TrainingDataUpdated', 'training_data', '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b', {
              tenant_id: uuid('3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c'),
              data_version: regex('^v\\d+$', 'v1'),
              catalog_path: regex(
                '^tenants/[0-9a-f-]{36}/catalog\\.json$',
                'tenants/3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c/catalog.json',
              ),
              dates: eachLike(regex('^\\d{4}-\\d{2}-\\d{2}$', '2026-01-01')),
              row_count: integer(3),
            }),
          )
          .withMetadata({ topic: TOPICS.dataEvents }),
      )
      .executeTest(async (m) => {
        const rows = Number(asEnvelope(m.contents.content).data.row_count);
        const auth = { ...svc.serviceAuth('data-pipeline') };
        const jobs = async (tenant: string) =>
          (
            await request(svc.url)
              .get('/internal/ml/training/jobs')
              .set(auth)
              .set('x-tenant-id', tenant)
              .expect(200)
          ).body.jobs as { status: string; model_type: string }[];
        // each tenant's update is an event of its own (the inbox would skip a second one with the same id)
        const deliver = (tenant: string, eventId?: string) =>
          svc.consumers.training.deliver(
            String(m.metadata.topic),
            readdress(m.contents.content, {
              tenantId: tenant,
              eventId,
              data: { tenant_id: tenant, catalog_path: `tenants/${tenant}/catalog.json` },
            }),
          );

        const retrains = randomUUID();
        await request(svc.url)
          .put('/internal/ml/training/policy')
          .set(auth)
          .set('x-tenant-id', retrains)
          .send({ enabled: true, model_type: 'matrix_factorization', min_new_rows: rows })
          .expect(200);
        expect(await deliver(retrains)).toBe('handled');
        expect(await jobs(retrains)).toEqual([
          expect.objectContaining({ status: 'queued', model_type: 'matrix_factorization' }),
        ]);

        // a tenant without a policy keeps the default (off): the event is handled, nothing is queued
        const off = randomUUID();
        expect(await deliver(off, randomUUID())).toBe('handled');
        expect(await jobs(off)).toEqual([]);
      });
  });
});
