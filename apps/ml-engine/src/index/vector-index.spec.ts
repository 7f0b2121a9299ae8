import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalObjectStore } from '@platform/storage';
import { loadIndex, saveIndex } from './snapshots';
import { UsearchIndex, type IndexOptions } from './vector-index';

/** A seeded generator: the same vectors on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
const random = rng(42);
const vec = (d: number) => Float32Array.from({ length: d }, random);
const opts = (o: Partial<IndexOptions> = {}): IndexOptions => ({
  metric: 'cos',
  dimension: 16,
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 64,
  exactBelow: 0,
  ...o,
});

describe('UsearchIndex', () => {
  it('finds an added vector, replaces it on upsert and forgets it on remove', () => {
    const index = new UsearchIndex(opts());
    for (let i = 0; i < 300; i++) index.upsert(`i${i}`, vec(16));
    const target = vec(16);
    index.upsert('i7', target);
    expect(index.size).toBe(300);
    expect(index.search(target, 1)[0]).toEqual({ itemId: 'i7', distance: expect.closeTo(0, 5) });
    expect(Array.from(index.vectorOf('i7')!)).toEqual(Array.from(target));
    index.remove('i7');
    expect(index.has('i7')).toBe(false);
    expect(index.search(target, 5).map((n) => n.itemId)).not.toContain('i7');
    expect(index.size).toBe(299);
  });

  it('agrees with the exact scan on the nearest neighbours', () => {
    const graph = new UsearchIndex(opts({ dimension: 32 }));
    for (let i = 0; i < 1000; i++) graph.upsert(`i${i}`, vec(32));
    let hits = 0;
    for (let q = 0; q < 20; q++) {
      const query = vec(32);
      const exact = new Set(graph.scan(query, 10).map((n) => n.itemId));
      hits += graph.search(query, 10).filter((n) => exact.has(n.itemId)).length;
    }
    expect(hits / 200).toBeGreaterThanOrEqual(0.9);
  });

  it('widens a filtered search until k pass', () => {
    const index = new UsearchIndex(opts());
    for (let i = 0; i < 500; i++) index.upsert(`i${i}`, vec(16));
    const rare = (id: string) => Number(id.slice(1)) % 97 === 0; // 6 items of 500
    const found = index.search(vec(16), 5, rare);
    expect(found).toHaveLength(5);
    expect(found.every((n) => rare(n.itemId))).toBe(true);
    expect(index.search(vec(16), 10, rare)).toHaveLength(6); // all there are
  });

  it('scans small indexes exactly, with inner-product distances', () => {
    const index = new UsearchIndex(opts({ metric: 'ip', dimension: 2, exactBelow: 10 }));
    index.upsert('a', Float32Array.from([1, 0]));
    index.upsert('b', Float32Array.from([0.5, 0.5]));
    index.upsert('c', Float32Array.from([-1, 0]));
    expect(index.search(Float32Array.from([2, 0]), 2)).toEqual([
      { itemId: 'a', distance: -1 },
      { itemId: 'b', distance: 0 },
    ]);
  });

  it('refuses a vector of another dimension', () => {
    expect(() => new UsearchIndex(opts()).upsert('x', vec(8))).toThrow(/dimension 16/);
  });
});

describe('index snapshots', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ml-index-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves and loads the graph, the ids and the vectors', async () => {
    const store = new LocalObjectStore(dir);
    await store.init();
    const index = new UsearchIndex(opts({ exactBelow: 0 }));
    for (let i = 0; i < 400; i++) index.upsert(`i${i}`, vec(16));
    index.remove('i3');
    const query = vec(16);
    await saveIndex(store, 'ml-engine/tenants/t/indexes/v1.0.0', index, { taken_at: 'then' });
    const loaded = await loadIndex(store, 'ml-engine/tenants/t/indexes/v1.0.0');
    expect(loaded?.meta).toEqual({ taken_at: 'then' });
    const again = loaded!.index;
    expect(again.size).toBe(399);
    expect(again.has('i3')).toBe(false);
    expect(Array.from(again.vectorOf('i9')!)).toEqual(Array.from(index.vectorOf('i9')!));
    expect(again.search(query, 10)).toEqual(index.search(query, 10));
    again.upsert('new', query); // keys go on after the loaded ones
    expect(again.search(query, 1)[0].itemId).toBe('new');
    expect(await loadIndex(store, 'ml-engine/tenants/t/indexes/none')).toBeUndefined();
  });
});
