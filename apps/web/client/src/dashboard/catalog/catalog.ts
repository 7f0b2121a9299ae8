import type { CreateItemRequest, ItemResponse, SyncResult } from '@platform/contracts';

/** The item form's fields, as the inputs hold them (strings). */
export interface ItemDraft {
  title: string;
  description: string;
  category: string;
  tags: string;
  price: string;
  currency: string;
  stock: string;
}

export const EMPTY_ITEM: ItemDraft = {
  title: '',
  description: '',
  category: '',
  tags: '',
  price: '',
  currency: 'USD',
  stock: '0',
};

export function draftOf(item: ItemResponse): ItemDraft {
  return {
    title: item.title,
    description: item.description,
    category: item.category,
    tags: item.tags.join(', '),
    price: String(item.price),
    currency: item.currency,
    stock: String(item.stock),
  };
}

/** The body of `POST/PUT /api/items` from the form: tags split on commas, numbers parsed, blanks left out. */
export function itemBody(d: ItemDraft): CreateItemRequest {
  return {
    title: d.title.trim(),
    description: d.description,
    category: d.category.trim().toLowerCase(),
    tags: d.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    price: Number(d.price),
    currency: d.currency.trim().toUpperCase() || 'USD',
    stock: Math.trunc(Number(d.stock || '0')),
  };
}

/** A sync's answer as a sentence. */
export function syncSummary(r: SyncResult): string {
  const parts = [`${r.added} added`, `${r.updated} updated`, `${r.removed} removed`];
  const made = r.categoriesCreated + r.genresCreated + r.platformsCreated;
  let s = `Sync finished: ${parts.join(', ')}.`;
  if (made) s += ` ${made} new categories, genres or platforms.`;
  if (r.errors.length)
    s += ` ${r.errors.length} product${r.errors.length === 1 ? '' : 's'} could not be synced.`;
  return s;
}
