import { CONTENT_MODEL_VERSION, type EmbeddingsRequest } from '@platform/contracts';
import { MlErrors } from '../errors';
import { type ItemCatalog, type ModelSpace, type ModelSpaces } from '../model-space';

export interface EmbeddingDeps {
  catalog: ItemCatalog;
  spaces: () => ModelSpaces;
}

const asJson = (itemId: string, v: Float32Array) => ({
  item_id: itemId,
  embedding: Array.from(v),
  dimension: v.length,
});

/** The space asked for (a version of the tenant, 404 if it has none) or the tenant's active one. */
async function spaceFor(deps: EmbeddingDeps, tenantId: string, version?: string): Promise<ModelSpace> {
  if (!version) return deps.spaces().active(tenantId);
  if (version === CONTENT_MODEL_VERSION) return deps.catalog.contentSpace(tenantId);
  const space = await deps.spaces().version(tenantId, version);
  if (!space) throw MlErrors.modelVersionNotFound(version);
  return space;
}

/**
 * Seed 002 §1: embeddings of the given features, stored nowhere. In a trained space through its
 * content map (an item the model knows keeps its trained factor); in the content space, or when the
 * model has no map, the content vector (`v0.0.0`). One answer holds one version only.
 */
export async function embedFeatures(deps: EmbeddingDeps, req: EmbeddingsRequest) {
  const space = await spaceFor(deps, req.tenant_id, req.model_version);
  const contents = await Promise.all(req.items.map((i) => deps.catalog.encode(req.tenant_id, i.features)));
  if (space.modelType !== 'content' && space.itemVector) {
    const mapped = req.items.map((i, n) => space.itemVector!(i.item_id, contents[n]));
    if (mapped.every((v) => v !== undefined))
      return {
        embeddings: req.items.map((i, n) => asJson(i.item_id, mapped[n]!)),
        model_version: space.version,
      };
  }
  return {
    embeddings: req.items.map((i, n) => asJson(i.item_id, contents[n])),
    model_version: CONTENT_MODEL_VERSION,
  };
}

/**
 * Seed 002 §5: a live item's vector in the tenant's active space, else its content vector (`v0.0.0`);
 * 404 for an item the tenant does not have (another tenant's included).
 */
export async function itemEmbedding(deps: EmbeddingDeps, tenantId: string, itemId: string) {
  const known = await deps.catalog.infos(tenantId, [itemId]);
  if (!known.has(itemId)) throw MlErrors.itemNotFound(itemId);
  const space = await deps.spaces().active(tenantId);
  const inSpace = space.index.vectorOf(itemId);
  if (inSpace) return { ...asJson(itemId, inSpace), model_version: space.version };
  const content = await deps.catalog.contentVector(tenantId, itemId);
  if (!content) throw MlErrors.itemNotFound(itemId);
  return { ...asJson(itemId, content), model_version: CONTENT_MODEL_VERSION };
}
