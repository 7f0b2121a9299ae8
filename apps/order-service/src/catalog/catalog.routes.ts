import {
  CreateItemRequestSchema,
  ItemParamsSchema,
  ListItemsQuerySchema,
  UpdateItemRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { requireRole, shopOf } from '../http/visitor';
import { type CatalogDeps } from './catalog-deps';
import { deleteItem, updateItem } from './change-item';
import { createItem } from './create-item';
import { getItem, listItems } from './read-items';

const ALL_ROLES = ['admin', 'developer', 'viewer'] as const;

/** The catalog (seed 000 IItemService): reads are public within a shop, writes need a role. */
export function catalogRouter(deps: CatalogDeps): Router {
  const router = Router();
  const itemId = (params: unknown) => parseInput(ItemParamsSchema, params, 'params').item_id;

  router.post('/api/items', async (req, res) => {
    const user = requireRole(res, ['admin', 'developer']);
    const body = parseInput(CreateItemRequestSchema, req.body, 'body');
    res.status(201).json(await createItem(user, body, deps));
  });
  router.get('/api/items', async (req, res) => {
    const tenantId = shopOf(req, res);
    res.json(await listItems(tenantId, parseInput(ListItemsQuerySchema, req.query, 'query'), deps));
  });
  router.get('/api/items/:item_id', async (req, res) => {
    const tenantId = shopOf(req, res);
    res.json(await getItem(tenantId, itemId(req.params), deps));
  });
  router.put('/api/items/:item_id', async (req, res) => {
    const user = requireRole(res, ALL_ROLES);
    const id = itemId(req.params);
    const body = parseInput(UpdateItemRequestSchema, req.body, 'body');
    res.json(await updateItem(user, id, body, deps));
  });
  router.delete('/api/items/:item_id', async (req, res) => {
    const user = requireRole(res, ALL_ROLES);
    await deleteItem(user, itemId(req.params), deps);
    res.status(204).end();
  });
  return router;
}
