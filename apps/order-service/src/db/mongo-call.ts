import { Errors } from '@platform/service-kit';

// the driver's errors that mean "the database cannot be reached now", not "this request is wrong"
const UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'PoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClearedError',
]);

export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number })?.code === 11000;

/** Runs a driver call (every repository's):  an unreachable database becomes 503 SERVICE_UNAVAILABLE (retriable), never a 500. */
export async function mongoCall<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (UNAVAILABLE.has((err as Error)?.name)) throw Errors.unavailable('The database is unavailable', err);
    throw err;
  }
}
