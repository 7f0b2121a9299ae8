import { type TrainedModel } from '../model-space';
import { decodeArtifact, encodeArtifact } from './model-artifacts';

const model = (withMap: boolean, withSeen = true): TrainedModel => ({
  modelType: 'two_tower',
  dimension: 3,
  userIds: ['u1', 'u2'],
  itemIds: ['a', 'b', 'c'],
  userFactors: Float32Array.from([1, 2, 3, 4, 5, 6]),
  itemFactors: Float32Array.from([0.5, -1, 2, 3, 0, 1, -2, 7, 0.25]),
  popularity: { itemIds: ['c', 'a'], scores: Float32Array.from([9, 2]) },
  ...(withMap
    ? {
        contentMap: {
          inputDim: 2,
          weights: Float32Array.from([1, 0, 0, 1, 1, 1]),
          bias: Float32Array.from([0, 0, 1]),
        },
      }
    : {}),
  trainedAt: '2026-11-20T10:00:00.000Z',
  // u1 saw a and c, u2 saw b
  ...(withSeen ? { seen: { indptr: Int32Array.from([0, 2, 3]), items: Int32Array.from([0, 2, 1]) } } : {}),
});

describe('model artifacts', () => {
  it.each([true, false])('give back the model they were made of (content map: %s)', (withMap) => {
    const m = model(withMap);
    // a view at an odd offset, as a store's Buffer may be
    const bytes = encodeArtifact({ model: m, indexedIds: ['a', 'c', 'x'] });
    const shifted = Buffer.concat([Buffer.from([7]), bytes]).subarray(1);
    const back = decodeArtifact(shifted);
    expect(back.indexedIds).toEqual(['a', 'c', 'x']);
    expect(back.model).toEqual(m);
  });

  it('load an artifact written before `seen` existed, without it', () => {
    const old = model(true, false);
    const back = decodeArtifact(encodeArtifact({ model: old, indexedIds: [] }));
    expect(back.model).toEqual(old);
    expect(back.model.seen).toBeUndefined();
  });

  it('keep `seen` as integers, next to the float buffers', () => {
    const back = decodeArtifact(encodeArtifact({ model: model(false), indexedIds: [] })).model;
    expect(back.seen!.items).toBeInstanceOf(Int32Array);
    expect([...back.seen!.indptr]).toEqual([0, 2, 3]);
    expect([...back.seen!.items]).toEqual([0, 2, 1]);
    expect([...back.userFactors]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuse bytes that are not an artifact', () => {
    expect(() => decodeArtifact(Buffer.from('{"modelType":"gnn"}'))).toThrow('not a model artifact');
  });
});
