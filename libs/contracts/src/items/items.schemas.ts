import { z } from 'zod';
import { queryInt } from '../query';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';

/** Seed 002 §9 Item ID: letters, digits, - and _, at most 128 (the catalog makes uuids). */
export const ItemIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'letters, digits, - or _, at most 128');

/** Seed 002 §9 Category: lowercase letters, digits and hyphens, at most 64 (data-pipeline takes it as is). */
export const CategorySchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and hyphens, at most 64');

/** Seed 002 §9 Tags: at most 20, each at most 32 characters. */
export const TagsSchema = z
  .array(z.string().regex(/\S/, 'must not be blank').trim().min(1).max(32)) // blank: empty once trimmed
  .max(20);

const Title = z.string().trim().min(1).max(200);
const Description = z.string().max(5000);
const Stock = z.number().int().min(0).max(1_000_000_000);

/** `POST /api/items`: the caller becomes the owner. */
export const CreateItemRequestSchema = z
  .object({
    title: Title,
    description: Description.default(''),
    category: CategorySchema,
    tags: TagsSchema.default([]),
    price: MoneySchema,
    currency: CurrencySchema.default('USD'),
    stock: Stock.default(0),
    image_url: z.url().max(2048).optional(),
  })
  .strict();
export type CreateItemRequest = z.infer<typeof CreateItemRequestSchema>;

/** `PUT /api/items/{item_id}`: the fields to change (at least one); `image_url: null` removes the image. */
export const UpdateItemRequestSchema = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    category: CategorySchema.optional(),
    tags: TagsSchema.optional(),
    price: MoneySchema.optional(),
    currency: CurrencySchema.optional(),
    stock: Stock.optional(),
    image_url: z.url().max(2048).nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export type UpdateItemRequest = z.infer<typeof UpdateItemRequestSchema>;

export const ItemParamsSchema = z.object({ item_id: ItemIdSchema });

/** `GET /api/items`: by owner (seed 000 get_items_by_owner), category, and `q` over title/description/tags. */
export const ListItemsQuerySchema = z
  .object({
    owner_id: z.uuid().optional(),
    category: CategorySchema.optional(),
    q: z.string().regex(/\S/, 'must not be blank').trim().min(1).max(100).optional(), // documented: a non-space
    limit: queryInt({ min: 1, max: 100, fallback: 20 }),
    offset: queryInt({ min: 0, max: 10_000, fallback: 0 }),
  })
  .strict();
export type ListItemsQuery = z.infer<typeof ListItemsQuerySchema>;

export const ItemSupplierSchema = z.object({ product_id: z.string(), synced_at: z.iso.datetime() });

/** An item at the API: money as a decimal number of the currency's major unit (seed 001). */
export const ItemResponseSchema = z.object({
  item_id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  price: z.number(),
  currency: z.string(),
  stock: z.number().int(),
  owner_id: z.string(),
  image_url: z.string().optional(),
  supplier: ItemSupplierSchema.optional(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type ItemResponse = z.infer<typeof ItemResponseSchema>;

export const ItemListResponseSchema = z.object({
  items: z.array(ItemResponseSchema),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ItemListResponse = z.infer<typeof ItemListResponseSchema>;
