import { z } from 'zod';
import { ItemIdSchema } from '../items/items.schemas';
import { CurrencySchema, MoneySchema, SessionIdSchema } from '../shop/visitor.schemas';

/** How many units of one item a cart line may hold (the stock caps it further). */
export const CartQuantitySchema = z.number().int().min(1).max(10_000);

/** `POST /api/cart/items`: adds `quantity` units (to the line already there, if any). */
export const AddCartItemRequestSchema = z.strictObject({
  item_id: ItemIdSchema,
  quantity: CartQuantitySchema.default(1),
});
export type AddCartItemRequest = z.infer<typeof AddCartItemRequestSchema>;

/** `PUT /api/cart/items/{item_id}`: the line's new quantity. */
export const UpdateCartItemRequestSchema = z.strictObject({ quantity: CartQuantitySchema });

/** `/api/cart/items/{item_id}`, `/api/wishlist/items/{item_id}`. */
export const CartItemParamsSchema = z.object({ item_id: ItemIdSchema });

/** `POST /api/wishlist/items`. */
export const AddWishlistItemRequestSchema = z.strictObject({ item_id: ItemIdSchema });

/** `POST /api/cart/migrate`: moves the guest visit's cart and wishlist to the signed-in user (seed 003). */
export const MigrateCartRequestSchema = z.strictObject({ session_id: SessionIdSchema });

export const CartLineSchema = z.object({
  item_id: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  unit_price: MoneySchema,
  line_total: MoneySchema,
  currency: CurrencySchema,
  /** Units in stock now: the line's quantity never goes above it when it is set. */
  available_stock: z.number().int(),
});
export type CartLine = z.infer<typeof CartLineSchema>;

/** A cart: its live lines (items deleted since are left out), and their sum. */
export const CartResponseSchema = z.object({
  lines: z.array(CartLineSchema),
  item_count: z.number().int(),
  subtotal: MoneySchema,
  /** The currency of the lines; null for an empty cart. */
  currency: CurrencySchema.nullable(),
  updated_at: z.iso.datetime().nullable(),
});
export type CartResponse = z.infer<typeof CartResponseSchema>;

export const WishlistEntrySchema = z.object({
  item_id: z.string(),
  title: z.string(),
  price: MoneySchema,
  currency: CurrencySchema,
  added_at: z.iso.datetime(),
});

export const WishlistResponseSchema = z.object({
  items: z.array(WishlistEntrySchema),
  updated_at: z.iso.datetime().nullable(),
});
export type WishlistResponse = z.infer<typeof WishlistResponseSchema>;

export const MigrationSkipReasonSchema = z.enum(['item_gone', 'out_of_stock', 'already_in_wishlist']);

/** What a migration did with each guest line (seed 003 migrateSessionCartToUser / ...WishlistToUser). */
export const MigrationReportSchema = z.object({
  /** Lines added to a line the user had: quantities summed, capped by the stock. */
  merged: z.array(z.object({ item_id: z.string(), quantity: z.number().int(), capped: z.boolean() })),
  /** New lines (a wishlist's have no quantity); `capped` when the stock cut the guest's quantity. */
  added: z.array(
    z.object({ item_id: z.string(), quantity: z.number().int().optional(), capped: z.boolean().optional() }),
  ),
  skipped: z.array(z.object({ item_id: z.string(), reason: MigrationSkipReasonSchema })),
});
export type MigrationReport = z.infer<typeof MigrationReportSchema>;

/** `POST /api/cart/migrate`'s answer: the cart's report and the wishlist's (null when there was none). */
export const MigrateCartResponseSchema = z.object({
  session_id: z.string(),
  cart: MigrationReportSchema.nullable(),
  wishlist: MigrationReportSchema.nullable(),
});
export type MigrateCartResponse = z.infer<typeof MigrateCartResponseSchema>;
