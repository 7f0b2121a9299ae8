import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import {
  asEnvelope,
  consumerPact,
  exampleItemId,
  itemEvent,
  readdress,
  type ExampleEnvelope,
  type ItemEventType,
  type Readdress,
} from '@platform/pact';
import { startDataPipeline, type DataPipeline } from '../harness';
import { catalogItems, closeReader, readCatalog, type Row } from '../training-data-fixtures';

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
  /**
   * order-service's example of the event, whole (the group's decoding validates it all; the row keeps
   * title, description, category, tags, price and currency), with the item id's shape as its key.
   */
  const interaction = (type: ItemEventType) => {
    const { state, description, content } = itemEvent(type, exampleItemId);
    return pact
      .addAsynchronousInteraction()
      .given(state)
      .expectsToReceive(description, (b) =>
        b.withJSONContent(content).withMetadata({ topic: TOPICS.itemEvents }),
      );
  };
  const rowOf = (e: Envelope) => {
    const { title, description, category, tags, price, currency: c } = e.data;
    return { title, description, category, tags, price, currency: c, deleted: false };
  };

  it('an ItemCreated event becomes the item row of the tenant training data', async () => {
    await interaction('ItemCreated').executeTest(async (m) => {
      const tenant = randomUUID();
      const event = asEnvelope<Envelope['data']>(m.contents.content);
      expect(await deliver(m.metadata.topic, event, { tenantId: tenant })).toBe('handled');
      expect(await latestRow(tenant, event.data.item_id, (r) => r.title === event.data.title)).toMatchObject(
        rowOf(event),
      );
    });
  });

  it('an ItemUpdated event replaces the item row with its new fields', async () => {
    await interaction('ItemUpdated').executeTest(async (m) => {
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
    await interaction('ItemPriceChanged').executeTest(async (m) => {
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
    await interaction('ItemDeleted').executeTest(async (m) => {
      const tenant = randomUUID();
      const event = asEnvelope<Envelope['data']>(m.contents.content);
      expect(await deliver(m.metadata.topic, event, { tenantId: tenant })).toBe('handled');
      expect(await latestRow(tenant, event.data.item_id, (r) => r.deleted === true)).toMatchObject({
        deleted: true,
      });
    });
  });
});
