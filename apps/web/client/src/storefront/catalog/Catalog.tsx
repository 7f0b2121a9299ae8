import type { ItemListResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';
import { useShop } from '../shop';
import { useAddTo } from '../useAddTo';
import { ItemCard } from './ItemCard';
import { Recommended } from './Recommended';

export const PAGE_SIZE = 12;

/** The shop's items, newest first: search (q), category, paging; recommendations for a signed-in buyer. */
export function Catalog() {
  const { shopApi, buyer } = useShop();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const [search, setSearch] = useState(q);
  const [categories, setCategories] = useState<string[]>([]);
  const add = useAddTo();

  const list = useLoad(async () => {
    const res = await shopApi<ItemListResponse>('/api/items', {
      query: { q, category, limit: PAGE_SIZE, offset: page * PAGE_SIZE },
    });
    setCategories((known) => [...new Set([...known, ...res.items.map((i) => i.category)])].sort());
    return res;
  }, [shopApi, q, category, page]);

  const go = (next: { q?: string; category?: string; page?: number }) => {
    const merged = { q, category, page: 0, ...next };
    const p = new URLSearchParams();
    if (merged.q) p.set('q', merged.q);
    if (merged.category) p.set('category', merged.category);
    if (merged.page > 0) p.set('page', String(merged.page));
    setParams(p);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    go({ q: search.trim(), page: 0 });
  };
  const items = list.data?.items ?? [];

  return (
    <section>
      <h1>Catalog</h1>
      {buyer && <Recommended />}
      <form role="search" onSubmit={onSearch} className="card">
        <Field
          label="Search"
          type="search"
          name="q"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="field">
          <label htmlFor="catalog-category">Category</label>
          <select
            id="catalog-category"
            value={category}
            onChange={(e) => go({ category: e.target.value, page: 0 })}
          >
            <option value="">All categories</option>
            {[...new Set([...categories, ...(category ? [category] : [])])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <div role="status" aria-live="polite">
        {add.notice && <p className="notice">{add.notice}</p>}
      </div>
      <ErrorMessage error={add.error} />
      <ErrorMessage error={list.error} />
      {list.loading && !list.data && <Loading what="Loading the catalog" />}
      {list.data && items.length === 0 && (
        <p>{q || category ? 'No items match your search.' : 'This shop has no items yet.'}</p>
      )}
      <div className="grid">
        {items.map((item) => (
          <ItemCard
            key={item.item_id}
            item={item}
            busy={add.busy}
            onAddToCart={(i) => void add.addToCart(i.item_id, i.title)}
            onAddToWishlist={(i) => void add.addToWishlist(i.item_id, i.title)}
          />
        ))}
      </div>
      <nav aria-label="Pages" style={{ display: 'flex', gap: '1rem', alignItems: 'center' }}>
        <button
          type="button"
          className="secondary"
          disabled={page === 0}
          onClick={() => go({ page: page - 1 })}
        >
          Previous page
        </button>
        <span>Page {page + 1}</span>
        <button
          type="button"
          className="secondary"
          disabled={items.length < PAGE_SIZE}
          onClick={() => go({ page: page + 1 })}
        >
          Next page
        </button>
      </nav>
    </section>
  );
}
