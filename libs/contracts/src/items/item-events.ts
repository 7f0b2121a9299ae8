import { z } from 'zod';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';
import { CategorySchema, ItemIdSchema, TagsSchema } from './items.schemas';

/** What ml-engine embeds and data-pipeline stores; money as decimal numbers, like the API. */
const ItemFields = {
  title: z.string(),
  description: z.string(),
  category: CategorySchema,
  tags: TagsSchema,
  price: MoneySchema,
  currency: CurrencySchema,
};

export const ItemCreatedDataSchema = z.object({
  item_id: ItemIdSchema,
  owner_id: z.string(),
  ...ItemFields,
  stock: z.number().int().min(0),
  created_at: z.iso.datetime(),
});

/** The item's fields after the change (all of them: a consumer replaces its copy). */
export const ItemUpdatedDataSchema = z.object({
  item_id: ItemIdSchema,
  owner_id: z.string(),
  ...ItemFields,
  image_url: z.string().optional(),
  changed: z.array(z.string()),
  updated_at: z.iso.datetime(),
});

export const ItemPriceChangedDataSchema = z.object({
  item_id: ItemIdSchema,
  old_price: MoneySchema,
  new_price: MoneySchema,
  currency: CurrencySchema,
});

export const ItemDeletedDataSchema = z.object({
  item_id: ItemIdSchema,
  owner_id: z.string(),
  deleted_at: z.iso.datetime(),
});

/** `reason`: `order` (reserved), `order_released`, `manual` (an owner's update), or a caller's own word. */
export const StockChangedDataSchema = z.object({
  item_id: ItemIdSchema,
  /**
   * The stock after the change, when it was set outright (an owner's update). A reservation or a
   * release moves it by `delta` with one conditional increment, which cannot know the result in the
   * same write: a consumer keeping a stock applies the deltas in order (the key is the item id).
   */
  stock: z.number().int().min(0).optional(),
  delta: z.number().int(),
  reason: z.string().min(1).max(64),
});
