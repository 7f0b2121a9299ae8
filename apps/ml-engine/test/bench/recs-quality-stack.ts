import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrainingCatalogSchema } from '@platform/contracts';
import { freePort, startService, up, type RunningService, type ServiceName } from '@platform/devstack';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';

/**
 * user-service, data-pipeline and ml-engine as their built processes (as e2e's saga stack starts them):
 * one topic prefix, a database each, and ml-engine training on data-pipeline's folder.
 */
export async function startRecsStack() {
  Object.assign(process.env, await up({ quiet: true }));
  const names: ServiceName[] = ['user-service', 'data-pipeline', 'ml-engine'];
  const ports = {} as Record<ServiceName, number>;
  for (const name of names) ports[name] = await freePort();
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
  const disposers: (() => Promise<unknown>)[] = [];
  const db = async (name: string) => {
    const created = await createTestDatabase(name);
    disposers.push(() => created.drop());
    return created.url;
  };
  const folder = (name: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), name));
    disposers.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const dataStoreDir = folder('recs-quality-data-');
  const shared = { KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(), LOG_LEVEL: 'warn' };
  const env: Record<string, Record<string, string>> = {
    'user-service': { DATABASE_URL: await db('bench_recs_users'), BCRYPT_ROUNDS: '10' },
    'data-pipeline': {
      DATABASE_URL: await db('bench_recs_data'),
      OBJECT_STORE_DIR: dataStoreDir,
      USER_SERVICE_URL: url('user-service'),
      WRITER_FLUSH_MS: '200',
    },
    'ml-engine': {
      DATABASE_URL: await db('bench_recs_ml'),
      OBJECT_STORE_DIR: folder('recs-quality-ml-'),
      TRAINING_DATA_DIR: dataStoreDir,
      USER_SERVICE_URL: url('user-service'),
      // the bench measures quality, not the tenant's rate limit
      RATE_LIMIT_PER_MINUTE: '1000000000',
    },
  };
  const instance = `recs-quality-${randomBytes(3).toString('hex')}`;
  const running: RunningService[] = [];
  const stop = async () => {
    await Promise.all(running.map((s) => s.stop()));
    for (const dispose of disposers.reverse()) await dispose().catch(() => undefined);
  };
  try {
    for (const name of names)
      running.push(
        await startService(name, { port: ports[name], instance, env: { ...shared, ...env[name] } }),
      );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop, dataStoreDir };
}

/** Rows of the tenant's interactions and items that data-pipeline's catalog.json lists. */
export async function catalogCounts(storeDir: string, tenantId: string) {
  const raw = await readFile(path.join(storeDir, 'tenants', tenantId, 'catalog.json'), 'utf8').catch(
    () => undefined,
  );
  if (!raw) return { interactions: 0, items: 0 };
  const catalog = TrainingCatalogSchema.parse(JSON.parse(raw));
  return {
    interactions: catalog.partitions.reduce((s, p) => s + p.row_count, 0),
    items: catalog.items?.row_count ?? 0,
  };
}
