import { type Logger } from '@platform/service-kit';
import { type ObjectStore } from '@platform/storage';
import { type ItemCatalog, type TrainedModel } from '../model-space';
import { type IndexKit } from './index-kit';
import { artifactKeys, decodeArtifact, encodeArtifact } from './model-artifacts';
import { TrainedSpace } from './trained-space';

export interface LoaderDeps {
  store: ObjectStore;
  catalog: ItemCatalog;
  indexes: IndexKit;
  logger: Logger;
}

/**
 * Puts the tenant's live catalog into the space: an item missing from the index gets its trained factor
 * or its content through the content map; an item of `indexed` that is no longer live leaves. With no
 * catalog at all (items never reached ml-engine) the trained items stay, as nothing says they are gone.
 * Returns the ids the index holds afterwards, as far as this pass knows them.
 */
export async function syncWithCatalog(
  space: TrainedSpace,
  catalog: ItemCatalog,
  tenantId: string,
  indexed: Iterable<string>,
): Promise<string[]> {
  const live = new Set<string>();
  for await (const { info, content } of catalog.all(tenantId)) {
    live.add(info.itemId);
    if (space.index.has(info.itemId)) continue;
    const vector = space.itemVector(info.itemId, content);
    if (vector) space.index.upsert(info.itemId, vector);
  }
  const held = new Set<string>();
  for (const id of indexed) {
    if (live.size > 0 && !live.has(id)) space.index.remove(id);
    else if (space.index.has(id)) held.add(id);
  }
  if (live.size === 0)
    for (const id of space.model.itemIds) {
      if (!space.index.has(id)) space.index.upsert(id, space.itemVector(id, undefined)!);
      held.add(id);
    }
  for (const id of live) if (space.index.has(id)) held.add(id);
  return [...held];
}

/** A new version's space: its index built from the catalog, the artifacts and the snapshot stored. */
export async function buildAndSaveSpace(
  deps: LoaderDeps,
  tenantId: string,
  version: string,
  folder: string,
  model: TrainedModel,
): Promise<TrainedSpace> {
  checkShape(model);
  model = { ...model, trainedAt: model.trainedAt ?? new Date().toISOString() };
  const space = new TrainedSpace(version, model, deps.indexes.create(model.dimension));
  const indexedIds = await syncWithCatalog(space, deps.catalog, tenantId, model.itemIds);
  const keys = artifactKeys(folder);
  await deps.store.put(keys.model, encodeArtifact({ model, indexedIds }), 'application/octet-stream');
  await deps.indexes.save(keys.index, space.index);
  return space;
}

/**
 * A stored version's space: the artifacts and the index snapshot as saved (no rebuild), then the
 * catalog's changes since (new items through the content map, deleted ones out).
 */
export async function loadSpace(
  deps: LoaderDeps,
  tenantId: string,
  version: string,
  folder: string,
): Promise<TrainedSpace> {
  const keys = artifactKeys(folder);
  const bytes = await deps.store.get(keys.model);
  if (!bytes) throw new Error(`model artifact ${keys.model} is missing`);
  const { model, indexedIds } = decodeArtifact(bytes);
  let index = await deps.indexes.load(keys.index);
  if (!index) {
    // the snapshot is gone (deleted by hand?): the artifacts suffice to build it again
    deps.logger.warn('index snapshot missing, rebuilding it', {
      tenant_id: tenantId,
      model_version: version,
    });
    index = deps.indexes.create(model.dimension);
  }
  const space = new TrainedSpace(version, model, index);
  await syncWithCatalog(space, deps.catalog, tenantId, indexedIds);
  return space;
}

function checkShape(m: TrainedModel) {
  const ok =
    m.dimension > 0 &&
    m.userFactors.length === m.userIds.length * m.dimension &&
    m.itemFactors.length === m.itemIds.length * m.dimension &&
    m.popularity.scores.length === m.popularity.itemIds.length &&
    (!m.contentMap ||
      (m.contentMap.weights.length === m.dimension * m.contentMap.inputDim &&
        m.contentMap.bias.length === m.dimension));
  if (!ok) throw new Error('a trained model whose factors do not match its ids and dimension');
}
