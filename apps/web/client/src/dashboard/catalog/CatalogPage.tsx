import type { ItemListResponse, ItemResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { money } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { ItemForm } from './ItemForm';
import { PromoCodeForm } from './PromoCodeForm';
import { SyncPanel } from './SyncPanel';

const PAGE = 20;

/** Catalog (admin, developer): the shop's items, create, edit, delete; promo codes and supplier sync (admin). */
export function CatalogPage() {
  const { api, user } = useSession();
  const admin = user?.role === 'admin';
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<ItemResponse | 'new'>();
  const [status, setStatus] = useState('');
  const items = useLoad(
    () => api<ItemListResponse>('/api/items', { query: { q: q || undefined, limit: PAGE, offset } }),
    [q, offset],
  );
  const remove = useAction(async (item: ItemResponse) => {
    if (!window.confirm(`Delete "${item.title}" from the shop?`)) return;
    await api(`/api/items/${encodeURIComponent(item.item_id)}`, { method: 'DELETE' });
    setStatus(`"${item.title}" was deleted.`);
    items.reload();
  });
  const find = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setQ(search.trim());
  };
  const list = items.data?.items ?? [];
  return (
    <section>
      <h1>Catalog</h1>
      {admin && <SyncPanel onSynced={items.reload} />}
      {editing ? (
        <ItemForm
          key={editing === 'new' ? 'new' : editing.item_id}
          item={editing === 'new' ? undefined : editing}
          onDone={(saved) => {
            setEditing(undefined);
            if (saved) {
              setStatus(`"${saved.title}" was saved.`);
              items.reload();
            }
          }}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            New item
          </button>
        </p>
      )}
      {admin && <PromoCodeForm />}
      <form onSubmit={find} className="card" role="search">
        <Field
          label="Search items"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <p role="status">{status}</p>
      <ErrorMessage error={items.error ?? remove.error} />
      {items.loading && !items.data && <Loading what="Loading items" />}
      {items.data && list.length === 0 && <p>No items{q ? ` match “${q}”` : ' yet'}.</p>}
      {list.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Category</th>
              <th scope="col">Price</th>
              <th scope="col">Stock</th>
              <th scope="col">Source</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((item) => (
              <tr key={item.item_id}>
                <td>{item.title}</td>
                <td>{item.category}</td>
                <td>{money(item.price, item.currency)}</td>
                <td>{item.stock}</td>
                <td>{item.supplier ? 'Supplier' : 'Own'}</td>
                <td>
                  {(admin || item.owner_id === user?.id) && (
                    <>
                      <button type="button" className="secondary" onClick={() => setEditing(item)}>
                        Edit {item.title}
                      </button>{' '}
                      <button
                        type="button"
                        className="danger"
                        disabled={remove.busy}
                        onClick={() => void remove.run(item)}
                      >
                        Delete {item.title}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button
          type="button"
          className="secondary"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE))}
        >
          Previous
        </button>{' '}
        <button
          type="button"
          className="secondary"
          disabled={list.length < PAGE}
          onClick={() => setOffset(offset + PAGE)}
        >
          Next
        </button>
      </p>
    </section>
  );
}
