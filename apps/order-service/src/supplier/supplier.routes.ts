import { ItemStockParamsSchema, SyncOptionsSchema } from '@platform/contracts';
import { Errors, parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { requireRole, shopOf } from '../http/visitor';
import { itemStock } from './item-stock';
import { type SupplierDeps } from './supplier-deps';
import { syncCatalog } from './sync-catalog';

/** Catalog sync from the supplier (admins) and the supplier's stock of an item (anyone in the shop). */
export function supplierRouter(deps: SupplierDeps): Router {
  const router = Router();
  router.post('/api/catalog/sync', async (req, res) => {
    const admin = requireRole(res, ['admin']);
    // every option has a default, but the document (as every one) marks the body required: no JSON body
    // at all is a 400 like an empty one, not a full sync (schemathesis found the 200)
    if (req.body === undefined)
      throw Errors.validation('Invalid request body: a JSON body is required, {} for the defaults', {
        field: 'body',
        reason: 'a JSON body is required',
      });
    const options = parseInput(SyncOptionsSchema, req.body, 'body');
    res.json(await syncCatalog(admin, options, deps));
  });
  router.get('/api/items/:item_id/stock', async (req, res) => {
    const tenantId = shopOf(req, res);
    const { item_id } = parseInput(ItemStockParamsSchema, req.params, 'params');
    res.json(await itemStock(tenantId, item_id, deps));
  });
  return router;
}
