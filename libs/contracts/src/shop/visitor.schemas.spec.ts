import { MoneySchema } from './visitor.schemas';

const accepts = (v: number) => MoneySchema.safeParse(v).success;

describe('MoneySchema', () => {
  it('accepts amounts with at most two decimals within its range', () => {
    for (const v of [0, 0.01, 0.07, 4.35, 19.99, 59.97, 1_000_000_000, 999_999_999.99, 5997 / 100])
      expect(accepts(v)).toBe(true);
  });

  it('refuses tiny amounts written with an exponent: they are not "about 0.00"', () => {
    for (const v of [4.35e-110, 1e-7, 1e-9, 5e-324]) expect(accepts(v)).toBe(false);
  });

  it('refuses more than two decimals, however close to a cent', () => {
    for (const v of [0.005, 4.355, 0.010000001, 0.1 + 0.2]) expect(accepts(v)).toBe(false);
  });

  it('refuses amounts outside its range and numbers that are not finite', () => {
    for (const v of [-0.01, 1_000_000_000.01, Infinity, NaN]) expect(accepts(v)).toBe(false);
  });
});
