import { type InteractionType } from '@platform/contracts';

/** A small seeded generator (mulberry32): the same data on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TASTES = ['books', 'games'] as const;
type Taste = (typeof TASTES)[number];
const WORDS = {
  books: ['novel', 'saga', 'poems', 'memoir', 'atlas', 'essays'],
  games: ['quest', 'arena', 'racer', 'puzzle', 'tactics', 'dungeon'],
};

/**
 * A shop with two tastes: 30 books and 30 games, 80 users each liking one of them (ten interactions
 * within their taste, one stray view of the other), timestamps in May 2023. `probes` are two users, one
 * per taste, with the items they have seen.
 */
export function plantedTastes(seed: number) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const items = TASTES.flatMap((taste) =>
    Array.from({ length: 30 }, (_, i) => ({
      item_id: `${taste}-${String(i).padStart(2, '0')}`,
      title: `${pick(WORDS[taste])} ${pick(WORDS[taste])} ${i}`,
      description: `A ${taste === 'books' ? 'book' : 'game'}: ${WORDS[taste].join(' ')}`,
      category: taste,
      tags: [taste, pick(WORDS[taste])],
    })),
  );
  const categoryOf = new Map<string, Taste>(items.map((i) => [i.item_id, i.category]));
  const pool = (taste: Taste) => items.filter((i) => i.category === taste).map((i) => i.item_id);
  const types: InteractionType[] = ['purchase', 'add_to_cart', 'like', 'click', 'view'];

  const interactions: {
    user_id: string;
    item_id: string;
    interaction_type: InteractionType;
    timestamp: string;
  }[] = [];
  const seenBy = new Map<string, Set<string>>();
  for (let u = 0; u < 80; u++) {
    const user = `user-${String(u).padStart(3, '0')}`;
    const taste = TASTES[u % 2];
    const own = pool(taste);
    const seen = new Set<string>();
    while (seen.size < 10) seen.add(pick(own));
    seen.add(pick(pool(TASTES[(u + 1) % 2]))); // one stray view of the other taste
    let n = 0;
    for (const item of seen) {
      const stray = categoryOf.get(item) !== taste;
      const day = 1 + Math.floor(rnd() * 28);
      interactions.push({
        user_id: user,
        item_id: item,
        interaction_type: stray ? 'view' : pick(types),
        timestamp: `2023-05-${String(day).padStart(2, '0')}T${String(n++ % 24).padStart(2, '0')}:00:00Z`,
      });
    }
    seenBy.set(user, seen);
  }
  const probes = ['user-000', 'user-001'].map((user_id, i) => ({
    user_id,
    taste: TASTES[i],
    seen: seenBy.get(user_id)!,
  }));
  const range = { start_date: '2023-05-01T00:00:00Z', end_date: '2023-05-31T23:59:59Z' };
  return { items, interactions, categoryOf, probes, range };
}
