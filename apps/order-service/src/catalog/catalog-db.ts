import { Errors } from '@platform/service-kit';

// the driver's errors that mean "the database cannot be reached now", not "this request is wrong"
const UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'PoolClearedOnNetworkError',
]);

export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number })?.code === 11000;

/** Runs a driver call: an unreachable database is 503 SERVICE_UNAVAILABLE (retriable), never a 500. */
export async function catalogDb<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (UNAVAILABLE.has((err as Error)?.name))
      throw Errors.unavailable('The catalog database is unavailable', err);
    throw err;
  }
}
