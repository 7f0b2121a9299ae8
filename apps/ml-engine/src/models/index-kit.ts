import { type ObjectStore } from '@platform/storage';
import { type Config } from '../config';
import { loadIndex, saveIndex } from '../index/snapshots';
import { indexOptions, UsearchIndex } from '../index/vector-index';
import { type VectorIndex } from '../model-space';

/** How models/ makes, saves and loads a trained space's index (inner product: scores are dot products). */
export interface IndexKit {
  create(dimension: number): VectorIndex;
  save(key: string, index: VectorIndex): Promise<void>;
  /** The snapshot under `key`, or undefined when there is none. */
  load(key: string): Promise<VectorIndex | undefined>;
}

/** items/'s usearch index and its snapshots in ml-engine's store. */
export function usearchIndexKit(config: Config, store: ObjectStore): IndexKit {
  return {
    create: (dimension) => new UsearchIndex(indexOptions(config, 'ip', dimension)),
    save: async (key, index) => {
      if (!(index instanceof UsearchIndex)) throw new Error('only a usearch index has snapshots');
      await saveIndex(store, key, index);
    },
    load: async (key) => (await loadIndex(store, key))?.index,
  };
}
