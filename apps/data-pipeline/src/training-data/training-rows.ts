import { INTERACTION_LABELS, type DomainEvent, type EventType } from '@platform/contracts';
import { type ConsumedEvent } from '@platform/messaging';
import { v5 } from 'uuid';

/** One row of `tenants/{t}/training_data/{day}/part-….parquet` (seed 002 §3, plus `interaction_id`). */
export interface InteractionRow {
  tenant_id: string;
  interaction_id: string;
  user_id: string;
  item_id: string;
  interaction_type: string;
  /** Unix seconds (seed 002 §3 int64). */
  timestamp: number;
  /** INTERACTION_LABELS of the type. */
  label: number;
  /** `YYYY-MM-DD` of the timestamp in UTC: the partition. */
  day: string;
  context_features: Record<string, unknown>;
}

/** An item change as it arrives; merged with the known state into a full item row by the writer. */
export interface ItemChange {
  tenant_id: string;
  item_id: string;
  /** `upsert` replaces the listed fields, `delete` marks the item deleted (kept as a row: ml-engine drops it). */
  op: 'upsert' | 'delete';
  fields: Partial<ItemState>;
  at: string;
}

/** What the writer keeps per item (training_items.state) and writes as one items row. */
export interface ItemState {
  title: string;
  description: string;
  category: string | null;
  tags: string[];
  price: number | null;
  currency: string | null;
  metadata: Record<string, unknown>;
  deleted: boolean;
  /** Per-item change counter: compaction keeps the row with the highest. */
  seq: number;
  updated_at: string;
}

// RFC 4122 name space for the purchases derived from OrderConfirmed lines (a fixed random uuid)
const PURCHASE_NAMESPACE = '6f1b2a0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

/** uuid v5 (SHA-1 of name space + name): a redelivered OrderConfirmed gives its lines the same ids. */
export const uuidV5 = (name: string, namespace = PURCHASE_NAMESPACE): string => v5(name, namespace);

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

function interaction(
  tenant_id: string,
  d: {
    interaction_id: string;
    user_id: string;
    item_id: string;
    interaction_type: string;
    timestamp: string;
  },
  context: Record<string, unknown>,
): InteractionRow {
  const type = d.interaction_type as keyof typeof INTERACTION_LABELS;
  return {
    tenant_id,
    interaction_id: d.interaction_id,
    user_id: d.user_id,
    item_id: d.item_id,
    interaction_type: type,
    timestamp: unix(d.timestamp),
    label: INTERACTION_LABELS[type],
    day: dayOf(d.timestamp),
    context_features: context,
  };
}

type Any = DomainEvent<EventType>;
const as = <T extends EventType>(e: Any) => e as unknown as DomainEvent<T>;

/**
 * The training rows of one consumed event: interactions (InteractionIngested, each line of
 * OrderConfirmed as a purchase) or item changes (ItemIngested, the order-service item events).
 * Events without a tenant (an order-service event published before tenants) yield nothing.
 */
export function rowsOf({ event }: ConsumedEvent): { interactions: InteractionRow[]; items: ItemChange[] } {
  const tenant = event.tenant_id;
  const none = { interactions: [], items: [] };
  if (!tenant) return none;
  switch (event.event_type) {
    case 'InteractionIngested': {
      const d = as<'InteractionIngested'>(event).data;
      return { interactions: [interaction(tenant, d, { ...d.context, source: d.source })], items: [] };
    }
    case 'OrderConfirmed': {
      const d = as<'OrderConfirmed'>(event).data;
      const rows = d.items.map((line, i) =>
        interaction(
          tenant,
          {
            interaction_id: uuidV5(`${event.event_id}:${i}`),
            user_id: d.user_id,
            item_id: line.product_id,
            interaction_type: 'purchase',
            timestamp: d.confirmed_at,
          },
          { source: 'order', order_id: d.order_id, quantity: line.quantity, price: line.price },
        ),
      );
      return { interactions: rows, items: [] };
    }
    case 'ItemIngested': {
      const d = as<'ItemIngested'>(event).data;
      const fields: Partial<ItemState> = {
        title: d.title,
        description: d.description ?? '',
        category: d.category ?? null,
        tags: d.tags ?? [],
        metadata: d.metadata ?? {},
      };
      return {
        interactions: [],
        items: [{ tenant_id: tenant, item_id: d.item_id, op: 'upsert', fields, at: d.received_at }],
      };
    }
    case 'ItemCreated':
    case 'ItemUpdated': {
      const d = as<'ItemUpdated'>(event).data;
      const fields: Partial<ItemState> = {
        title: d.title,
        description: d.description,
        category: d.category,
        tags: d.tags,
        price: d.price,
        currency: d.currency,
      };
      return {
        interactions: [],
        items: [{ tenant_id: tenant, item_id: d.item_id, op: 'upsert', fields, at: event.occurred_at }],
      };
    }
    case 'ItemPriceChanged': {
      const d = as<'ItemPriceChanged'>(event).data;
      const fields = { price: d.new_price, currency: d.currency };
      return {
        interactions: [],
        items: [{ tenant_id: tenant, item_id: d.item_id, op: 'upsert', fields, at: event.occurred_at }],
      };
    }
    case 'ItemDeleted': {
      const d = as<'ItemDeleted'>(event).data;
      return {
        interactions: [],
        items: [{ tenant_id: tenant, item_id: d.item_id, op: 'delete', fields: {}, at: d.deleted_at }],
      };
    }
    default:
      return none;
  }
}

/** The event types the writer consumes. */
export const TRAINING_EVENT_TYPES: EventType[] = [
  'InteractionIngested',
  'ItemIngested',
  'OrderConfirmed',
  'ItemCreated',
  'ItemUpdated',
  'ItemPriceChanged',
  'ItemDeleted',
];

/** The item's state after a change (a price change on an unknown item starts an untitled one). */
export function applyChange(prev: ItemState | undefined, change: ItemChange): ItemState {
  const base: ItemState = prev ?? {
    title: '',
    description: '',
    category: null,
    tags: [],
    price: null,
    currency: null,
    metadata: {},
    deleted: false,
    seq: 0,
    updated_at: change.at,
  };
  return {
    ...base,
    ...change.fields,
    deleted:
      change.op === 'delete'
        ? true
        : change.op === 'upsert' && 'title' in change.fields
          ? false
          : base.deleted,
    seq: base.seq + 1,
    updated_at: change.at,
  };
}

/** One row of `tenants/{t}/items/part-….parquet`: the item's full state after a change. */
export type ItemRow = ItemState & { tenant_id: string; item_id: string };
