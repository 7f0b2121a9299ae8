import { type SimilarItemsResponse } from '@platform/contracts';
import { MlErrors } from '../errors';
import { type ItemCatalog, type ModelSpaces } from '../model-space';
import { type ItemInfos } from './item-infos';
import { round, scoreOf } from './scoring';

export interface SimilarDeps {
  spaces: ModelSpaces;
  catalog: ItemCatalog;
  infos: ItemInfos;
}

/**
 * "More like this": the live items nearest to the item's vector in the tenant's active space (the trained
 * model's item vectors, else the content space), the item itself left out, scored as recommendations
 * score them. An item the active space does not hold is searched in the content space (`v0.0.0`).
 * 404 for an item the tenant does not have (deleted, unknown, or another tenant's).
 */
export async function similarItems(
  deps: SimilarDeps,
  tenantId: string,
  itemId: string,
  count: number,
): Promise<SimilarItemsResponse> {
  const items = await deps.infos.of(tenantId);
  if (!items.byId.has(itemId)) throw MlErrors.itemNotFound(itemId);
  let space = await deps.spaces.active(tenantId);
  let vector = space.index.vectorOf(itemId);
  if (!vector) {
    space = await deps.catalog.contentSpace(tenantId);
    vector = space.index.vectorOf(itemId);
  }
  if (!vector) return { item_id: itemId, model_version: space.version, items: [] };
  const accept = (id: string) => id !== itemId && items.byId.has(id);
  const found = space.index.search(vector, count, accept);
  return {
    item_id: itemId,
    model_version: space.version,
    items: found.map((n) => ({ item_id: n.itemId, score: round(scoreOf(space.index.metric, n.distance)) })),
  };
}
