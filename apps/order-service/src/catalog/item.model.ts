import { Schema, type Connection, type Model } from 'mongoose';

/** Where an item came from when supplier sync created it. */
export interface ItemSupplierRef {
  product_id: string;
  synced_at: Date;
}

/**
 * The `items` document, shared by the catalog (CRUD), supplier sync (writes items) and orders (stock).
 * `_id` is the item_id (uuid); money in minor units. Its events wait in `outbox` (withEvents) until the
 * relay publishes them on item.events; `processed_events` is MongoInbox's record of handled events.
 */
export interface ItemDoc {
  _id: string;
  tenant_id: string;
  title: string;
  description: string;
  category: string;
  tags: string[];
  price_cents: number;
  currency: string;
  stock: number;
  owner_id: string;
  image_url?: string;
  supplier?: ItemSupplierRef;
  /** Soft delete: set once, the item is gone for every reader. */
  deleted_at?: Date | null;
  created_at: Date;
  updated_at: Date;
  outbox?: unknown[];
  outbox_parked?: unknown[];
  processed_events?: string[];
  /** The orders holding some of `stock` (reserved, not paid yet): one per order, so never taken twice. */
  holds?: string[];
}

export const itemSchema = new Schema<ItemDoc>(
  {
    _id: { type: String, required: true },
    tenant_id: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    category: { type: String, required: true },
    tags: { type: [String], default: [] },
    price_cents: { type: Number, required: true },
    currency: { type: String, required: true },
    stock: { type: Number, required: true, min: 0 },
    owner_id: { type: String, required: true },
    image_url: { type: String },
    supplier: {
      type: new Schema<ItemSupplierRef>(
        { product_id: { type: String, required: true }, synced_at: { type: Date, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    deleted_at: { type: Date, default: null },
    created_at: { type: Date, required: true },
    updated_at: { type: Date, required: true },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outbox_parked: { type: [Schema.Types.Mixed], default: undefined },
    processed_events: { type: [String], default: undefined },
    holds: { type: [String], default: undefined },
  },
  { collection: 'items', versionKey: false, minimize: false },
);

itemSchema.index({ tenant_id: 1, owner_id: 1 });
itemSchema.index({ tenant_id: 1, category: 1 });
// one item per supplier product in a tenant. `sparse` lets MongoDB keep many items without a supplier;
// FerretDB 1.24 drops the flag but its unique index already lets missing values repeat (catalog-events test)
itemSchema.index({ tenant_id: 1, 'supplier.product_id': 1 }, { unique: true, sparse: true });

export type ItemModel = Model<ItemDoc>;

/** The Item model on this connection (one per connection: tests compose several services). */
export const itemModel = (conn: Connection): ItemModel =>
  (conn.models.Item as ItemModel | undefined) ?? conn.model<ItemDoc>('Item', itemSchema);
