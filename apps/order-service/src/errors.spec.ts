import { COMMON_ERRORS, ORDER_ERRORS, ORDER_SERVICE_ERRORS } from '@platform/contracts';
import { type AppError } from '@platform/service-kit';
import { OrderErrors } from './errors';

/** Every code order-service answers with is documented (docs/errors.md is rendered from these maps). */
describe('order-service error codes', () => {
  const documented = new Set([
    ...Object.keys(COMMON_ERRORS),
    ...Object.keys(ORDER_ERRORS),
    ...Object.keys(ORDER_SERVICE_ERRORS),
  ]);
  const builders = Object.entries(OrderErrors) as [string, (...args: unknown[]) => AppError][];

  it.each(builders)('%s answers a documented code', (_name, build) => {
    const err = build('x', 'unknown', 1);
    expect(documented).toContain(err.code);
    expect(err.status).toBeGreaterThanOrEqual(400);
  });
});
