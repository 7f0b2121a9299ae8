import { Random } from './random';
import type { Interactions, ItemContent } from './types';

/**
 * A tiny data set whose answer is known (for the unit tests): users of group g interact only with items
 * of group g; group 0 has three times the users, so popularity recommends group 0's items to everyone.
 * Content is the item's group as a one-hot plus noise; the last `coldItems` items of each group have
 * content but no interactions.
 */
export function plantedData(
  seed = 1,
  coldItems = 0,
): { data: Interactions; content: ItemContent; groupOfUser: number[]; groupOfItem: number[] } {
  const rnd = new Random(seed);
  const perGroup = 20;
  const usersPerGroup = [45, 15];
  const groupOfItem = Array.from({ length: 2 * perGroup }, (_, j) => (j < perGroup ? 0 : 1));
  const groupOfUser = usersPerGroup.flatMap((n, g) => Array<number>(n).fill(g));
  const userIdx: number[] = [];
  const itemIdx: number[] = [];
  const weight: number[] = [];
  groupOfUser.forEach((g, u) => {
    const own = Int32Array.from({ length: perGroup - coldItems }, (_, k) => g * perGroup + k);
    rnd.shuffle(own);
    for (const j of own.slice(0, 10)) {
      userIdx.push(u);
      itemIdx.push(j);
      weight.push([0.3, 0.5, 1][rnd.int(3)]);
    }
  });
  const dim = 4;
  const vectors = new Float32Array(groupOfItem.length * dim);
  groupOfItem.forEach((g, j) => {
    vectors[j * dim + g] = 1;
    for (let d = 0; d < dim; d++) vectors[j * dim + d] += rnd.normal() * 0.1;
  });
  return {
    data: {
      users: groupOfUser.map((_, u) => `u${u}`),
      items: groupOfItem.map((_, j) => `i${j}`),
      userIdx: Int32Array.from(userIdx),
      itemIdx: Int32Array.from(itemIdx),
      weight: Float32Array.from(weight),
    },
    content: { dim, vectors },
    groupOfUser,
    groupOfItem,
  };
}
