import { randomUUID } from 'node:crypto';
import { TOPICS, type DomainEvent, type EventType } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { createEvent } from '@platform/messaging';
import { readTopic } from '@platform/messaging/testing';
import request from 'supertest';
import { uuidV5 } from '../src/training-data/training-rows';
import { startDataPipeline, type DataPipeline } from './harness';
import {
  catalogItems,
  catalogMismatches,
  catalogRows,
  closeReader,
  interactionEvent,
  readCatalog,
} from './training-data-fixtures';

describe('training data: records on Kafka become Parquet by tenant and day', () => {
  let svc: DataPipeline;
  beforeAll(async () => {
    svc = await startDataPipeline();
  });
  afterAll(async () => {
    await svc?.stop();
    closeReader();
  });

  const publish = (events: DomainEvent<EventType>[]) =>
    svc.publisher.publish(events.map((event) => ({ topic: TOPICS[topicOf(event)], event })));
  const topicOf = (e: DomainEvent<EventType>): keyof typeof TOPICS =>
    e.event_type === 'InteractionIngested'
      ? 'interactionsIngested'
      : e.event_type === 'ItemIngested'
        ? 'itemsIngested'
        : e.event_type === 'OrderConfirmed'
          ? 'orderEvents'
          : 'itemEvents';
  const rowsOf = async (tenant: string) => catalogRows(svc.store, await readCatalog(svc.store, tenant));
  const untilRows = async (tenant: string, n: number) => {
    await eventually(async () => (await rowsOf(tenant)).length >= n, { what: `${n} rows of ${tenant}` });
    return rowsOf(tenant);
  };

  it('writes interactions under their tenant and UTC day with seed 002 columns, labels and features', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const item = createEvent('ItemIngested', {
      aggregateId: 'sku-1',
      tenantId: a,
      data: {
        item_id: 'sku-1',
        title: 'Lamp',
        category: 'home-decor',
        tags: ['light'],
        received_at: '2026-11-19T09:00:00.000Z',
      },
    });
    await publish([item]);
    await eventually(async () => (await readCatalog(svc.store, a))?.items !== undefined, {
      what: 'the item file',
    });
    const events = [
      interactionEvent(a, {
        interaction_type: 'purchase',
        item_id: 'sku-1',
        timestamp: '2026-11-20T23:59:59.000Z',
        context: { device_type: 'mobile' },
      }),
      interactionEvent(a, { interaction_type: 'dislike', timestamp: '2026-11-21T00:00:00.000Z' }),
      interactionEvent(a, { interaction_type: 'add_to_cart', timestamp: '2026-11-21T08:00:00.000Z' }),
      interactionEvent(b, { interaction_type: 'view', timestamp: '2026-11-21T08:00:00.000Z' }),
    ];
    await publish(events);
    const rows = await untilRows(a, 3);
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.map((r) => [r.interaction_id, r]));
    expect(byId.get(events[0].event_id)).toEqual({
      user_id: 'user_1',
      item_id: 'sku-1',
      interaction_type: 'purchase',
      timestamp: BigInt(Date.parse('2026-11-20T23:59:59Z') / 1000),
      label: 1,
      features: {
        user_features: {},
        item_features: { category: 'home-decor', tags: ['light'], price: null, currency: null },
        context_features: { device_type: 'mobile', source: 'batch' },
      },
      interaction_id: events[0].event_id,
      date: '2026-11-20',
    });
    expect(byId.get(events[1].event_id)).toMatchObject({
      label: 0,
      date: '2026-11-21',
      features: { item_features: {} },
    });
    expect(byId.get(events[2].event_id)).toMatchObject({ label: 0.8, date: '2026-11-21' });

    // the other tenant sees only its own row, and its catalog names only its own folder
    const other = await untilRows(b, 1);
    expect(other.map((r) => r.interaction_id)).toEqual([events[3].event_id]);
    const catalog = (await readCatalog(svc.store, a))!;
    expect(catalog.partitions.map((p) => p.date).sort()).toEqual(['2026-11-20', '2026-11-21']);
    expect(catalog.partitions.every((p) => p.path.includes(`tenants/${a}/training_data/${p.date}`))).toBe(
      true,
    );
    expect(await catalogMismatches(svc.store, catalog)).toEqual([]);

    // files, bytes and rows written by tenant, and the writer group's lag, on /metrics
    const metrics = (await request(svc.app).get('/metrics')).text;
    expect(metrics).toMatch(
      new RegExp(`parquet_rows_written_total\\{tenant_id="${a}",kind="interactions"[^}]*\\} 3`),
    );
    expect(metrics).toMatch(
      new RegExp(`parquet_files_written_total\\{tenant_id="${a}",kind="interactions"[^}]*\\} [1-9]`),
    );
    expect(metrics).toMatch(
      new RegExp(`parquet_bytes_written_total\\{tenant_id="${a}",kind="items"[^}]*\\} [1-9]`),
    );
    expect(metrics).toMatch(
      /kafka_consumer_lag\{group="[^"]*data-pipeline\.training-data",topic="[^"]*interactions\.ingested"/,
    );
  });

  it('turns item.events into the tenant items (latest state, deletions kept) and OrderConfirmed lines into purchases', async () => {
    const tenant = randomUUID();
    const fields = {
      owner_id: 'o',
      title: 'Mug',
      description: 'a mug',
      category: 'kitchen',
      tags: ['cup'],
      price: 9.5,
      currency: 'USD' as const,
    };
    const created = createEvent('ItemCreated', {
      aggregateId: 'mug',
      tenantId: tenant,
      data: { item_id: 'mug', ...fields, stock: 3, created_at: '2026-11-20T10:00:00.000Z' },
    });
    const price = createEvent('ItemPriceChanged', {
      aggregateId: 'mug',
      tenantId: tenant,
      data: { item_id: 'mug', old_price: 9.5, new_price: 12, currency: 'USD' },
    });
    const gone = createEvent('ItemCreated', {
      aggregateId: 'old',
      tenantId: tenant,
      data: { item_id: 'old', ...fields, title: 'Old', stock: 1, created_at: '2026-11-20T10:00:00.000Z' },
    });
    const deleted = createEvent('ItemDeleted', {
      aggregateId: 'old',
      tenantId: tenant,
      data: { item_id: 'old', owner_id: 'o', deleted_at: '2026-11-21T10:00:00.000Z' },
    });
    await publish([created, price, gone, deleted]);
    const userId = randomUUID();
    const order = createEvent('OrderConfirmed', {
      aggregateId: randomUUID(),
      tenantId: tenant,
      data: {
        order_id: randomUUID(),
        user_id: userId,
        payment_id: 'pay_1',
        total_amount: 36,
        currency: 'USD',
        items: [
          { product_id: 'mug', quantity: 2, price: 12 },
          { product_id: 'plate', quantity: 1, price: 12 },
        ],
        confirmed_at: '2026-11-22T12:00:00.000Z',
      },
    });
    await publish([order]);
    await publish([order]); // a redelivered event: its lines get the same interaction ids
    const rows = await untilRows(tenant, 2);
    const purchases = rows.filter((r) => r.user_id === userId);
    expect(new Set(purchases.map((r) => r.interaction_id))).toEqual(
      new Set([uuidV5(`${order.event_id}:0`), uuidV5(`${order.event_id}:1`)]),
    );
    expect(
      purchases.every((r) => r.interaction_type === 'purchase' && r.label === 1 && r.date === '2026-11-22'),
    ).toBe(true);
    const mugPurchase = purchases.find((r) => r.item_id === 'mug');
    expect((mugPurchase?.features as { item_features: unknown }).item_features).toEqual({
      category: 'kitchen',
      tags: ['cup'],
      price: 12,
      currency: 'USD',
    });

    const items = await catalogItems(svc.store, await readCatalog(svc.store, tenant));
    const latest = (id: string) =>
      items.filter((r) => r.item_id === id).sort((x, y) => Number(y.seq) - Number(x.seq))[0];
    expect(latest('mug')).toMatchObject({ title: 'Mug', price: 12, currency: 'USD', deleted: false });
    expect(latest('old')).toMatchObject({ title: 'Old', deleted: true });
  });

  it('announces each change with TrainingDataUpdated carrying the data_version of catalog.json', async () => {
    const tenant = randomUUID();
    await publish([interactionEvent(tenant, { timestamp: '2026-11-23T01:00:00.000Z' })]);
    await untilRows(tenant, 1);
    await publish([interactionEvent(tenant, { timestamp: '2026-11-23T02:00:00.000Z' })]);
    await untilRows(tenant, 2);
    const catalog = (await readCatalog(svc.store, tenant))!;
    const mine = (all: { json<T>(): T }[]) =>
      all
        .map((m) => m.json<DomainEvent<'TrainingDataUpdated'>>())
        .filter((e) => e.event_type === 'TrainingDataUpdated' && e.data.tenant_id === tenant);
    const published = await readTopic(svc.broker.topic(TOPICS.dataEvents), (all) =>
      mine(all).some((e) => e.data.data_version === catalog.data_version),
    );
    const versions = mine(published).map((e) => e.data.data_version);
    expect(versions).toEqual(['v1', 'v2']);
    expect(catalog.data_version).toBe('v2');
    expect(mine(published)[1].data).toMatchObject({
      dates: ['2026-11-23'],
      row_count: 2,
      catalog_path: `tenants/${tenant}/catalog.json`,
    });
  });
});
