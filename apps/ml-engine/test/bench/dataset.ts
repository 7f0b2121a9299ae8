import { readFileSync } from 'node:fs';
import type { Interactions, ItemContent } from '../../src/training/algorithms';

/** Reads a data set written by bench/recs-quality/synthetic.ts `writeDataset`. */
export function readDataset(file: string): { data: Interactions; content: ItemContent } {
  const buf = readFileSync(file);
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const [users, items, rows, dim] = new Int32Array(bytes.buffer, 0, 4);
  let at = 16;
  const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, n: number): T => {
    const out = make(bytes.buffer, at, n);
    at += n * 4;
    return out;
  };
  const int = (b: ArrayBuffer, o: number, n: number) => new Int32Array(b, o, n);
  const float = (b: ArrayBuffer, o: number, n: number) => new Float32Array(b, o, n);
  const userIdx = take(int, rows);
  const itemIdx = take(int, rows);
  const weight = take(float, rows);
  const vectors = take(float, items * dim);
  return {
    data: {
      users: Array.from({ length: users }, (_, u) => `u${u}`),
      items: Array.from({ length: items }, (_, j) => `i${j}`),
      userIdx,
      itemIdx,
      weight,
    },
    content: { dim, vectors },
  };
}
