export { assertObjectKey, type ObjectStore, type StoredObject } from './object-store';
export { LocalObjectStore } from './local-object-store';
export { S3ObjectStore } from './s3-object-store';
export { createObjectStore } from './create-object-store';
export { objectStoreConfigSchema, type ObjectStoreConfig } from './object-store-config';
