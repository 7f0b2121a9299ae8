import { type ModelType } from '@platform/contracts';
import { type TrainedModel } from '../model-space';

/**
 * A model version's artifacts in one compact object: `MLM1`, a uint32 header length, a JSON header
 * (ids, sizes, where each buffer starts), then the Float32 (and the `seen` Int32) buffers, 4-byte
 * aligned. Loaded without parsing numbers: the buffers become typed views of one copy of the object.
 * An artifact without the `seen` buffers (older) loads without `seen`.
 */
const MAGIC = 'MLM1';

/** What a version stores beside the model: the ids its index snapshot holds (to reconcile on load). */
export interface ModelArtifact {
  model: TrainedModel;
  indexedIds: string[];
}

interface Header {
  modelType: ModelType;
  dimension: number;
  userIds: string[];
  itemIds: string[];
  popularityIds: string[];
  contentInputDim: number | null;
  trainedAt: string | null;
  indexedIds: string[];
  /** name → [byte offset from the start of the buffers, element count (4 bytes each)] */
  buffers: Record<string, [number, number]>;
}

const BUFFERS = [
  'userFactors',
  'itemFactors',
  'popularity',
  'contentWeights',
  'contentBias',
  'seenIndptr',
  'seenItems',
] as const;

function buffersOf(m: TrainedModel): Record<(typeof BUFFERS)[number], Float32Array | Int32Array | undefined> {
  return {
    userFactors: m.userFactors,
    itemFactors: m.itemFactors,
    popularity: m.popularity.scores,
    contentWeights: m.contentMap?.weights,
    contentBias: m.contentMap?.bias,
    seenIndptr: m.seen?.indptr,
    seenItems: m.seen?.items,
  };
}

export function encodeArtifact({ model, indexedIds }: ModelArtifact): Buffer {
  const arrays = buffersOf(model);
  const buffers: Header['buffers'] = {};
  let offset = 0;
  for (const name of BUFFERS) {
    const a = arrays[name];
    if (!a) continue;
    buffers[name] = [offset, a.length];
    offset += a.byteLength;
  }
  const header: Header = {
    modelType: model.modelType,
    dimension: model.dimension,
    userIds: model.userIds,
    itemIds: model.itemIds,
    popularityIds: model.popularity.itemIds,
    contentInputDim: model.contentMap?.inputDim ?? null,
    trainedAt: model.trainedAt ?? null,
    indexedIds,
    buffers,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align4(8 + json.length);
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  for (const name of BUFFERS) {
    const a = arrays[name];
    if (a) Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, start + buffers[name][0]);
  }
  return out;
}

export function decodeArtifact(bytes: Buffer): ModelArtifact {
  if (bytes.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a model artifact');
  const length = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + length)) as Header;
  const start = align4(8 + length);
  // one aligned copy of the buffers; every array is a view of it
  const data = new Uint8Array(bytes.subarray(start)).buffer;
  const view = (name: string) => {
    const at = header.buffers[name];
    return at ? new Float32Array(data, at[0], at[1]) : undefined;
  };
  const ints = (name: string) => {
    const at = header.buffers[name];
    return at ? new Int32Array(data, at[0], at[1]) : undefined;
  };
  const weights = view('contentWeights');
  const bias = view('contentBias');
  const indptr = ints('seenIndptr');
  const items = ints('seenItems');
  const model: TrainedModel = {
    modelType: header.modelType,
    dimension: header.dimension,
    userIds: header.userIds,
    itemIds: header.itemIds,
    userFactors: view('userFactors') ?? new Float32Array(0),
    itemFactors: view('itemFactors') ?? new Float32Array(0),
    popularity: { itemIds: header.popularityIds, scores: view('popularity') ?? new Float32Array(0) },
    ...(header.trainedAt ? { trainedAt: header.trainedAt } : {}),
    ...(weights && bias && header.contentInputDim
      ? { contentMap: { inputDim: header.contentInputDim, weights, bias } }
      : {}),
    ...(indptr && items ? { seen: { indptr, items } } : {}),
  };
  return { model, indexedIds: header.indexedIds };
}

const align4 = (n: number) => (n + 3) & ~3;

/** Where a version's objects live in ml-engine's store. */
export const artifactFolder = (tenantId: string, version: string) =>
  `ml-engine/tenants/${tenantId}/models/${version}`;
export const artifactKeys = (folder: string) => ({ model: `${folder}/model.bin`, index: `${folder}/index` });
