import { z } from 'zod';
import { OrderListQuerySchema } from './orders/orders.schemas';
import { PageQuerySchema } from './users/users.schemas';
import { queryInt } from './query';

describe('queryInt', () => {
  const offset = queryInt({ min: 0, max: 10, fallback: 0 });

  it('reads a number and falls back when the parameter is absent', () => {
    expect(offset.parse('7')).toBe(7);
    expect(offset.parse(undefined)).toBe(0);
  });

  it.each(['', ' ', 'abc', '1.5', '-1', '11'])('refuses %j instead of reading it as a number', (value) => {
    expect(offset.safeParse(value).success).toBe(false);
  });

  it('is what the page queries use: `?offset=` is a 400, not the first page', () => {
    expect(PageQuerySchema.safeParse({ offset: '' }).success).toBe(false);
    expect(OrderListQuerySchema.safeParse({ limit: '' }).success).toBe(false);
    expect(PageQuerySchema.parse({})).toEqual({ limit: 20, offset: 0 });
  });

  it('states its maximum even when none is given: the largest safe integer, which OpenAPI then documents', () => {
    const unbounded = queryInt({ min: 0, fallback: 0 });
    expect(unbounded.parse(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(unbounded.safeParse('16864910146525574').success).toBe(false);
    expect(z.toJSONSchema(unbounded, { io: 'input' })).toMatchObject({ maximum: Number.MAX_SAFE_INTEGER });
  });
});
