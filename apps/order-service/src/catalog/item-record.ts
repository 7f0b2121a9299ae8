import { type ItemDoc } from './item.model';

/** An item as the repository returns it: a plain object, without the outbox and inbox bookkeeping. */
export type ItemRecord = Omit<ItemDoc, 'outbox' | 'outbox_parked' | 'processed_events'>;

/** What an owner (or an admin) may change; stock is absolute here, orders move it with reserve/release. */
export type ItemChanges = Partial<
  Pick<ItemDoc, 'title' | 'description' | 'category' | 'tags' | 'price_cents' | 'currency' | 'stock'>
> & { image_url?: string | null };

export interface ItemQuery {
  owner_id?: string;
  category?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** Minor units (cents) inside, decimal numbers at the API and in events (seed 001). */
export const toCents = (amount: number): number => Math.round(amount * 100);
export const fromCents = (cents: number): number => cents / 100;
