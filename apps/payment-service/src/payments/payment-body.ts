import { parseInput } from '@platform/service-kit';
import { type z } from 'zod';
import { PaymentErrors } from '../errors';

/**
 * A body that carries a `paymentMethod` (a payment, a top-up): when only the payment method is wrong it
 * is PAY_001 naming the field (`paymentMethod.cardNumber` …); anything else is VALIDATION_ERROR.
 */
export function parsePaymentBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  if (issues.some((i) => i.path[0] !== 'paymentMethod')) return parseInput(schema, body);
  throw PaymentErrors.invalidMethod(issues[0].path.join('.'), issues[0].message);
}
