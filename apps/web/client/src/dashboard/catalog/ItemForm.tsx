import type { ItemResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/useLoad';
import { draftOf, EMPTY_ITEM, itemBody, type ItemDraft } from './catalog';

/** Create an item, or edit one; `onDone` gets the saved item (undefined when cancelled). */
export function ItemForm({ item, onDone }: { item?: ItemResponse; onDone(saved?: ItemResponse): void }) {
  const { api } = useSession();
  const [d, setD] = useState<ItemDraft>(item ? draftOf(item) : EMPTY_ITEM);
  const set = (k: keyof ItemDraft) => (e: { target: { value: string } }) =>
    setD({ ...d, [k]: e.target.value });
  const save = useAction(async () => {
    const saved = item
      ? await api<ItemResponse>(`/api/items/${encodeURIComponent(item.item_id)}`, {
          method: 'PUT',
          body: itemBody(d),
        })
      : await api<ItemResponse>('/api/items', { method: 'POST', body: itemBody(d) });
    onDone(saved);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>{item ? `Edit “${item.title}”` : 'New item'}</h2>
      <div className="grid">
        <Field label="Title" required maxLength={200} value={d.title} onChange={set('title')} />
        <Field
          label="Category (lowercase, digits, dashes)"
          required
          pattern="[a-z0-9\-]{1,64}"
          value={d.category}
          onChange={set('category')}
        />
        <Field
          label="Price"
          type="number"
          required
          min={0}
          step="0.01"
          value={d.price}
          onChange={set('price')}
        />
        <Field
          label="Currency"
          required
          pattern="[A-Za-z]{3}"
          value={d.currency}
          onChange={set('currency')}
        />
        <Field label="Stock" type="number" min={0} step={1} value={d.stock} onChange={set('stock')} />
        <Field label="Tags (comma separated)" value={d.tags} onChange={set('tags')} />
      </div>
      <div className="field">
        <label htmlFor="item-description">Description</label>
        <textarea
          id="item-description"
          rows={3}
          maxLength={5000}
          value={d.description}
          onChange={set('description')}
        />
      </div>
      <ErrorMessage error={save.error} />
      <button type="submit" disabled={save.busy}>
        {save.busy ? 'Saving…' : item ? 'Save item' : 'Create item'}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => onDone()}>
        Cancel
      </button>
    </form>
  );
}
