import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import {
  asEnvelope,
  consumerPact,
  envelope,
  isoTime,
  MatchersV3,
  readdress,
  type ExampleEnvelope,
  type Readdress,
} from '@platform/pact';
import { startDataPipeline, type DataPipeline } from '../harness';
import { catalogItems, closeReader, readCatalog, type Row } from '../training-data-fixtures';

const { like, regex, number, integer, eachLike } = MatchersV3;
const ITEM_ID = '5c9e2f1a-7b3d-4e8f-9a6b-1c2d3e4f5a6b';
const ownerId = like('7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e');
const currency = regex('^[A-Z]{3}$', 'USD');
// the item row data-pipeline writes; the rest of each event is there because its decoding validates it all
const fields = {
  title: like('Camping stove'),
  description: like('A light stove for two'),
  category: regex('^[a-z0-9-]{1,64}$', 'outdoor'),
  tags: eachLike('camping'),
  price: number(49.9),
  currency,
};

/** The envelope as order-service publishes it on item.events. */
const itemId = regex('^[A-Za-z0-9_-]{1,128}$', ITEM_ID);
const item = (eventType: string, eventId: string, data: Record<string, unknown>) =>
  envelope({
    eventId,
    eventType,
    aggregateId: itemId,
    aggregateType: 'item',
    tenantId: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
    data: { item_id: itemId, ...data },
  });
type Envelope = ExampleEnvelope<Record<string, unknown> & { item_id: string }>;

/**
 * order-service's item.events as data-pipeline's training-data group handles them: each change becomes
 * the item's latest row in the tenant's items Parquet that catalog.json lists (a deletion is kept as a
 * row marked deleted, for ml-engine). Through the group's real decoding, validation and Parquet writer
 * on data-pipeline's own PostgreSQL and object store; each test writes a tenant of its own.
 */
describe('pact: data-pipeline consumes order-service item events', () => {
  const pact = consumerPact('data-pipeline', 'order-service');
  let svc: DataPipeline;
  let offset = 0; // the writer skips offsets it already wrote: each delivery is the next one
  beforeAll(async () => void (svc = await startDataPipeline({ startBackground: false })));
  afterAll(async () => {
    await svc?.stop();
    await closeReader();
  });

  const deliver = (topic: unknown, content: unknown, to: Readdress) =>
    svc.trainingConsumer.deliver(String(topic), readdress(content, to), String(offset++));
  /** The item's latest row once `done` holds (catalog.json is rewritten just after the batch is written). */
  const latestRow = async (tenant: string, itemId: string, done: (r: Row) => boolean): Promise<Row> => {
    let row: Row | undefined;
    await eventually(
      async () => {
        const rows = await catalogItems(svc.store, await readCatalog(svc.store, tenant));
        row = rows.filter((r) => r.item_id === itemId).sort((x, y) => Number(y.seq) - Number(x.seq))[0];
        return row !== undefined && done(row);
      },
      { what: `the row of item ${itemId}` },
    );
    return row!;
  };
  const interaction = (state: string, type: string, data: Record<string, unknown>, eventId: string) =>
    pact
      .addAsynchronousInteraction()
      .given(state)
      .expectsToReceive(`an ${type} event`, (b) =>
        b.withJSONContent(item(type, eventId, data)).withMetadata({ topic: TOPICS.itemEvents }),
      );
  const rowOf = (e: Envelope) => {
    const { title, description, category, tags, price, currency: c } = e.data;
    return { title, description, category, tags, price, currency: c, deleted: false };
  };

  it('an ItemCreated event becomes the item row of the tenant training data', async () => {
    const data = { owner_id: ownerId, ...fields, stock: integer(12), created_at: isoTime() };
    await interaction(
      'an item was created',
      'ItemCreated',
      data,
      '2d4f6a8c-1e3b-4d5f-8a7c-9e0b2d4f6a8c',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      const event = asEnvelope<Envelope['data']>(m.contents.content);
      expect(await deliver(m.metadata.topic, event, { tenantId: tenant })).toBe('handled');
      expect(await latestRow(tenant, event.data.item_id, (r) => r.title === event.data.title)).toMatchObject(
        rowOf(event),
      );
    });
  });

  it('an ItemUpdated event replaces the item row with its new fields', async () => {
    const data = { owner_id: ownerId, ...fields, changed: eachLike('title'), updated_at: isoTime() };
    await interaction(
      'an item was updated',
      'ItemUpdated',
      data,
      '3e5a7b9d-2f4c-4e6a-9b8d-0f1c3e5a7b9d',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      const event = asEnvelope<Envelope['data']>(m.contents.content);
      // the item as it was: the same event with another title, earlier in the partition
      const before = { tenantId: tenant, eventId: randomUUID(), data: { title: 'Old stove' } };
      expect(await deliver(m.metadata.topic, event, before)).toBe('handled');
      expect(await deliver(m.metadata.topic, event, { tenantId: tenant })).toBe('handled');
      expect(await latestRow(tenant, event.data.item_id, (r) => r.title === event.data.title)).toMatchObject(
        rowOf(event),
      );
    });
  });

  it('an ItemPriceChanged event gives the item row its new price', async () => {
    const data = { old_price: number(49.9), new_price: number(39.9), currency };
    await interaction(
      "an item's price was changed",
      'ItemPriceChanged',
      data,
      '4f6b8c0e-3a5d-4f7b-8c9e-1a2d4f6b8c0e',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      const event = asEnvelope<Envelope['data']>(m.contents.content);
      expect(await deliver(m.metadata.topic, event, { tenantId: tenant })).toBe('handled');
      const row = await latestRow(tenant, event.data.item_id, (r) => r.price === event.data.new_price);
      expect(row).toMatchObject({
        price: event.data.new_price,
        currency: event.data.currency,
        deleted: false,
      });
    });
  });

  it('an ItemDeleted event keeps the item as a row marked deleted', async () => {
    const data = { owner_id: ownerId, deleted_at: isoTime('2026-01-02T10:00:00.000Z') };
    await interaction(
      'an item was deleted',
      'ItemDeleted',
      data,
      '5a7c9d1f-4b6e-4a8c-9d0f-2b3e5a7c9d1f',
    ).executeTest(async (m) => {
      const tenant = randomUUID();
      const event = asEnvelope<Envelope['data']>(m.contents.content);
      expect(await deliver(m.metadata.topic, event, { tenantId: tenant })).toBe('handled');
      expect(await latestRow(tenant, event.data.item_id, (r) => r.deleted === true)).toMatchObject({
        deleted: true,
      });
    });
  });
});
