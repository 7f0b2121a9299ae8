import { DuckDBInstance } from '@duckdb/node-api';
import { type Hyperparameters, type ModelType, type ValidationMetrics } from '@platform/contracts';
import { type TrainedModel } from '../model-space';
import {
  defaultsFor,
  evaluate,
  splitHoldout,
  trainerFor,
  type Interactions,
  type ItemContent,
} from './algorithms';
import { toCsr } from './algorithms/sparse';

/** What the runner hands the worker thread (typed arrays transferred, not copied). */
export interface TrainRequest {
  /** Local Parquet files of the days in range (downloaded from the catalog's list). */
  files: string[];
  /** Unix seconds, both included; undefined: every row. */
  from?: number;
  to?: number;
  modelType: ModelType;
  hyper: Hyperparameters;
  validationShare: number;
  /** Content vectors of the tenant's live items (`itemIds.length × dim`). */
  content?: { itemIds: string[]; dim: number; vectors: Float32Array };
}

export type TrainEvent =
  { kind: 'progress'; progress: number } | { kind: 'epoch'; epoch: number; loss: number };

export interface TrainResult {
  model: TrainedModel;
  metrics: ValidationMetrics;
  pairs: number;
}

export const NO_DATA = 'no training data in the requested range';

const quote = (file: string) => `'${file.replace(/'/g, "''")}'`;

/**
 * Implicit feedback from data-pipeline's Parquet: rows deduplicated by interaction_id (a producer retry
 * can store one twice before compaction), cut to the range, labels summed per (user, item); pairs whose
 * labels sum to nothing (dislikes) are left out. Ordered by ids, so indexes (and a seeded run) repeat.
 */
export async function readInteractions(files: string[], from?: number, to?: number): Promise<Interactions> {
  const empty = { users: [], items: [], userIdx: new Int32Array(0), itemIdx: new Int32Array(0) };
  if (files.length === 0) return { ...empty, weight: new Float32Array(0) };
  const where = from !== undefined && to !== undefined ? `WHERE "timestamp" BETWEEN ${from} AND ${to}` : '';
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  try {
    const con = await instance.connect();
    const reader = await con.runAndReadAll(`
      SELECT user_id, item_id, sum(label)::DOUBLE AS w FROM (
        SELECT any_value(user_id) AS user_id, any_value(item_id) AS item_id, any_value(label) AS label
        FROM read_parquet([${files.map(quote).join(', ')}]) ${where} GROUP BY interaction_id)
      GROUP BY user_id, item_id HAVING sum(label) > 0 ORDER BY user_id, item_id`);
    const [userCol, itemCol, weightCol] = reader.getColumnsJS() as [string[], string[], number[]];
    con.closeSync();
    const n = userCol?.length ?? 0;
    const users: string[] = [];
    const items: string[] = [];
    const itemOf = new Map<string, number>();
    const userIdx = new Int32Array(n);
    const itemIdx = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      if (users[users.length - 1] !== userCol[r]) users.push(userCol[r]);
      userIdx[r] = users.length - 1;
      let j = itemOf.get(itemCol[r]);
      if (j === undefined) itemOf.set(itemCol[r], (j = items.push(itemCol[r]) - 1));
      itemIdx[r] = j;
    }
    return { users, items, userIdx, itemIdx, weight: Float32Array.from(weightCol ?? []) };
  } finally {
    instance.closeSync();
  }
}

/** The content rows of the trained items, in their order (zero rows for items without content). */
export function alignContent(items: string[], content: TrainRequest['content']): ItemContent | undefined {
  if (!content || content.itemIds.length === 0) return undefined;
  const { dim } = content;
  const rowOf = new Map(content.itemIds.map((id, i) => [id, i]));
  const vectors = new Float32Array(items.length * dim);
  let known = 0;
  items.forEach((id, j) => {
    const row = rowOf.get(id);
    if (row === undefined) return;
    vectors.set(content.vectors.subarray(row * dim, (row + 1) * dim), j * dim);
    known++;
  });
  return known > 0 ? { dim, vectors } : undefined;
}

/**
 * A training job's work, run in a worker thread: read, hold out a validation slice per user, fit and
 * evaluate on the rest, then fit again on all data with the same hyperparameters (the registered model
 * serves from every interaction; its metrics are those of the held-out run). Epochs reported are the
 * final fit's.
 */
export async function runTraining(req: TrainRequest, emit: (e: TrainEvent) => void): Promise<TrainResult> {
  const all = await readInteractions(req.files, req.from, req.to);
  if (all.weight.length === 0) throw new Error(NO_DATA);
  emit({ kind: 'progress', progress: 0.1 });
  const content = alignContent(all.items, req.content);
  const defaults = defaultsFor(req.modelType);
  const epochs = req.hyper.epochs ?? defaults.epochs;
  const seed = req.hyper.seed ?? defaults.seed;
  const trainer = trainerFor(req.modelType);
  const finite = (loss: number) => {
    if (!Number.isFinite(loss)) throw new Error(`training diverged (loss ${loss}); lower the learning rate`);
  };

  const { train, heldOut } = splitHoldout(all, req.validationShare, seed);
  const checked = trainer({ train, content, hyper: req.hyper }, (r) => {
    finite(r.loss);
    emit({ kind: 'progress', progress: 0.1 + (0.4 * r.epoch) / epochs });
  });
  const metrics = evaluate(checked, train, heldOut);
  emit({ kind: 'progress', progress: 0.5 });
  const model = trainer({ train: all, content, hyper: req.hyper }, (r) => {
    finite(r.loss);
    emit({ kind: 'epoch', epoch: r.epoch, loss: r.loss });
    emit({ kind: 'progress', progress: 0.5 + (0.45 * r.epoch) / epochs });
  });
  // every user's training items (rows of `all.users`, the model's `userIds`), left out when serving
  const { ptr, col } = toCsr(all, 'user');
  model.seen = { indptr: ptr, items: col };
  return { model, metrics, pairs: all.weight.length };
}

/** The buffers of a model's typed arrays, once each (a transfer list must not repeat one). */
export function buffersOf(model: TrainedModel): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [model.userFactors, model.itemFactors, model.popularity.scores];
  if (model.contentMap) arrays.push(model.contentMap.weights, model.contentMap.bias);
  if (model.seen) arrays.push(model.seen.indptr, model.seen.items);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
