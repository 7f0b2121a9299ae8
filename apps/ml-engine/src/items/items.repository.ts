import { type Pool, type PoolClient } from 'pg';
import { type ItemInfo } from '../model-space';

type Db = Pool | PoolClient;

/** An item's features and content vector as the consumers write them. */
export interface ItemRow {
  itemId: string;
  title: string;
  description?: string;
  category?: string;
  tags: string[];
  vector: Float32Array;
  createdAt: string;
  /** When the change happened at its source: a deletion after it wins over it. */
  changedAt: string;
}

export interface StoredItem extends ItemInfo {
  updatedAt: Date;
}

const bytesOf = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
/** A copy: a Buffer from pg need not be 4-aligned. */
export const vectorOf = (b: Buffer) =>
  new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

const toInfo = (r: {
  item_id: string;
  category: string | null;
  tags: string[];
  created_at: Date;
}): ItemInfo => ({
  itemId: r.item_id,
  category: r.category,
  tags: r.tags,
  createdAt: r.created_at.toISOString(),
});

/** The `items` table: the only code that knows SQL about items. */
export const itemsRepository = {
  /** Inserts or replaces the item; undefined when a later deletion stands (the change is older). */
  async upsert(db: Db, tenantId: string, r: ItemRow): Promise<ItemInfo | undefined> {
    const res = await db.query(
      `INSERT INTO items (tenant_id, item_id, title, description, category, tags, content_vector, dimension, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, item_id) DO UPDATE SET
         title = EXCLUDED.title, description = EXCLUDED.description, category = EXCLUDED.category,
         tags = EXCLUDED.tags, content_vector = EXCLUDED.content_vector, dimension = EXCLUDED.dimension,
         updated_at = now(), deleted_at = NULL
       WHERE items.deleted_at IS NULL OR items.deleted_at < $10
       RETURNING item_id, category, tags, created_at`,
      [
        tenantId,
        r.itemId,
        r.title,
        r.description ?? null,
        r.category ?? null,
        r.tags,
        bytesOf(r.vector),
        r.vector.length,
        r.createdAt,
        r.changedAt,
      ],
    );
    return res.rows[0] ? toInfo(res.rows[0]) : undefined;
  },

  /** Marks the item deleted; false when it was unknown or deleted already. */
  async delete(db: Db, tenantId: string, itemId: string, deletedAt: string): Promise<boolean> {
    const res = await db.query(
      `UPDATE items SET deleted_at = $3, updated_at = now()
       WHERE tenant_id = $1 AND item_id = $2 AND deleted_at IS NULL`,
      [tenantId, itemId, deletedAt],
    );
    if (res.rowCount) return true;
    // a deletion before the creation arrives still wins over an older creation
    await db.query(
      `INSERT INTO items (tenant_id, item_id, title, tags, content_vector, dimension, created_at, deleted_at)
       VALUES ($1, $2, '', '{}', '\\x', 0, $3, $3) ON CONFLICT DO NOTHING`,
      [tenantId, itemId, deletedAt],
    );
    return false;
  },

  /** Every live item of the tenant (no vectors). */
  async live(db: Db, tenantId: string): Promise<StoredItem[]> {
    const res = await db.query(
      `SELECT item_id, category, tags, created_at, updated_at FROM items
       WHERE tenant_id = $1 AND deleted_at IS NULL`,
      [tenantId],
    );
    return res.rows.map((r) => ({ ...toInfo(r), updatedAt: r.updated_at as Date }));
  },

  /** The stored vectors (and features, to re-embed in another dimension) of these live items. */
  async vectors(db: Db, tenantId: string, itemIds: string[] | 'all') {
    const res = await db.query(
      `SELECT item_id, title, description, category, tags, content_vector, dimension FROM items
       WHERE tenant_id = $1 AND ($2::text[] IS NULL OR item_id = ANY($2)) AND deleted_at IS NULL`,
      [tenantId, itemIds === 'all' ? null : itemIds],
    );
    return res.rows.map((r) => ({
      itemId: r.item_id as string,
      features: {
        title: r.title as string,
        description: (r.description as string | null) ?? undefined,
        category: (r.category as string | null) ?? undefined,
        tags: r.tags as string[],
      },
      vector: vectorOf(r.content_vector as Buffer),
    }));
  },
};
