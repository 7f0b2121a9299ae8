import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDataPipelineConfig } from '../src/config';
import { createObjectStore, LocalObjectStore, type ObjectStore } from '@platform/storage';

/** One driver under the contract suite: the store, one that cannot work, and where its keys live. */
export interface DriverUnderTest {
  store: ObjectStore;
  /** The same driver pointed at storage that is not there (a missing bucket, a folder under a file). */
  broken: ObjectStore;
  expectedUrl(key: string): string;
  dispose(): Promise<void>;
}

/** The local driver on a temporary folder of its own. */
export async function localDriver(): Promise<DriverUnderTest> {
  const root = mkdtempSync(path.join(tmpdir(), 'dp-objects-'));
  const blocker = path.join(root, '..', `${path.basename(root)}.file`);
  writeFileSync(blocker, 'a file where the store wants a folder');
  const store = new LocalObjectStore(root);
  await store.init();
  return {
    store,
    broken: new LocalObjectStore(path.join(blocker, 'store')),
    expectedUrl: (key) => pathToFileURL(path.join(root, key)).href,
    dispose: async () => {
      rmSync(root, { recursive: true, force: true });
      rmSync(blocker, { force: true });
    },
  };
}

/**
 * The S3 driver on devstack's versitygw, made by createObjectStore from the service's config as in
 * production (S3_BUCKET set). The bucket is shared with other test files: each test keeps to a prefix.
 */
export async function s3Driver(): Promise<DriverUnderTest> {
  const bucket = process.env.S3_TEST_BUCKET;
  if (!bucket) throw new Error('S3_TEST_BUCKET is not set: the devstack global setup exports it');
  const config = (b: string) => loadDataPipelineConfig({ ...process.env, S3_BUCKET: b });
  const store = createObjectStore(config(bucket));
  await store.init();
  const broken = createObjectStore(config(`${bucket}-missing-${process.pid}`));
  return {
    store,
    broken,
    expectedUrl: (key) => `s3://${bucket}/${key}`,
    dispose: async () => {
      await store.close();
      await broken.close();
    },
  };
}
