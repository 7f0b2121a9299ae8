import { z } from 'zod';
import { IngestTagsSchema, PublicIngestItemsRequestSchema } from './data/ingestion.schemas';
import { ListItemsQuerySchema, TagsSchema } from './items/items.schemas';
import { RetrainPolicySchema } from './ml/ml.schemas';
import { CreatePromoCodeRequestSchema } from './orders/promo-codes.schemas';
import { UpdateUserRequestSchema } from './users/users.schemas';
import { CreateProducerRequestSchema } from './eventflow/eventflow.schemas';
import { RefundRequestSchema, WalletTopUpRequestSchema } from './payments/payments.schemas';

/**
 * Rules that schemathesis found refused but undocumented (schema-valid data answered 400): each is now
 * a bound the JSON schema states, beside the check that enforces it.
 */
const input = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

describe('rules the OpenAPI documents state', () => {
  it('a blank tag (empty once trimmed) is refused, and the schema says a tag holds a non-space', () => {
    for (const tags of [IngestTagsSchema, TagsSchema]) {
      expect(tags.safeParse(['  ']).success).toBe(false);
      expect(tags.parse([' sci-fi '])).toEqual(['sci-fi']);
      expect(input(tags)).toMatchObject({ items: { pattern: '\\S' } });
    }
  });

  it('a blank search (empty once trimmed) is refused, and the schema says q holds a non-space', () => {
    expect(ListItemsQuerySchema.safeParse({ q: '\n' }).success).toBe(false);
    expect(ListItemsQuerySchema.parse({ q: ' game ' }).q).toBe('game');
    expect(input(ListItemsQuerySchema)).toMatchObject({ properties: { q: { pattern: '\\S' } } });
  });

  it("a public route's tenant_id must be absent, and the schema says so (not: {})", () => {
    expect(PublicIngestItemsRequestSchema.safeParse({ items: [{}], tenant_id: 'x' }).success).toBe(false);
    expect(input(PublicIngestItemsRequestSchema)).toMatchObject({ properties: { tenant_id: { not: {} } } });
  });

  it('a promo code takes off at least 0.01, and the schema says so', () => {
    expect(CreatePromoCodeRequestSchema.safeParse({ code: 'ZERO', amountOff: 0 }).success).toBe(false);
    expect(CreatePromoCodeRequestSchema.safeParse({ code: 'ONE', amountOff: 1 }).success).toBe(true);
    expect(input(CreatePromoCodeRequestSchema)).toMatchObject({
      properties: { amountOff: { minimum: 0.01 } },
    });
  });

  it('an amount to pay, refund or top up is at least 0.01: 5e-324 passed as positive with two decimals', () => {
    for (const schema of [RefundRequestSchema, WalletTopUpRequestSchema]) {
      expect(
        schema.safeParse({ amount: 5e-324, currency: 'USD', paymentMethod: { type: 'wallet' } }).success,
      ).toBe(false);
      expect(input(schema)).toMatchObject({ properties: { amount: { minimum: 0.01 } } });
    }
  });

  it("a retrain policy's min_new_rows states the bound of its column (a PostgreSQL integer)", () => {
    expect(RetrainPolicySchema.safeParse({ enabled: false, min_new_rows: 2 ** 31 }).success).toBe(false);
    expect(input(RetrainPolicySchema)).toMatchObject({
      properties: { min_new_rows: { maximum: 2 ** 31 - 1 } },
    });
  });

  it("a user's names and profile refuse a NUL character (PostgreSQL's text cannot store one), documented", () => {
    for (const body of [{ first_name: 'a\u0000b' }, { profile: { bio: '\u0000' } }])
      expect(UpdateUserRequestSchema.safeParse(body).success).toBe(false);
    expect(UpdateUserRequestSchema.safeParse({ first_name: 'Ada', profile: { city: 'Oslo' } }).success).toBe(
      true,
    );
    expect(input(UpdateUserRequestSchema)).toMatchObject({
      properties: { first_name: { anyOf: [{ pattern: expect.any(String) }, expect.anything()] } },
    });
  });

  it("an EventFlow producer's name and description refuse a NUL character, documented", () => {
    for (const body of [{ name: 'a\u0000b' }, { name: 'ok', description: '\u0000' }])
      expect(CreateProducerRequestSchema.safeParse(body).success).toBe(false);
    expect(CreateProducerRequestSchema.safeParse({ name: 'shop-web', description: 'clicks' }).success).toBe(
      true,
    );
    expect(input(CreateProducerRequestSchema)).toMatchObject({
      properties: { name: { pattern: expect.any(String) }, description: { pattern: expect.any(String) } },
    });
  });
});
