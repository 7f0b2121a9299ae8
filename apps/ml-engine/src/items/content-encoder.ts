import { createHash } from 'node:crypto';
import { type ItemFeatures } from '@platform/contracts';

/**
 * The content encoder: an item's text and labels → a unit vector of `dimension` values, deterministic
 * and needing no download. Tokens (lowercased unigrams and bigrams of title and description, the
 * category and each tag as prefixed tokens) are hashed into 2^20 buckets with a sublinear TF weight
 * times a field weight and a smooth IDF-like weight per token kind (a rare bigram says more than a
 * word); the sparse vector is projected by a random ±1 matrix that is never stored: entry (bucket, j)
 * is a bit of a hash of both. Random projections keep cosines close (Johnson–Lindenstrauss).
 */

const BUCKETS = 1 << 20;
const SEED = 0x9e3779b9;

/** How much a token counts, by where it comes from. */
const WEIGHT = { title: 2, titleBigram: 2.5, text: 1, textBigram: 1.5, category: 3, tag: 2 } as const;

const words = (text: string | undefined): string[] =>
  (text ?? '')
    .toLowerCase()
    .normalize('NFKC')
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/** The weighted tokens of an item (before hashing), exported for tests. */
export function tokensOf(f: ItemFeatures): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (token: string, weight: number) => counts.set(token, (counts.get(token) ?? 0) + weight);
  const text = (t: string | undefined, uni: number, bi: number) => {
    const w = words(t);
    w.forEach((word, i) => {
      add(`w:${word}`, uni);
      if (i > 0) add(`b:${w[i - 1]} ${word}`, bi);
    });
  };
  text(f.title, WEIGHT.title, WEIGHT.titleBigram);
  text(f.description, WEIGHT.text, WEIGHT.textBigram);
  if (f.category) add(`c:${f.category.toLowerCase()}`, WEIGHT.category);
  for (const tag of new Set((f.tags ?? []).map((t) => t.toLowerCase().trim()).filter(Boolean)))
    add(`t:${tag}`, WEIGHT.tag);
  // a title of punctuation only still gets a vector of its own
  if (counts.size === 0) add(`r:${f.title.trim().toLowerCase()}`, 1);
  // sublinear: a word said ten times is not ten times as telling
  for (const [token, w] of counts) counts.set(token, 1 + Math.log(w));
  return counts;
}

const bucketOf = (token: string): number =>
  createHash('md5').update(token).digest().readUInt32LE(0) % BUCKETS;

/** A 32-bit mix of (bucket, column): the projection matrix's entry, computed when needed. */
function mix(bucket: number, column: number): number {
  let h = Math.imul(bucket ^ SEED, 0x85ebca6b) ^ Math.imul(column + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The unit content vector of `features` in `dimension` values. */
export function encodeContent(features: ItemFeatures, dimension: number): Float32Array {
  const sparse = new Map<number, number>();
  for (const [token, w] of tokensOf(features)) {
    const b = bucketOf(token);
    sparse.set(b, (sparse.get(b) ?? 0) + w);
  }
  const out = new Float64Array(dimension);
  for (const [bucket, w] of sparse) for (let j = 0; j < dimension; j++) out[j] += mix(bucket, j) & 1 ? w : -w;
  let norm = 0;
  for (let j = 0; j < dimension; j++) norm += out[j] * out[j];
  norm = Math.sqrt(norm) || 1;
  const v = new Float32Array(dimension);
  for (let j = 0; j < dimension; j++) v[j] = out[j] / norm;
  return v;
}
