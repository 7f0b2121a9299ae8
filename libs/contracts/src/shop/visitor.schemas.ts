import { z } from 'zod';

/**
 * How a shop visitor names itself (docs/architecture.md §9): a guest names the shop (a tenant) with
 * `X-Tenant-Id` and the visit with `X-Session-Id`; a signed-in caller's tenant comes from the token, and
 * an `X-Tenant-Id` it sends must name that same tenant.
 */
export const SessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, '8 to 128 letters, digits, - or _')
  .describe('A guest visit (seed 003 session id), chosen by the client.');

export const VisitorHeadersSchema = z.object({
  'x-tenant-id': z.uuid().optional(),
  'x-session-id': SessionIdSchema.optional(),
});
export type VisitorHeaders = z.infer<typeof VisitorHeadersSchema>;

/**
 * Money at the API (seed 001): a decimal number of the currency's major unit, at most two decimals.
 * Exact, not within a tolerance: the number must be the one a two-decimal text such as `4.35` parses to
 * (a tolerance let `4.35e-110` or `1e-9` through as "about 0.00").
 */
export const MoneySchema = z
  .number()
  .nonnegative()
  .max(1_000_000_000)
  .refine((v) => Math.round(v * 100) / 100 === v, 'at most two decimals');

export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD');
