import { z } from 'zod';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';
import { PromoCodeSchema } from './orders.schemas';

/** `POST /api/promo-codes` (admin; seed 003's promoCode): a percentage or a fixed amount off. */
export const CreatePromoCodeRequestSchema = z
  .object({
    code: PromoCodeSchema,
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOff: MoneySchema.min(0.01, 'at least 0.01').optional(), // a bound the document states (a refine was not)
    currency: CurrencySchema.optional(),
    expiresAt: z.iso.datetime().optional(),
    maxUses: z.number().int().positive().max(1_000_000).optional(),
  })
  .strict()
  .refine((b) => (b.percentOff === undefined) !== (b.amountOff === undefined), {
    message: 'exactly one of percentOff and amountOff',
    path: ['percentOff'],
  });
export type CreatePromoCodeRequest = z.infer<typeof CreatePromoCodeRequestSchema>;

export const PromoCodeResponseSchema = z.object({
  code: z.string(),
  percentOff: z.number().int().optional(),
  amountOff: MoneySchema.optional(),
  currency: CurrencySchema.optional(),
  expiresAt: z.iso.datetime().optional(),
  maxUses: z.number().int().optional(),
  uses: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type PromoCodeResponse = z.infer<typeof PromoCodeResponseSchema>;
