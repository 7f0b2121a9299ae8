import { type ItemCatalog, type ItemChange, type ItemInfo } from '../model-space';

interface TenantItems {
  byId: Map<string, ItemInfo>;
  /** Ids newest first, rebuilt lazily after a change. */
  newest?: string[];
}

/**
 * The tenants' live items' infos in memory, for the index search's synchronous `accept` (categories,
 * deleted items) and the answers' metadata. A tenant is loaded from `catalog.all` on its first request
 * and kept current through `catalog.onChange`; changes arriving during the load are applied after it.
 */
export class ItemInfos {
  private readonly tenants = new Map<string, Promise<TenantItems>>();
  private readonly pending = new Map<string, ItemChange[]>();

  constructor(private readonly catalog: ItemCatalog) {
    catalog.onChange(async (tenantId, change) => this.apply(tenantId, change));
  }

  of(tenantId: string): Promise<TenantItems> {
    let loaded = this.tenants.get(tenantId);
    if (!loaded) {
      loaded = this.load(tenantId);
      this.tenants.set(tenantId, loaded);
      loaded.catch(() => this.tenants.delete(tenantId)); // a failed load is tried again next time
    }
    return loaded;
  }

  /** The tenant's item ids, newest first. */
  static newest(items: TenantItems): string[] {
    items.newest ??= [...items.byId.values()]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map((i) => i.itemId);
    return items.newest;
  }

  private async load(tenantId: string): Promise<TenantItems> {
    this.pending.set(tenantId, []);
    const byId = new Map<string, ItemInfo>();
    try {
      for await (const { info } of this.catalog.all(tenantId)) byId.set(info.itemId, info);
      const items: TenantItems = { byId };
      for (const change of this.pending.get(tenantId) ?? []) ItemInfos.change(items, change);
      return items;
    } finally {
      this.pending.delete(tenantId);
    }
  }

  private async apply(tenantId: string, change: ItemChange): Promise<void> {
    const buffered = this.pending.get(tenantId);
    if (buffered) return void buffered.push(change);
    const loaded = this.tenants.get(tenantId);
    if (loaded) ItemInfos.change(await loaded, change);
  }

  private static change(items: TenantItems, change: ItemChange): void {
    if (change.kind === 'upsert') items.byId.set(change.info.itemId, change.info);
    else items.byId.delete(change.itemId);
    items.newest = undefined;
  }
}
