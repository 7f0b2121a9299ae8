import type { ItemResponse } from '@platform/contracts';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { money } from '../../ui/format';
import { useShop } from '../shop';
import { itemsById } from './itemsById';

interface Ranked {
  recommendations: { item_id: string; score: number }[];
}

/** "Recommended for you": ml-engine's ranking for the buyer, quietly absent when there is none or it fails. */
export function Recommended() {
  const { shopApi, shopPath, buyer } = useShop();
  const [items, setItems] = useState<ItemResponse[]>([]);
  useEffect(() => {
    if (!buyer) return;
    let live = true;
    shopApi<Ranked>('/api/v1/recommendations', { body: { user_id: buyer.id, count: 8 } })
      .then((r) =>
        itemsById(
          r.recommendations.map((x) => x.item_id),
          (id) => shopApi<ItemResponse>(`/api/items/${encodeURIComponent(id)}`),
        ),
      )
      .then((found) => live && setItems(found))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [shopApi, buyer]);
  if (!items.length) return null;
  return <ItemRow heading="Recommended for you" items={items} pathOf={(id) => shopPath(`items/${id}`)} />;
}

/** A row of small item links (recommendations, more like this). */
export function ItemRow({
  heading,
  items,
  pathOf,
}: {
  heading: string;
  items: ItemResponse[];
  pathOf(id: string): string;
}) {
  return (
    <section aria-label={heading} className="card">
      <h2>{heading}</h2>
      <ul className="grid" style={{ listStyle: 'none', padding: 0 }}>
        {items.map((i) => (
          <li key={i.item_id}>
            <Link to={pathOf(encodeURIComponent(i.item_id))}>{i.title}</Link>
            <br />
            {money(i.price, i.currency)}
          </li>
        ))}
      </ul>
    </section>
  );
}
