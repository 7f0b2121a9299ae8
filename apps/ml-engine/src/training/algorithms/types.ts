import type { Hyperparameters, ModelType } from '@platform/contracts';
import type { TrainedModel } from '../../model-space';

/** Implicit feedback: one row per (user, item) pair, weights summed; `users[i]` is the id of user index i. */
export interface Interactions {
  users: string[];
  items: string[];
  userIdx: Int32Array;
  itemIdx: Int32Array;
  weight: Float32Array;
}

/** Content vectors, `items × dim` row-major in the order of `Interactions.items`; a zero row is unknown. */
export interface ItemContent {
  dim: number;
  vectors: Float32Array;
}

export interface TrainInput {
  train: Interactions;
  content?: ItemContent;
  hyper: Hyperparameters;
}

export interface EpochReport {
  epoch: number;
  loss: number;
}

export type Trainer = (input: TrainInput, onEpoch: (r: EpochReport) => void) => TrainedModel;

/** Every hyperparameter resolved (the model type's default where the request gave none). */
export type ResolvedHyper = Required<Omit<Hyperparameters, 'seed'>> & { seed: number };

/** Held-out items per user index (item indexes of the same `Interactions.items`). */
export type HeldOut = Map<number, Set<number>>;

export type { ModelType, TrainedModel };
