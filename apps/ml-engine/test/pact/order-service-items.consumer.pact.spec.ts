import { randomUUID } from 'node:crypto';
import { TOPICS, type ItemFeatures } from '@platform/contracts';
import {
  asEnvelope,
  consumerPact,
  itemEvent,
  MatchersV3,
  readdress,
  type ItemEventType,
} from '@platform/pact';
import { startMlEngine, type MlEngine } from '../harness';

const { like } = MatchersV3;

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
  /**
   * order-service's example of the event, whole (the group's decoding validates it all; ml-engine embeds
   * title, description, category and tags); its key is any value here.
   */
  const interaction = (type: ItemEventType) => {
    const { state, description, content } = itemEvent(type, like('9a1f3c2e-4b5d-4e6f-8a7b-0c1d2e3f4a5b'));
    return pact
      .addAsynchronousInteraction()
      .given(state)
      .expectsToReceive(description, (b) =>
        b.withJSONContent(content).withMetadata({ topic: TOPICS.itemEvents }),
      );
  };

  it('an ItemCreated event embeds and indexes the new item', async () => {
    await interaction('ItemCreated').executeTest(async (m) => {
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
    await interaction('ItemUpdated').executeTest(async (m) => {
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
    await interaction('ItemPriceChanged').executeTest(async (m) => {
      const tenant = randomUUID();
      expect(await deliver(m.metadata.topic, m.contents.content, tenant)).toBe('handled');
      // the inbox holds it: a redelivery is a duplicate
      expect(await deliver(m.metadata.topic, m.contents.content, tenant)).toBe('duplicate');
      const id = String(asEnvelope(m.contents.content).data.item_id);
      expect(await svc.catalog.contentVector(tenant, id)).toBeUndefined();
    });
  });

  it('an ItemDeleted event takes the item out of the catalog and its index', async () => {
    await interaction('ItemDeleted').executeTest(async (m) => {
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
