import { z } from 'zod';

/**
 * An integer query parameter (`?limit=20`). `z.coerce.number()` alone turns an empty or blank value
 * into 0 (`Number('') === 0`), so `?offset=` would pass as 0; here it is refused like any non-number.
 * Without `max`, the largest safe integer: the bound zod enforces, now stated in the document.
 */
export const queryInt = ({
  min,
  max = Number.MAX_SAFE_INTEGER,
  fallback,
}: {
  min: number;
  max?: number;
  fallback: number;
}) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v),
      // an explicit maximum even when the caller sets none: zod's int() refuses unsafe integers anyway,
      // and only an explicit bound reaches the OpenAPI document (schemathesis sent ?offset=1.6e16, a 400)
      z.coerce.number().int().min(min).max(max),
    )
    .default(fallback);
