import type { Interactions } from './types';

/** Compressed rows: the columns and values of row r are at [ptr[r], ptr[r+1]), columns ascending. */
export interface Csr {
  rows: number;
  ptr: Int32Array;
  col: Int32Array;
  val: Float32Array;
}

/** Rows by user (`byUser`) or by item (`byItem`); pairs with a weight ≤ 0 carry no preference and are left out. */
export function toCsr(data: Interactions, by: 'user' | 'item'): Csr {
  const rowIdx = by === 'user' ? data.userIdx : data.itemIdx;
  const colIdx = by === 'user' ? data.itemIdx : data.userIdx;
  const rows = by === 'user' ? data.users.length : data.items.length;
  const ptr = new Int32Array(rows + 1);
  for (let n = 0; n < rowIdx.length; n++) if (data.weight[n] > 0) ptr[rowIdx[n] + 1]++;
  for (let r = 0; r < rows; r++) ptr[r + 1] += ptr[r];
  const fill = ptr.slice(0, rows);
  const col = new Int32Array(ptr[rows]);
  const val = new Float32Array(ptr[rows]);
  for (let n = 0; n < rowIdx.length; n++) {
    if (data.weight[n] <= 0) continue;
    const at = fill[rowIdx[n]]++;
    col[at] = colIdx[n];
    val[at] = data.weight[n];
  }
  for (let r = 0; r < rows; r++) sortRow(col, val, ptr[r], ptr[r + 1]);
  return { rows, ptr, col, val };
}

function sortRow(col: Int32Array, val: Float32Array, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    const c = col[a];
    const v = val[a];
    let b = a - 1;
    for (; b >= from && col[b] > c; b--) {
      col[b + 1] = col[b];
      val[b + 1] = val[b];
    }
    col[b + 1] = c;
    val[b + 1] = v;
  }
}

/** Whether row r holds column c (binary search). */
export function hasEntry(m: Csr, r: number, c: number): boolean {
  let lo = m.ptr[r];
  let hi = m.ptr[r + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = m.col[mid];
    if (x === c) return true;
    if (x < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Summed weight per item (the popularity fallback and baseline). */
export function itemPopularity(data: Interactions): Float32Array {
  const pop = new Float32Array(data.items.length);
  for (let n = 0; n < data.itemIdx.length; n++) pop[data.itemIdx[n]] += data.weight[n];
  return pop;
}
