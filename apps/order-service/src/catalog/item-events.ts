import { type EventEnvelope } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { fromCents, type ItemRecord } from './item-record';

/** The fields consumers (ml-engine, data-pipeline) keep of an item: all they need to embed or index it. */
const itemData = (item: ItemRecord) => ({
  item_id: item._id,
  owner_id: item.owner_id,
  title: item.title,
  description: item.description,
  category: item.category,
  tags: item.tags,
  price: fromCents(item.price_cents),
  currency: item.currency,
});

const about = (item: ItemRecord) => ({ aggregateId: item._id, tenantId: item.tenant_id });

/** A new item (or a delisted one that came back: consumers dropped it on ItemDeleted). */
export const itemCreated = (item: ItemRecord): EventEnvelope =>
  createEvent('ItemCreated', {
    ...about(item),
    data: { ...itemData(item), stock: item.stock, created_at: item.updated_at.toISOString() },
  });

/**
 * An item changed from `before` to `after` (an owner's update, or a supplier sync: `reason`):
 * ItemUpdated with every field, plus ItemPriceChanged and StockChanged when those moved.
 */
export function itemChanged(
  before: ItemRecord,
  after: ItemRecord,
  changed: string[],
  reason: string,
): EventEnvelope[] {
  const events: EventEnvelope[] = [
    createEvent('ItemUpdated', {
      ...about(after),
      data: {
        ...itemData(after),
        ...(after.image_url ? { image_url: after.image_url } : {}),
        changed,
        updated_at: after.updated_at.toISOString(),
      },
    }),
  ];
  if (before.price_cents !== after.price_cents || before.currency !== after.currency)
    events.push(
      createEvent('ItemPriceChanged', {
        ...about(after),
        data: {
          item_id: after._id,
          old_price: fromCents(before.price_cents),
          new_price: fromCents(after.price_cents),
          currency: after.currency,
        },
      }),
    );
  if (before.stock !== after.stock)
    events.push(
      createEvent('StockChanged', {
        ...about(after),
        data: { item_id: after._id, stock: after.stock, delta: after.stock - before.stock, reason },
      }),
    );
  return events;
}

export const itemDeleted = (item: ItemRecord, at: Date): EventEnvelope =>
  createEvent('ItemDeleted', {
    ...about(item),
    data: { item_id: item._id, owner_id: item.owner_id, deleted_at: at.toISOString() },
  });
