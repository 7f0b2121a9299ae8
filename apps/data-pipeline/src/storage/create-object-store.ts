import { type Config } from '../config';
import { LocalObjectStore } from './local-object-store';
import { type ObjectStore } from './object-store';

/** The local folder by default; the S3 driver when `S3_BUCKET` is set (seed 002 §10). */
export function createObjectStore(config: Config): ObjectStore {
  // S3 driver: storage/s3-object-store.ts (to come in this issue)
  return new LocalObjectStore(config.OBJECT_STORE_DIR);
}
