import { indexOptions, UsearchIndex } from '../index/vector-index';
import { loadMlEngineConfig } from '../config';
import { type TrainedModel } from '../model-space';
import { mapContent, TrainedSpace } from './trained-space';

const model: TrainedModel = {
  modelType: 'matrix_factorization',
  dimension: 2,
  userIds: ['u1'],
  itemIds: ['a', 'b'],
  userFactors: Float32Array.from([1, 0]),
  itemFactors: Float32Array.from([1, 0, 0, 1]),
  popularity: { itemIds: ['a', 'b'], scores: Float32Array.from([1, 3]) },
  contentMap: {
    inputDim: 3,
    weights: Float32Array.from([1, 0, 0, 0, 2, 0]),
    bias: Float32Array.from([0.5, 0]),
  },
};

const space = () =>
  new TrainedSpace('v1.0.0', model, new UsearchIndex(indexOptions(loadMlEngineConfig({}), 'ip', 2)));
const info = (itemId: string) => ({
  itemId,
  category: null,
  tags: [],
  createdAt: '2026-11-20T10:00:00.000Z',
});

describe('a trained space', () => {
  it('maps content through weights and bias, and refuses content of another width', () => {
    expect([...mapContent(model, Float32Array.from([2, 3, 4]))!]).toEqual([2.5, 6]);
    expect(mapContent(model, Float32Array.from([1, 2]))).toBeUndefined();
  });

  it('keeps a known item at its trained factor, puts a new one through the map, removes a deleted one', () => {
    const s = space();
    s.apply({ kind: 'upsert', info: info('a'), content: Float32Array.from([9, 9, 9]) });
    s.apply({ kind: 'upsert', info: info('n'), content: Float32Array.from([1, 1, 0]) });
    expect([...s.index.vectorOf('a')!]).toEqual([1, 0]);
    expect([...s.index.vectorOf('n')!]).toEqual([1.5, 2]);
    expect(s.index.search(s.userVector('u1')!, 1).map((n) => n.itemId)).toEqual(['n']);
    s.apply({ kind: 'delete', itemId: 'n' });
    expect(s.index.has('n')).toBe(false);
    expect(s.index.search(s.userVector('u1')!, 1).map((n) => n.itemId)).toEqual(['a']);
  });

  it("knows each user's training items, and nothing for an unknown user or item, or without `seen`", () => {
    // u1 saw c and a (rows ascending by item index), u2 nothing, u3 b
    const seen = { indptr: Int32Array.from([0, 2, 2, 3]), items: Int32Array.from([0, 2, 1]) };
    const m = { ...model, userIds: ['u1', 'u2', 'u3'], itemIds: ['a', 'b', 'c'], seen };
    const s = new TrainedSpace('v1.0.0', m, space().index);
    expect(['a', 'b', 'c', 'x'].map((i) => s.hasSeen('u1', i))).toEqual([true, false, true, false]);
    expect(['a', 'b', 'c'].map((i) => s.hasSeen('u2', i))).toEqual([false, false, false]);
    expect(['a', 'b', 'c'].map((i) => s.hasSeen('u3', i))).toEqual([false, true, false]);
    expect(s.hasSeen('nobody', 'a')).toBe(false);
    expect(space().hasSeen('u1', 'a')).toBe(false);
  });

  it('answers user vectors from the factors and popularity by score', () => {
    const s = space();
    expect([...s.userVector('u1')!]).toEqual([1, 0]);
    expect(s.userVector('nobody')).toBeUndefined();
    expect(s.popular).toEqual(['b', 'a']);
  });
});
