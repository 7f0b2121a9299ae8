import type { ItemResponse } from '@platform/contracts';

/** The items of a ranked list of ids, in that order; an id the shop no longer has is left out. */
export async function itemsById(
  ids: string[],
  get: (id: string) => Promise<ItemResponse>,
): Promise<ItemResponse[]> {
  const found = await Promise.allSettled(ids.map((id) => get(id)));
  return found.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}
