import {
  SupplierProductSchema,
  type SupplierProduct,
  type SyncOptions,
  type SyncResult,
} from '@platform/contracts';
import { OrderErrors } from '../errors';
import { type SupplierDeps } from './supplier-deps';
import { deletedEvent, isGenre, isPlatform, syncWrite } from './supplier-item';

const PER_PAGE = 100;

/**
 * Seed 003 syncG2ACatalog: an admin brings the supplier's products into the shop. One sync per tenant
 * at a time (409 otherwise); page by page, each page one batch of item writes with their events; a
 * full sync then removes (soft-deletes) the items the supplier no longer lists; the caches go last.
 */
export async function syncCatalog(
  admin: { tenantId: string; userId: string },
  options: SyncOptions,
  deps: SupplierDeps,
): Promise<SyncResult> {
  const release = await deps.locks.acquire(admin.tenantId);
  if (!release) throw OrderErrors.syncInProgress();
  try {
    const { listed, ...result } = await syncPages(admin, options, deps);
    if (options.fullSync) result.removed = await removeDelisted(admin.tenantId, options, listed, deps);
    return result;
  } finally {
    await release();
    // the seed's keys (game:* is item:* here); the Cache records a failed invalidation and replays it
    await deps.cache.invalidate([], ['item:*', 'search:*', 'catalog:*', 'user:*:items']);
  }
}

async function syncPages(
  admin: { tenantId: string; userId: string },
  options: SyncOptions,
  deps: SupplierDeps,
) {
  const result = {
    added: 0,
    updated: 0,
    removed: 0,
    categoriesCreated: 0,
    genresCreated: 0,
    platformsCreated: 0,
  };
  const errors: SyncResult['errors'] = [];
  const listed = new Set<string>();
  const known = await deps.items.vocabulary(admin.tenantId);
  for (let page = 1, pages = 1; page <= pages; page++) {
    const answer = await deps.supplier.products({
      page,
      perPage: PER_PAGE,
      ids: options.productIds,
      categories: options.categories,
    });
    pages = answer.total_pages;
    const products: SupplierProduct[] = [];
    for (const raw of answer.products) {
      const parsed = SupplierProductSchema.safeParse(raw);
      const id = (raw as { product_id?: unknown })?.product_id;
      if (typeof id === 'string') listed.add(id);
      if (parsed.success) products.push(parsed.data);
      else
        errors.push({
          productId: typeof id === 'string' ? id : '?',
          error: 'unreadable product from the supplier',
        });
    }
    const existing = await deps.items.bySupplierIds(
      admin.tenantId,
      products.map((p) => p.product_id),
    );
    const byProduct = new Map(existing.map((i) => [i.supplier!.product_id, i]));
    const now = new Date();
    const ctx = {
      tenantId: admin.tenantId,
      ownerId: admin.userId,
      now,
      includeRelationships: options.includeRelationships,
    };
    const writes = products.map((p) => syncWrite(p, byProduct.get(p.product_id), ctx));
    const { failed } = await deps.items.applyBatch(writes);
    errors.push(...failed);
    const failedIds = new Set(failed.map((f) => f.productId));
    for (const w of writes) {
      if (w.kind === 'touch' || failedIds.has(w.productId)) continue;
      const item = w.kind === 'insert' ? w.doc : { ...w.from, ...w.set };
      const relisted = w.kind === 'update' && !!w.from.deleted_at;
      if (w.kind === 'insert' || relisted) result.added++;
      else result.updated++;
      // what this tenant did not have before the sync, counted once
      if (!known.categories.has(item.category)) {
        known.categories.add(item.category);
        result.categoriesCreated++;
      }
      for (const tag of item.tags ?? []) {
        if (known.tags.has(tag)) continue;
        known.tags.add(tag);
        if (isGenre(tag)) result.genresCreated++;
        if (isPlatform(tag)) result.platformsCreated++;
      }
    }
  }
  return { ...result, errors, listed };
}

async function removeDelisted(
  tenantId: string,
  options: SyncOptions,
  listed: Set<string>,
  deps: SupplierDeps,
) {
  const live = await deps.items.liveSupplierItems(tenantId, {
    productIds: options.productIds,
    categories: options.categories,
  });
  const now = new Date();
  const gone = live.filter((i) => !listed.has(i.supplier!.product_id));
  return deps.items.softDelete(
    gone.map((item) => ({ item, event: deletedEvent(item, now) })),
    now,
  );
}
