import { z } from 'zod';

/**
 * An integer query parameter (`?limit=20`). `z.coerce.number()` alone turns an empty or blank value
 * into 0 (`Number('') === 0`), so `?offset=` would pass as 0; here it is refused like any non-number.
 */
export const queryInt = ({ min, max, fallback }: { min: number; max?: number; fallback: number }) => {
  const int = z.coerce.number().int().min(min);
  return z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v),
      max === undefined ? int : int.max(max),
    )
    .default(fallback);
};
