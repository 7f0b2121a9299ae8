import { AppError } from '@platform/service-kit';
import { backoffDelay, describeFailure, isRetriable } from './retry-policy';

describe('retry policy of the consumer', () => {
  const opts = { initialMs: 1000, maxMs: 5 * 60_000 };

  it('doubles the delay from initialMs and caps it at maxMs, with at most half of it as jitter', () => {
    const low = (n: number) => backoffDelay(n, opts, () => 0);
    const high = (n: number) => backoffDelay(n, opts, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1000, 2000, 4000]);
    expect(high(20)).toBe(300_000); // minutes, never more
    expect(high(2000)).toBe(300_000); // no overflow however long the outage
  });

  it('retries outages and connection failures; dead-letters business rejections and bugs', () => {
    const appError = (retriable: boolean) =>
      new AppError({ code: 'X', status: 503, message: 'x', retriable });
    expect(isRetriable(appError(true))).toBe(true);
    expect(isRetriable(appError(false))).toBe(false);
    expect(isRetriable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isRetriable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true); // pg connection failure
    expect(isRetriable(Object.assign(new Error('x'), { name: 'MongoNetworkError' }))).toBe(true);
    expect(isRetriable(new Error('Connection is closed.'))).toBe(true); // ioredis
    // ioredis while it reconnects, with enableOfflineQueue false (the fault suite's Redis restart)
    expect(isRetriable(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(
      true,
    );
    // PostgreSQL's own refusals while it restarts or when a transaction lost a race: never poison
    const pgError = (code: string) => Object.assign(new Error('x'), { severity: 'FATAL', code });
    expect(isRetriable(pgError('57P01'))).toBe(true); // terminating connection due to administrator command
    expect(isRetriable(pgError('40001'))).toBe(true); // serialization failure
    expect(isRetriable(pgError('40P01'))).toBe(true); // deadlock victim
    const loading = Object.assign(new Error('LOADING Redis is loading the dataset in memory'), {
      name: 'ReplyError',
    });
    expect(isRetriable(loading)).toBe(true);
    expect(isRetriable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isRetriable(Object.assign(new Error('x'), { code: '23505' }))).toBe(false); // unique violation
  });

  it('describes a failure by code and message, without a stack', () => {
    const err = new AppError({ code: 'MAIL_REJECTED', status: 422, message: 'refused' });
    expect(describeFailure(err)).toBe('MAIL_REJECTED: refused');
    expect(describeFailure(new TypeError('boom'))).toBe(
      'INTERNAL_ERROR: Internal server error (TypeError: boom)',
    );
  });
});
