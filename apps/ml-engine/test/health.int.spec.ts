import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPrivateServer, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadMlEngineConfig } from '../src/config';

describe('ml-engine health with its PostgreSQL stopped', () => {
  const storeDir = mkdtempSync(path.join(tmpdir(), 'ml-health-'));
  afterAll(() => rmSync(storeDir, { recursive: true, force: true }));

  it('reports the database healthy, then unhealthy with 503', async () => {
    const pg = await startPrivateServer('postgres');
    const redisBase = (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d+$/, '');
    const config = loadMlEngineConfig({
      ...process.env,
      DATABASE_URL: pg.url('postgres'),
      REDIS_URL: `${redisBase}/4`,
      OBJECT_STORE_DIR: storeDir,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    });
    const logger = createLogger('ml-engine', 'silent');
    const { app, closers } = await compose({
      config,
      logger,
      metrics: createMetrics('ml-engine', { defaults: false }),
    });
    try {
      const ok = await request(app).get('/health');
      expect(ok.status).toBe(200);
      expect(ok.body.checks).toMatchObject({
        database: 'healthy',
        storage: 'healthy',
        cache: 'healthy',
        kafka: 'healthy',
      });

      await pg.stop();
      const down = await request(app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        status: 'unhealthy',
        checks: { database: 'unhealthy', storage: 'healthy' },
      });
    } finally {
      await runClosers(closers, logger);
      await pg.dispose();
    }
  });
});
