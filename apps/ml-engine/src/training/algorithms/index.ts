import type { ModelType } from '@platform/contracts';
import { trainAls } from './als';
import { trainLightGcn } from './lightgcn';
import { trainTwoTower } from './two-tower';
import type { ResolvedHyper, Trainer, TrainInput } from './types';

export type {
  EpochReport,
  HeldOut,
  Interactions,
  ItemContent,
  ResolvedHyper,
  Trainer,
  TrainInput,
} from './types';
export { evaluate, rankMetrics, splitHoldout, topK } from './evaluate';
export { applyContentMap, fitContentMap } from './content-map';
export { itemPopularity } from './sparse';

/** Each model type's defaults, tuned on bench/recs-quality's synthetic data (bench:recs-quality). */
const DEFAULTS: Record<ModelType, ResolvedHyper> = {
  matrix_factorization: {
    embedding_dim: 64,
    learning_rate: 0.05,
    epochs: 15,
    regularization: 30,
    alpha: 5,
    negatives: 1,
    layers: 3,
    seed: 42,
  },
  two_tower: {
    embedding_dim: 32,
    learning_rate: 0.02,
    epochs: 30,
    regularization: 0.005,
    alpha: 10,
    negatives: 2,
    layers: 3,
    seed: 42,
  },
  gnn: {
    embedding_dim: 32,
    learning_rate: 0.05,
    epochs: 40,
    regularization: 0.01,
    alpha: 10,
    negatives: 1,
    layers: 3,
    seed: 42,
  },
};

export function defaultsFor(type: ModelType): ResolvedHyper {
  return { ...DEFAULTS[type] };
}

/** The trainer of a model type; what `hyper` leaves out takes the type's default. */
export function trainerFor(type: ModelType): Trainer {
  return (input: TrainInput, onEpoch) => {
    const given = Object.fromEntries(Object.entries(input.hyper).filter(([, v]) => v !== undefined));
    const hyper: ResolvedHyper = { ...DEFAULTS[type], ...given };
    const make =
      type === 'matrix_factorization' ? trainAls : type === 'two_tower' ? trainTwoTower : trainLightGcn;
    return make(hyper)(input, onEpoch);
  };
}
