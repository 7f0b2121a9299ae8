import { type ModelSpace } from '../model-space';
import { ItemInfos } from './item-infos';
import { type RecentInteractions } from './recent-interactions';

/** How far down the Redis popularity counters a request looks before falling back to the newest items. */
const POPULAR_DEPTH = 500;

/**
 * The tenant's popular items passing `accept`, `count` at most: the trained model's popularity (from its
 * training data) first, then the popularity counted from interactions since (Redis; first for the
 * content space), then the content space's own popularity, then the newest items of the catalog, so the
 * list is never empty while the catalog has an acceptable item.
 *
 * Score: 1 / (1 + rank / count), in (0, 1], falling with the rank (the first `count` ranks score ≥ 0.5).
 */
export async function popularCandidates(
  recent: RecentInteractions,
  space: ModelSpace,
  items: Parameters<typeof ItemInfos.newest>[0],
  tenantId: string,
  count: number,
  accept: (itemId: string) => boolean,
): Promise<{ itemId: string; score: number }[]> {
  const counted = async () => (await recent.popular(tenantId, POPULAR_DEPTH)).map((p) => p.itemId);
  const sources: (() => Promise<string[]> | string[])[] =
    space.modelType === 'content'
      ? [counted, () => space.popular, () => ItemInfos.newest(items)]
      : [() => space.popular, counted, () => ItemInfos.newest(items)];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const itemId of await source()) {
      if (seen.has(itemId)) continue;
      seen.add(itemId);
      if (!accept(itemId)) continue;
      out.push(itemId);
      if (out.length === count) return scored(out, count);
    }
  }
  return scored(out, count);
}

const scored = (ids: string[], count: number) =>
  ids.map((itemId, rank) => ({ itemId, score: 1 / (1 + rank / count) }));
