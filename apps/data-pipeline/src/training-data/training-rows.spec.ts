import { randomUUID } from 'node:crypto';
import { INTERACTION_LABELS } from '@platform/contracts';
import { createEvent, type ConsumedEvent } from '@platform/messaging';
import { applyChange, rowsOf, uuidV5 } from './training-rows';

const consumed = (event: ConsumedEvent['event']): ConsumedEvent => ({
  event,
  topic: 't',
  partition: 0,
  offset: '0',
});

describe('training rows', () => {
  it('gives an OrderConfirmed line the same uuid v5 every time, a different one per line', () => {
    const id = randomUUID();
    expect(uuidV5(`${id}:0`)).toBe(uuidV5(`${id}:0`));
    expect(uuidV5(`${id}:0`)).not.toBe(uuidV5(`${id}:1`));
    expect(uuidV5(`${id}:0`)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('labels each interaction type by the documented mapping and partitions by the UTC day', () => {
    const tenant = randomUUID();
    for (const [type, label] of Object.entries(INTERACTION_LABELS)) {
      const id = randomUUID();
      const event = createEvent('InteractionIngested', {
        aggregateId: id,
        tenantId: tenant,
        data: {
          interaction_id: id,
          user_id: 'u',
          item_id: 'i',
          interaction_type: type as keyof typeof INTERACTION_LABELS,
          timestamp: '2026-11-20T23:59:59.999Z',
          source: 'api',
        },
      });
      const [row] = rowsOf(consumed(event)).interactions;
      expect(row).toMatchObject({ label, day: '2026-11-20', timestamp: 1795219199, tenant_id: tenant });
    }
  });

  it('applies item changes in order: a price change keeps the rest, a delete marks, a new upsert revives', () => {
    const base = { tenant_id: randomUUID(), item_id: 'x', at: '2026-11-20T10:00:00.000Z' };
    const created = applyChange(undefined, { ...base, op: 'upsert', fields: { title: 'Lamp', price: 5 } });
    const priced = applyChange(created, { ...base, op: 'upsert', fields: { price: 7 } });
    const deleted = applyChange(priced, { ...base, op: 'delete', fields: {} });
    const revived = applyChange(deleted, { ...base, op: 'upsert', fields: { title: 'Lamp 2' } });
    expect(priced).toMatchObject({ title: 'Lamp', price: 7, deleted: false, seq: 2 });
    expect(deleted).toMatchObject({ title: 'Lamp', deleted: true, seq: 3 });
    expect(revived).toMatchObject({ title: 'Lamp 2', deleted: false, seq: 4 });
  });

  it('yields nothing for an event without a tenant', () => {
    const event = createEvent('ItemDeleted', {
      aggregateId: 'x',
      data: { item_id: 'x', owner_id: 'o', deleted_at: '2026-11-20T10:00:00.000Z' },
    });
    expect(rowsOf(consumed(event))).toEqual({ interactions: [], items: [] });
  });
});
