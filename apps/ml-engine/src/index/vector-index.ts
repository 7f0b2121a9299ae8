import { Index, MetricKind, ScalarKind } from 'usearch';
import { type Neighbour, type VectorIndex } from '../model-space';

export interface IndexOptions {
  metric: 'cos' | 'ip';
  dimension: number;
  /** HNSW graph degree (M). */
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
  /** Up to this many vectors a search is an exact scan (fast at that size, and never wrong). */
  exactBelow: number;
}

/** The HNSW options of config.ts for one metric and dimension. */
export const indexOptions = (
  c: {
    HNSW_CONNECTIVITY: number;
    HNSW_EXPANSION_ADD: number;
    HNSW_EXPANSION_SEARCH: number;
    EXACT_SEARCH_BELOW: number;
  },
  metric: 'cos' | 'ip',
  dimension: number,
): IndexOptions => ({
  metric,
  dimension,
  connectivity: c.HNSW_CONNECTIVITY,
  expansionAdd: c.HNSW_EXPANSION_ADD,
  expansionSearch: c.HNSW_EXPANSION_SEARCH,
  exactBelow: c.EXACT_SEARCH_BELOW,
});

/** An item's key in the graph, its vector and that vector's length (the scan's cosine needs it). */
interface Entry {
  key: bigint;
  vector: Float32Array;
  norm: number;
}

/**
 * A `VectorIndex` on usearch's HNSW graph. usearch keys are bigints and it cannot hand a vector back, so
 * the index keeps the id ↔ key map and a copy of each vector itself. Every upsert takes a fresh key (the
 * old one is removed): a graph node is never rewritten in place.
 */
export class UsearchIndex implements VectorIndex {
  readonly metric: 'cos' | 'ip';
  readonly dimension: number;
  private graph: Index;
  /** The item's current key and vector. */
  private readonly items = new Map<string, Entry>();
  private readonly idOfKey = new Map<bigint, string>();
  private nextKey = 1n;

  constructor(readonly options: IndexOptions) {
    this.metric = options.metric;
    this.dimension = options.dimension;
    this.graph = this.newGraph();
  }

  get size(): number {
    return this.items.size;
  }

  /** Item ids with their vectors (snapshots, rebuilding another space). */
  entries(): IterableIterator<[string, Entry]> {
    return this.items.entries();
  }

  upsert(itemId: string, vector: Float32Array): void {
    if (vector.length !== this.dimension)
      throw new Error(`vector of ${vector.length} values for an index of dimension ${this.dimension}`);
    this.remove(itemId);
    const key = this.nextKey++;
    const copy = Float32Array.from(vector); // never a view into someone's buffer (usearch misreads those)
    this.graph.add(key, copy);
    this.items.set(itemId, { key, vector: copy, norm: Math.sqrt(dot(copy, copy)) || 1 });
    this.idOfKey.set(key, itemId);
  }

  remove(itemId: string): void {
    const had = this.items.get(itemId);
    if (!had) return;
    this.graph.remove(had.key);
    this.items.delete(itemId);
    this.idOfKey.delete(had.key);
  }

  has(itemId: string): boolean {
    return this.items.has(itemId);
  }

  vectorOf(itemId: string): Float32Array | undefined {
    const v = this.items.get(itemId)?.vector;
    return v ? Float32Array.from(v) : undefined;
  }

  search(query: Float32Array, k: number, accept?: (itemId: string) => boolean): Neighbour[] {
    if (k <= 0 || this.items.size === 0) return [];
    if (this.items.size <= this.options.exactBelow) return this.scan(query, k, accept);
    const q = Float32Array.from(query);
    // widen until k candidates pass the filter; past the whole index, the scan is exact and complete
    for (let wanted = Math.min(this.items.size, accept ? k * 4 : k); ; wanted *= 4) {
      if (wanted >= this.items.size) return this.scan(q, k, accept);
      const found = this.graph.search(q, wanted, 1);
      const out: Neighbour[] = [];
      for (let i = 0; i < found.keys.length && out.length < k; i++) {
        const itemId = this.idOfKey.get(found.keys[i]);
        if (itemId !== undefined && (!accept || accept(itemId)))
          out.push({ itemId, distance: found.distances[i] });
      }
      if (out.length >= k) return out;
    }
  }

  /** The exact answer: every vector's distance, the k smallest that pass. */
  scan(query: Float32Array, k: number, accept?: (itemId: string) => boolean): Neighbour[] {
    const qNorm = this.metric === 'cos' ? Math.sqrt(dot(query, query)) || 1 : 1;
    const best: Neighbour[] = [];
    for (const [itemId, { vector, norm }] of this.items) {
      if (accept && !accept(itemId)) continue;
      const d = dot(query, vector);
      const distance = this.metric === 'cos' ? 1 - d / (qNorm * norm) : 1 - d;
      if (best.length < k) insertSorted(best, { itemId, distance });
      else if (distance < best[k - 1].distance) {
        best.pop();
        insertSorted(best, { itemId, distance });
      }
    }
    return best;
  }

  /** The graph's file bytes and the key map, for a snapshot (see snapshots.ts). */
  exportGraph(save: (graph: Index) => void): { keys: [string, bigint][]; nextKey: bigint } {
    save(this.graph);
    return { keys: [...this.items].map(([id, { key }]) => [id, key]), nextKey: this.nextKey };
  }

  /** Takes a loaded graph with its keys and vectors (the snapshot's own). */
  adoptGraph(
    graph: Index,
    entries: { itemId: string; key: bigint; vector: Float32Array }[],
    nextKey: bigint,
  ) {
    this.graph = graph;
    this.items.clear();
    this.idOfKey.clear();
    for (const e of entries) {
      this.items.set(e.itemId, {
        key: e.key,
        vector: e.vector,
        norm: Math.sqrt(dot(e.vector, e.vector)) || 1,
      });
      this.idOfKey.set(e.key, e.itemId);
    }
    this.nextKey = nextKey;
  }

  newGraph(): Index {
    const o = this.options;
    return new Index({
      dimensions: o.dimension,
      metric: o.metric === 'cos' ? MetricKind.Cos : MetricKind.IP,
      quantization: ScalarKind.F32,
      connectivity: o.connectivity,
      expansion_add: o.expansionAdd,
      expansion_search: o.expansionSearch,
      multi: false,
    });
  }
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function insertSorted(list: Neighbour[], n: Neighbour): void {
  let i = list.length;
  while (i > 0 && list[i - 1].distance > n.distance) i--;
  list.splice(i, 0, n);
}
