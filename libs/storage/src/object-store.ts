import { type HealthCheck } from '@platform/service-kit';

export interface StoredObject {
  key: string;
  size: number;
}

/**
 * Object storage behind one interface (seed 002 §3 layout: `tenants/{tenant_id}/…`), with two drivers:
 * a local folder (the default of `npm run up`) and S3 (or an S3-compatible server). Keys use `/`.
 */
export interface ObjectStore {
  readonly kind: 'local' | 's3';
  init(): Promise<void>;
  /** Where a key lives, as catalog.json names it: `file:///…` or `s3://bucket/…`. */
  url(key: string): string;
  /** Writes the whole object at once: a reader sees the old object or the new one, never a part. */
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /** Uploads a local file (a Parquet file DuckDB wrote) as `key`, atomically like put. */
  putFile(key: string, localPath: string): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Downloads the object to a local file (DuckDB reads files); false when there is none. */
  getToFile(key: string, localPath: string): Promise<boolean>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Deletes the objects; missing ones are no error. */
  delete(keys: string[]): Promise<void>;
  /** `storage` in /health. */
  healthCheck(): HealthCheck;
  /** Lets go of connections (the S3 client's sockets); the store is not used afterwards. */
  close(): Promise<void>;
}

/**
 * Keys the two drivers would read differently are refused by both: empty, absolute, or with `.`/`..`
 * segments (a folder path on one, a literal name on the other) — a key names one object everywhere.
 */
export function assertObjectKey(key: string): void {
  const bad =
    key === '' ||
    key.startsWith('/') ||
    key.includes('\0') ||
    key.split('/').some((s) => s === '.' || s === '..');
  if (bad) throw new Error(`invalid object key: ${JSON.stringify(key)}`);
}
