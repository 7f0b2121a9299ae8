import { CONTENT_MODEL_VERSION, type ItemFeatures } from '@platform/contracts';
import { type Logger } from '@platform/service-kit';
import { type ObjectStore } from '@platform/storage';
import { type Pool } from 'pg';
import { type ItemCatalog, type ItemChange, type ItemInfo, type ModelSpace } from '../model-space';
import { indexKey, loadIndex, saveIndex } from '../index/snapshots';
import { type IndexOptions, UsearchIndex } from '../index/vector-index';
import { type TenantSettings } from '../tenants/tenant-settings';
import { encodeContent } from './content-encoder';
import { itemsRepository as repo } from './items.repository';

/** What a tenant's hot path needs, in memory: the live items' infos and the content index. */
interface TenantItems {
  infos: Map<string, ItemInfo>;
  index: UsearchIndex;
}

export interface CatalogDeps {
  pool: Pool;
  store: ObjectStore;
  settings: TenantSettings;
  logger: Logger;
  indexOptions: (dimension: number) => IndexOptions;
  snapshotDelayMs: number;
}

/** Changes within this long before a snapshot was taken are read again from PostgreSQL at load. */
const SNAPSHOT_MARGIN_MS = 60_000;

/**
 * The tenants' items and their content space (`v0.0.0`). A tenant is loaded once, on first use: its
 * index from the latest snapshot, brought up to date with the items PostgreSQL changed since (their
 * stored vectors, never re-embedded), then kept current by `applied`; a snapshot follows each burst of
 * changes and the stop.
 */
export class ContentCatalog implements ItemCatalog {
  private readonly tenants = new Map<string, Promise<TenantItems>>();
  private readonly listeners: ((tenantId: string, change: ItemChange) => Promise<void>)[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: CatalogDeps) {}

  async encode(tenantId: string, features: ItemFeatures): Promise<Float32Array> {
    const { embedding_dimension } = await this.deps.settings.of(tenantId);
    return encodeContent(features, embedding_dimension);
  }

  async contentVector(tenantId: string, itemId: string): Promise<Float32Array | undefined> {
    return (await this.tenant(tenantId)).index.vectorOf(itemId);
  }

  async infos(tenantId: string, itemIds: string[]): Promise<Map<string, ItemInfo>> {
    const { infos } = await this.tenant(tenantId);
    const out = new Map<string, ItemInfo>();
    for (const id of itemIds) {
      const info = infos.get(id);
      if (info) out.set(id, info);
    }
    return out;
  }

  async *all(tenantId: string): AsyncIterable<{ info: ItemInfo; content: Float32Array }> {
    const { infos, index } = await this.tenant(tenantId);
    for (const [id, info] of [...infos]) {
      const content = index.vectorOf(id);
      if (content) yield { info, content };
    }
  }

  async contentSpace(tenantId: string): Promise<ModelSpace> {
    const { index } = await this.tenant(tenantId);
    return {
      version: CONTENT_MODEL_VERSION,
      modelType: 'content',
      dimension: index.dimension,
      index,
      userVector: () => undefined,
      popular: [],
    };
  }

  onChange(listener: (tenantId: string, change: ItemChange) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** The tenant's content dimension (its setting when first loaded). */
  async dimension(tenantId: string): Promise<number> {
    return (await this.tenant(tenantId)).index.dimension;
  }

  /** After a change committed in PostgreSQL: memory, the content index, the listeners, a snapshot soon. */
  async applied(tenantId: string, change: ItemChange): Promise<void> {
    const t = await this.tenant(tenantId);
    if (change.kind === 'upsert') {
      t.infos.set(change.info.itemId, change.info);
      t.index.upsert(change.info.itemId, change.content);
    } else {
      t.infos.delete(change.itemId);
      t.index.remove(change.itemId);
    }
    // the change is committed and its event marked: a listener's failure must not lose it for the others
    for (const l of this.listeners)
      await l(tenantId, change).catch((err: Error) =>
        this.deps.logger.error('Item change listener failed', { tenant_id: tenantId, error: err.message }),
      );
    this.scheduleSnapshot(tenantId);
  }

  /** Saves every pending snapshot now (the stop). */
  async flush(): Promise<void> {
    const tenants = [...this.pending.keys()];
    for (const t of tenants) clearTimeout(this.pending.get(t));
    this.pending.clear();
    await Promise.all(tenants.map((t) => this.snapshot(t)));
  }

  async snapshot(tenantId: string): Promise<void> {
    const t = await this.tenant(tenantId);
    const takenAt = new Date().toISOString();
    await saveIndex(this.deps.store, indexKey(tenantId, CONTENT_MODEL_VERSION), t.index, {
      taken_at: takenAt,
    });
  }

  /** At most one snapshot per tenant per delay, however steady the stream of changes. */
  private scheduleSnapshot(tenantId: string): void {
    if (this.pending.has(tenantId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(tenantId);
      this.snapshot(tenantId).catch((err: Error) =>
        this.deps.logger.warn('Content index not snapshotted', { tenant_id: tenantId, error: err.message }),
      );
    }, this.deps.snapshotDelayMs);
    timer.unref();
    this.pending.set(tenantId, timer);
  }

  private tenant(tenantId: string): Promise<TenantItems> {
    let t = this.tenants.get(tenantId);
    if (!t) {
      t = this.load(tenantId);
      this.tenants.set(tenantId, t);
      t.catch(() => this.tenants.delete(tenantId)); // the next call tries again
    }
    return t;
  }

  private async load(tenantId: string): Promise<TenantItems> {
    const { embedding_dimension: dimension } = await this.deps.settings.of(tenantId);
    const saved = await loadIndex(this.deps.store, indexKey(tenantId, CONTENT_MODEL_VERSION)).catch(
      (err: Error) => {
        this.deps.logger.warn('Content index snapshot unreadable', {
          tenant_id: tenantId,
          error: err.message,
        });
        return undefined;
      },
    );
    const fresh = saved?.index.dimension === dimension ? saved : undefined;
    const index = fresh?.index ?? new UsearchIndex(this.deps.indexOptions(dimension));
    const since = fresh ? Date.parse(String(fresh.meta.taken_at)) - SNAPSHOT_MARGIN_MS : -Infinity;
    const live = await repo.live(this.deps.pool, tenantId);
    const infos = new Map(live.map(({ updatedAt: _, ...info }) => [info.itemId, info] as const));
    for (const [id] of [...index.entries()]) if (!infos.has(id)) index.remove(id);
    const stale = live
      .filter((i) => !index.has(i.itemId) || i.updatedAt.getTime() >= since)
      .map((i) => i.itemId);
    // without a snapshot every live item is read: no list of ids to send
    for (const row of await repo.vectors(this.deps.pool, tenantId, fresh ? stale : 'all')) {
      const vector = row.vector.length === dimension ? row.vector : encodeContent(row.features, dimension);
      index.upsert(row.itemId, vector);
    }
    this.deps.logger.info('Content index loaded', {
      tenant_id: tenantId,
      items: index.size,
      from_snapshot: Boolean(fresh),
      read_from_db: stale.length,
    });
    return { infos, index };
  }
}
