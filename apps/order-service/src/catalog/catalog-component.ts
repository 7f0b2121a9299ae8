import { type Cache } from '@platform/service-kit';
import { type Connection } from 'mongoose';
import { catalogRouter } from './catalog.routes';
import { type CatalogDeps } from './catalog-deps';
import { ItemCache } from './item-cache';
import { ItemsRepository } from './items.repository';

/**
 * The catalog wired for compose.ts: its repository (which orders use for stock, and supplier sync for
 * items; a stock move drops the item's cache entries) and its router.
 */
export async function catalogComponent(deps: { mongo: Connection; cache: Cache }) {
  const cache = new ItemCache(deps.cache);
  const items = new ItemsRepository(deps.mongo, {
    stockChanged: (itemId, ownerId) => cache.stockMoved(itemId, ownerId),
  });
  await items.ensureIndexes();
  const catalog: CatalogDeps = { items, cache };
  return { items, cache, router: catalogRouter(catalog) };
}
