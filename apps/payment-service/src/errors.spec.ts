import { COMMON_ERRORS, PAYMENT_ERRORS, PAYMENT_SERVICE_ERRORS } from '@platform/contracts';
import { type AppError } from '@platform/service-kit';
import { PaymentErrors } from './errors';

/** Every code payment-service answers with is documented (docs/errors.md is rendered from these maps). */
describe('payment-service error codes', () => {
  const documented = new Set([
    ...Object.keys(COMMON_ERRORS),
    ...Object.keys(PAYMENT_ERRORS),
    ...Object.keys(PAYMENT_SERVICE_ERRORS),
  ]);
  const builders = Object.entries(PaymentErrors) as [string, (...args: unknown[]) => AppError][];

  it.each(builders)('%s answers a documented code', (_name, build) => {
    const err = build('x', 'unknown', 1);
    expect(documented).toContain(err.code);
    expect(err.status).toBeGreaterThanOrEqual(400);
  });
});
