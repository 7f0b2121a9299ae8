import { type ItemChange, type ModelSpace, type TrainedModel, type VectorIndex } from '../model-space';

/**
 * A trained version as a space to serve from: its index (trained items' factors, other live items
 * through the model's content map) and its users' factors. `apply` keeps it current with the catalog.
 */
export class TrainedSpace implements ModelSpace {
  readonly modelType: TrainedModel['modelType'];
  readonly dimension: number;
  readonly popular: string[];
  readonly trainedAt?: string;
  private readonly userRow: Map<string, number>;
  private readonly itemRow: Map<string, number>;

  constructor(
    readonly version: string,
    readonly model: TrainedModel,
    readonly index: VectorIndex,
  ) {
    this.modelType = model.modelType;
    this.dimension = model.dimension;
    this.userRow = new Map(model.userIds.map((id, i) => [id, i]));
    this.itemRow = new Map(model.itemIds.map((id, i) => [id, i]));
    this.popular = byScore(model.popularity.itemIds, model.popularity.scores);
    this.trainedAt = model.trainedAt;
  }

  userVector(userId: string): Float32Array | undefined {
    const row = this.userRow.get(userId);
    return row === undefined ? undefined : rowOf(this.model.userFactors, row, this.dimension);
  }

  /** The item's vector here: its trained factor, else its content through the content map. */
  itemVector(itemId: string, content: Float32Array | undefined): Float32Array | undefined {
    const row = this.itemRow.get(itemId);
    if (row !== undefined) return rowOf(this.model.itemFactors, row, this.dimension);
    return content && mapContent(this.model, content);
  }

  /** Whether the user interacted with the item in the training data (binary search of their sorted row). */
  hasSeen(userId: string, itemId: string): boolean {
    const seen = this.model.seen;
    if (!seen) return false;
    const row = this.userRow.get(userId);
    const item = this.itemRow.get(itemId);
    if (row === undefined || item === undefined || row + 1 >= seen.indptr.length) return false;
    let lo = seen.indptr[row];
    let hi = seen.indptr[row + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = seen.items[mid];
      if (x === item) return true;
      if (x < item) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** A catalog change, visible to the next search: a known item keeps its trained factor. */
  apply(change: ItemChange): void {
    if (change.kind === 'delete') return this.index.remove(change.itemId);
    const id = change.info.itemId;
    if (this.itemRow.has(id) && this.index.has(id)) return;
    const vector = this.itemVector(id, change.content);
    if (vector) this.index.upsert(id, vector);
  }
}

/** `weights · content + bias`, or undefined without a map or for content of another width. */
export function mapContent(model: TrainedModel, content: Float32Array): Float32Array | undefined {
  const map = model.contentMap;
  if (!map || content.length !== map.inputDim) return undefined;
  const out = new Float32Array(model.dimension);
  for (let r = 0; r < model.dimension; r++) {
    let s = map.bias[r];
    const base = r * map.inputDim;
    for (let c = 0; c < map.inputDim; c++) s += map.weights[base + c] * content[c];
    out[r] = s;
  }
  return out;
}

/** A copy of row `row` (the index copies too, but callers may keep and change it). */
const rowOf = (m: Float32Array, row: number, width: number) => m.slice(row * width, (row + 1) * width);

function byScore(ids: string[], scores: Float32Array): string[] {
  return ids
    .map((id, i) => ({ id, s: scores[i] }))
    .sort((a, b) => b.s - a.s)
    .map((x) => x.id);
}
