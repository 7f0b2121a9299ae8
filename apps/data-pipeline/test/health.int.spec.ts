import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPrivateServer } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics, createPgPool } from '@platform/service-kit';
import request from 'supertest';
import { buildApp } from '../src/app';
import { loadDataPipelineConfig } from '../src/config';
import { LocalObjectStore } from '../src/storage/local-object-store';

describe('data-pipeline health', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'object-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(databaseUrl: string, storeDir: string) {
    const config = loadDataPipelineConfig({
      ...process.env,
      DATABASE_URL: databaseUrl,
      OBJECT_STORE_DIR: storeDir,
    });
    const logger = createLogger('data-pipeline', 'silent');
    const pool = createPgPool(config.DATABASE_URL);
    const store = new LocalObjectStore(config.OBJECT_STORE_DIR);
    const broker = new Broker({ clientId: 'data-pipeline-test', brokers: config.KAFKA_BROKERS, logger });
    const { app } = buildApp({
      config,
      pool,
      store,
      broker,
      logger,
      metrics: createMetrics('data-pipeline', { defaults: false }),
    });
    return { app, store, close: async () => (await broker.disconnect(), await pool.end()) };
  }

  it('reports database and storage healthy, then unhealthy with 503 when PostgreSQL stops', async () => {
    const pg = await startPrivateServer('postgres');
    const svc = await start(pg.url('postgres'), dir);
    await svc.store.init();
    try {
      const ok = await request(svc.app).get('/health');
      expect(ok.status).toBe(200);
      expect(ok.body.checks).toEqual({ database: 'healthy', storage: 'healthy', kafka: 'healthy' });

      await pg.stop();
      const down = await request(svc.app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        status: 'unhealthy',
        checks: { database: 'unhealthy', storage: 'healthy' },
      });
    } finally {
      await svc.close();
      await pg.dispose();
    }
  });

  it('is unhealthy when the object store cannot be written', async () => {
    const svc = await start(`${process.env.POSTGRES_URL}/data_pipeline`, path.join(dir, 'never-created'));
    try {
      const res = await request(svc.app).get('/health');
      expect(res.status).toBe(503);
      expect(res.body.checks).toMatchObject({ database: 'healthy', storage: 'unhealthy' });
    } finally {
      await svc.close();
    }
  });
});
