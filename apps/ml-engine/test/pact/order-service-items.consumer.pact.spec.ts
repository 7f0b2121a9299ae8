import { randomUUID } from 'node:crypto';
import { TOPICS, type ItemFeatures } from '@platform/contracts';
import { asEnvelope, consumerPact, envelope, isoTime, MatchersV3, readdress } from '@platform/pact';
import { startMlEngine, type MlEngine } from '../harness';

const { like, regex, number, integer, eachLike } = MatchersV3;
const ITEM_ID = '5c9e2f1a-7b3d-4e8f-9a6b-1c2d3e4f5a6b';
const itemId = regex('^[A-Za-z0-9_-]{1,128}$', ITEM_ID);
const ownerId = like('7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e');
const money = { price: number(49.9), currency: regex('^[A-Z]{3}$', 'USD') };
// what ml-engine embeds; the rest of each event is there because its decoding validates it all
const features = {
  title: like('Camping stove'),
  description: like('A light stove for two'),
  category: regex('^[a-z0-9-]{1,64}$', 'outdoor'),
  tags: eachLike('camping'),
};
/** The envelope as order-service publishes it; the tenant is an example (each test has its own). */
const item = (eventType: string, eventId: string, data: Record<string, unknown>) =>
  envelope({
    eventId,
    eventType,
    aggregateId: like('9a1f3c2e-4b5d-4e6f-8a7b-0c1d2e3f4a5b'),
    aggregateType: 'item',
    tenantId: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
    data: { item_id: itemId, ...data },
  });

/**
 * order-service's item.events as ml-engine's items group (one per replica) handles them: a created or
 * updated item is embedded and indexed, a deleted one leaves the index, a price change is only marked
 * as seen (the price is no content feature). Through the group's real decoding, validation, handler and
 * inbox on ml-engine's own PostgreSQL; each test uses a tenant of its own.
 */
describe('pact: ml-engine consumes order-service item events', () => {
  const pact = consumerPact('ml-engine', 'order-service');
  let svc: MlEngine;
  beforeAll(async () => void (svc = await startMlEngine({ startBackground: false })));
  afterAll(() => svc?.stop());

  const deliver = (topic: unknown, content: unknown, tenant: string, data = {}, eventId?: string) =>
    svc.consumers.items.deliver(String(topic), readdress(content, { tenantId: tenant, data, eventId }));
  const featuresOf = (content: unknown): ItemFeatures => {
    const { title, description, category, tags } = asEnvelope(content).data as ItemFeatures;
    return { title, description, category, tags };
  };
  /** The item's vector is the encoding of `f`, and searching by it finds the item first. */
  const indexedAs = async (tenant: string, id: string, f: ItemFeatures) => {
    const content = await svc.catalog.encode(tenant, f);
    expect(await svc.catalog.contentVector(tenant, id)).toEqual(content);
    const space = await svc.catalog.contentSpace(tenant);
    expect(space.index.search(content, 1).map((n) => n.itemId)).toEqual([id]);
  };
  const interaction = (state: string, type: string, data: Record<string, unknown>, eventId: string) =>
    pact
      .addAsynchronousInteraction()
      .given(state)
      .expectsToReceive(`an ${type} event`, (b) =>
        b.withJSONContent(item(type, eventId, data)).withMetadata({ topic: TOPICS.itemEvents }),
      );

  it('an ItemCreated event embeds and indexes the new item', async () => {
    const data = { owner_id: ownerId, ...features, ...money, stock: integer(12), created_at: isoTime() };
    await interaction(
      'an item was created',
      'ItemCreated',
      data,
      '2d4f6a8c-1e3b-4d5f-8a7c-9e0b2d4f6a8c',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      expect(await deliver(m.metadata.topic, m.contents.content, tenant)).toBe('handled');
      await indexedAs(
        tenant,
        String(asEnvelope(m.contents.content).data.item_id),
        featuresOf(m.contents.content),
      );
    });
  });

  it('an ItemUpdated event replaces the item embedding with its new features', async () => {
    const data = {
      owner_id: ownerId,
      ...features,
      ...money,
      changed: eachLike('title'),
      updated_at: isoTime(),
    };
    await interaction(
      'an item was updated',
      'ItemUpdated',
      data,
      '3e5a7b9d-2f4c-4e6a-9b8d-0f1c3e5a7b9d',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      const id = String(asEnvelope(m.contents.content).data.item_id);
      // the item as it was before: the same event, older and titled otherwise
      const before = { title: 'Old stove', updated_at: '2020-01-01T00:00:00.000Z' };
      expect(await deliver(m.metadata.topic, m.contents.content, tenant, before, randomUUID())).toBe(
        'handled',
      );
      expect(await deliver(m.metadata.topic, m.contents.content, tenant)).toBe('handled');
      await indexedAs(tenant, id, featuresOf(m.contents.content));
    });
  });

  it('an ItemPriceChanged event is marked as seen and changes no embedding', async () => {
    const data = { old_price: number(49.9), new_price: number(39.9), currency: regex('^[A-Z]{3}$', 'USD') };
    await interaction(
      "an item's price was changed",
      'ItemPriceChanged',
      data,
      '4f6b8c0e-3a5d-4f7b-8c9e-1a2d4f6b8c0e',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      expect(await deliver(m.metadata.topic, m.contents.content, tenant)).toBe('handled');
      // the inbox holds it: a redelivery is a duplicate
      expect(await deliver(m.metadata.topic, m.contents.content, tenant)).toBe('duplicate');
      const id = String(asEnvelope(m.contents.content).data.item_id);
      expect(await svc.catalog.contentVector(tenant, id)).toBeUndefined();
    });
  });

  it('an ItemDeleted event takes the item out of the catalog and its index', async () => {
    const data = { owner_id: ownerId, deleted_at: isoTime('2026-01-02T10:00:00.000Z') };
    await interaction(
      'an item was deleted',
      'ItemDeleted',
      data,
      '5a7c9d1f-4b6e-4a8c-9d0f-2b3e5a7c9d1f',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      const event = asEnvelope(m.contents.content);
      const id = String(event.data.item_id);
      // the item as it was listed before its deletion
      const listed = {
        ...event,
        event_id: randomUUID(),
        event_type: 'ItemCreated',
        occurred_at: '2026-01-01T10:00:00.000Z',
        data: {
          item_id: id,
          owner_id: event.data.owner_id,
          title: 'Camping stove',
          description: '',
          category: 'outdoor',
          tags: [],
          price: 1,
          currency: 'USD',
          stock: 1,
          created_at: '2026-01-01T10:00:00.000Z',
        },
      };
      expect(await deliver(m.metadata.topic, listed, tenant)).toBe('handled');
      expect(await svc.catalog.contentVector(tenant, id)).toBeDefined();
      expect(await deliver(m.metadata.topic, event, tenant)).toBe('handled');
      expect(await svc.catalog.contentVector(tenant, id)).toBeUndefined();
      expect((await svc.catalog.contentSpace(tenant)).index.has(id)).toBe(false);
    });
  });
});
