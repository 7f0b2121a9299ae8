import { type BreakerRegistry } from '@platform/resilience';
import { type Cache, type Logger } from '@platform/service-kit';
import { type Connection } from 'mongoose';
import { type Config } from '../config';
import { createSupplierClient } from './supplier.client';
import { supplierRouter } from './supplier.routes';
import { type SupplierDeps } from './supplier-deps';
import { SupplierItemsRepository } from './supplier-items.repository';
import { SyncLocks } from './sync-lock.repository';

/** The supplier wired for compose.ts: its client (breaker `supplier`), sync and stock routes. */
export function supplierComponent(d: {
  config: Config;
  mongo: Connection;
  breakers: BreakerRegistry;
  cache: Cache;
  logger: Logger;
}) {
  const deps: SupplierDeps = {
    supplier: createSupplierClient(d.config, d.breakers),
    items: new SupplierItemsRepository(d.mongo),
    locks: new SyncLocks(d.mongo.db!, d.config.SUPPLIER_SYNC_LOCK_MS),
    cache: d.cache,
    logger: d.logger,
  };
  return { deps, router: supplierRouter(deps) };
}
