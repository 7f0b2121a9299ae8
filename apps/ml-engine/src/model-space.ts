import { type ItemFeatures, type ModelType } from '@platform/contracts';

/**
 * The contracts between ml-engine's components. items/ embeds items and keeps indexes; training/ turns
 * Parquet into a TrainedModel; models/ registers, stores and loads versions; recommendations/ serves
 * from the tenant's active ModelSpace.
 */

/**
 * A neighbour found in an index: `distance` is the index's own (cosine: 1 − cos; inner product: 1 − dot),
 * smaller is nearer.
 */
export interface Neighbour {
  itemId: string;
  distance: number;
}

/**
 * An approximate nearest-neighbour index of one tenant in one vector space (usearch HNSW). The content
 * space uses cosine; trained spaces use the inner product (a user's score of an item is their dot
 * product). Small indexes are searched exactly (a scan beats the graph and is never wrong).
 */
export interface VectorIndex {
  readonly metric: 'cos' | 'ip';
  readonly dimension: number;
  readonly size: number;
  /** Adds or replaces the item's vector (visible to the next search). */
  upsert(itemId: string, vector: Float32Array): void;
  remove(itemId: string): void;
  has(itemId: string): boolean;
  /** The stored vector of an item (a copy), if any. */
  vectorOf(itemId: string): Float32Array | undefined;
  /** The `k` nearest items to `query`; `accept` filters candidates (the search widens until k pass or all are seen). */
  search(query: Float32Array, k: number, accept?: (itemId: string) => boolean): Neighbour[];
}

/** One item as ml-engine knows it (items/ keeps them in PostgreSQL). */
export interface ItemInfo {
  itemId: string;
  category: string | null;
  tags: string[];
  createdAt: string;
}

/**
 * What a training job produces, and what a model version's artifacts hold. Row `i` of `userFactors`
 * belongs to `userIds[i]` and row `j` of `itemFactors` to `itemIds[j]` (row-major, `dimension` wide).
 * A user's score of an item is the dot product of their rows.
 */
export interface TrainedModel {
  modelType: ModelType;
  dimension: number;
  userIds: string[];
  itemIds: string[];
  userFactors: Float32Array;
  itemFactors: Float32Array;
  /**
   * Cold start: maps an item's content vector (the content encoder's output, `inputDim` wide) into the
   * item space, `itemVector = weights (dimension × inputDim, row-major) · content + bias`.
   */
  contentMap?: { inputDim: number; weights: Float32Array; bias: Float32Array };
  /** Interaction weight per item of the training data, for the popularity fallback. */
  popularity: { itemIds: string[]; scores: Float32Array };
  /**
   * The newest interaction time the training data held (ISO), the space's `trainedAt`; absent, models/
   * takes the time of registration.
   */
  trainedAt?: string;
  /**
   * The items each user interacted with in the training data (summed weight > 0, as the model saw them):
   * CSR over `userIds`, row `i` at `items[indptr[i] .. indptr[i + 1])`, item indexes into `itemIds`,
   * ascending. Recommendations leave them out. Absent in artifacts older than it.
   */
  seen?: { indptr: Int32Array; items: Int32Array };
}

/**
 * A tenant's space to serve from: the active model version, or the content encoder (`v0.0.0`) before any
 * model is trained. models/ builds it; recommendations/ reads it.
 */
export interface ModelSpace {
  version: string;
  modelType: ModelType | 'content';
  dimension: number;
  /** Items in this space (trained items' factors, new items through `contentMap`, or content vectors). */
  index: VectorIndex;
  /** The trained vector of a known user. */
  userVector(userId: string): Float32Array | undefined;
  /** Item ids by popularity, most popular first. */
  popular: string[];
  /**
   * When the model's training data was read (ISO): recommendations fold a known user's interactions
   * since then into their vector. Absent (the content space): the model vector alone.
   */
  trainedAt?: string;
  /**
   * An item's vector in this space: its trained factor when the model knows it, else its content vector
   * through the model's content map (cold start); undefined when neither applies. Absent in the content space.
   */
  itemVector?(itemId: string, content: Float32Array | undefined): Float32Array | undefined;
  /**
   * Whether the model's training data holds an interaction of the user with the item (a predicate, not a
   * set: no allocation per request). Absent in the content space.
   */
  hasSeen?(userId: string, itemId: string): boolean;
}

/** A change of a tenant's catalog, as items/ applied it. */
export type ItemChange =
  { kind: 'upsert'; info: ItemInfo; content: Float32Array } | { kind: 'delete'; itemId: string };

/** The tenant's items and their content vectors (items/). */
export interface ItemCatalog {
  /** The content encoder's vector of features, in the tenant's `embedding_dimension`. */
  encode(tenantId: string, features: ItemFeatures): Promise<Float32Array>;
  /** A live item's content vector; undefined when unknown or deleted. */
  contentVector(tenantId: string, itemId: string): Promise<Float32Array | undefined>;
  /** Live items' infos, by id (unknown and deleted ids are left out). */
  infos(tenantId: string, itemIds: string[]): Promise<Map<string, ItemInfo>>;
  /** Every live item of the tenant with its content vector (to build a space's index). */
  all(tenantId: string): AsyncIterable<{ info: ItemInfo; content: Float32Array }>;
  /** The content space (`v0.0.0`): the tenant's items by content, popularity by interactions seen. */
  contentSpace(tenantId: string): Promise<ModelSpace>;
  /** Called after each applied change (models/ keeps the active space's index current). */
  onChange(listener: (tenantId: string, change: ItemChange) => Promise<void>): void;
}

/** The tenants' model versions as spaces to serve from (models/). */
export interface ModelSpaces {
  /** The active version's space, or the content space before any model is active. */
  active(tenantId: string): Promise<ModelSpace>;
  /** A given version's space; undefined if the tenant has no such version. */
  version(tenantId: string, version: string): Promise<ModelSpace | undefined>;
  /** Called when a tenant's active version changes (recommendations drop their cache). */
  onActivated(listener: (tenantId: string, version: string) => Promise<void>): void;
}
