import { type ItemCache } from './item-cache';
import { type ItemsRepository } from './items.repository';

/** What the catalog's use cases need, built once in catalog-component.ts. */
export interface CatalogDeps {
  items: ItemsRepository;
  cache: ItemCache;
}
