import type { ItemResponse } from '@platform/contracts';
import { useEffect, useState } from 'react';
import { itemsById } from '../catalog/itemsById';
import { ItemRow } from '../catalog/Recommended';
import { useShop } from '../shop';

interface Similar {
  item_id: string;
  model_version?: string;
  items: { item_id: string; score: number }[];
}

/** "More like this": the item's embedding neighbours from ml-engine; hidden on error or when there are none. */
export function MoreLikeThis({ itemId }: { itemId: string }) {
  const { shopApi, shopPath } = useShop();
  const [items, setItems] = useState<ItemResponse[]>([]);
  useEffect(() => {
    let live = true;
    setItems([]);
    shopApi<Similar>(`/api/v1/items/${encodeURIComponent(itemId)}/similar`, { query: { count: 6 } })
      .then((r) =>
        itemsById(
          r.items.map((x) => x.item_id).filter((id) => id !== itemId),
          (id) => shopApi<ItemResponse>(`/api/items/${encodeURIComponent(id)}`),
        ),
      )
      .then((found) => live && setItems(found))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [shopApi, itemId]);
  if (!items.length) return null;
  return <ItemRow heading="More like this" items={items} pathOf={(id) => shopPath(`items/${id}`)} />;
}
