/**
 * The supplier simulator's catalog: the same products on every run from the same seed (a small PRNG,
 * mulberry32), so tests and demos can name products by id. Prices are decimal numbers, as a supplier's
 * API gives them; categories are lowercase-hyphen words; tags describe genre and platform.
 */
export interface SupplierProduct {
  product_id: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  price: number;
  currency: string;
  stock: number;
}

export const CATEGORIES = [
  'action',
  'adventure',
  'role-playing',
  'strategy',
  'simulation',
  'sports',
  'puzzle',
  'racing',
];
/** Tags `genre:<x>` and `platform:<x>` are what the catalog sync counts as genres and platforms. */
export const GENRES = [
  'open-world',
  'roguelike',
  'shooter',
  'survival',
  'indie',
  'multiplayer',
  'story-rich',
  'co-op',
];
export const PLATFORMS = ['pc', 'playstation', 'xbox', 'switch'];
const ADJECTIVES = [
  'Crimson',
  'Silent',
  'Eternal',
  'Hidden',
  'Broken',
  'Golden',
  'Iron',
  'Last',
  'Frozen',
  'Wild',
];
const NOUNS = [
  'Frontier',
  'Kingdom',
  'Horizon',
  'Legacy',
  'Protocol',
  'Harbor',
  'Citadel',
  'Odyssey',
  'Echo',
  'Drift',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const productId = (n: number): string => `sp-${String(n).padStart(6, '0')}`;

/** `count` products, `sp-000001` … in order; the same seed gives the same catalog. */
export function generateCatalog(count: number, seed = 42): SupplierProduct[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const products: SupplierProduct[] = [];
  for (let n = 1; n <= count; n++) {
    const category = pick(CATEGORIES);
    const genre = pick(GENRES);
    const platform = pick(PLATFORMS);
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)} ${n}`;
    products.push({
      product_id: productId(n),
      name,
      description: `${name}: a ${genre} ${category} game for ${platform}.`,
      category,
      tags: [`genre:${genre}`, `platform:${platform}`],
      // whole cents between 4.99 and 79.99
      price: Math.round((4.99 + rand() * 75) * 100) / 100,
      currency: 'USD',
      stock: Math.floor(rand() * 500),
    });
  }
  return products;
}
