import { type Logger } from '@platform/service-kit';
import { type ObjectStoreConfig } from './object-store-config';
import { LocalObjectStore } from './local-object-store';
import { type ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';

/** The local folder by default; the S3 driver when `S3_BUCKET` is set (seed 002 §10). */
export function createObjectStore(config: ObjectStoreConfig, logger?: Logger): ObjectStore {
  if (!config.S3_BUCKET) {
    logger?.info('object store: local folder', { root: config.OBJECT_STORE_DIR });
    return new LocalObjectStore(config.OBJECT_STORE_DIR);
  }
  // one key without the other would silently fall back to the SDK's default credentials
  if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY)
    throw new Error('set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (default credentials)');
  logger?.info('object store: S3', {
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT ?? 'AWS',
  });
  return new S3ObjectStore({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    requestTimeoutMs: config.S3_REQUEST_TIMEOUT_MS,
    maxAttempts: config.S3_MAX_ATTEMPTS,
  });
}
