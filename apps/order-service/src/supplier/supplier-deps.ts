import { type Cache, type Logger } from '@platform/service-kit';
import { type SupplierClient } from './supplier.client';
import { type SupplierItemsRepository } from './supplier-items.repository';
import { type SyncLocks } from './sync-lock.repository';

/** What the supplier component's use cases need, built once in supplier.component.ts. */
export interface SupplierDeps {
  supplier: SupplierClient;
  items: SupplierItemsRepository;
  locks: SyncLocks;
  cache: Cache;
  logger: Logger;
}
