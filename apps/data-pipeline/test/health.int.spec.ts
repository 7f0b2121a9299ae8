import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPrivateServer, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadDataPipelineConfig } from '../src/config';

describe('data-pipeline health', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'object-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(databaseUrl: string, storeDir: string) {
    const config = loadDataPipelineConfig({
      ...process.env,
      DATABASE_URL: databaseUrl,
      OBJECT_STORE_DIR: storeDir,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    });
    const logger = createLogger('data-pipeline', 'silent');
    const svc = await compose({
      config,
      logger,
      metrics: createMetrics('data-pipeline', { defaults: false }),
    });
    return { app: svc.app, close: () => runClosers(svc.closers, logger) };
  }

  it('reports database and storage healthy, then unhealthy with 503 when PostgreSQL stops', async () => {
    const pg = await startPrivateServer('postgres');
    const svc = await start(pg.url('postgres'), dir);
    try {
      const ok = await request(svc.app).get('/health');
      expect(ok.status).toBe(200);
      expect(ok.body.checks).toMatchObject({
        database: 'healthy',
        storage: 'healthy',
        kafka: 'healthy',
        cache: 'healthy',
      });

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
    const storeDir = path.join(dir, 'removed-after-start');
    const svc = await start(`${process.env.POSTGRES_URL}/data_pipeline`, storeDir);
    rmSync(storeDir, { recursive: true });
    try {
      const res = await request(svc.app).get('/health');
      expect(res.status).toBe(503);
      expect(res.body.checks).toMatchObject({ database: 'healthy', storage: 'unhealthy' });
    } finally {
      await svc.close();
    }
  });
});
