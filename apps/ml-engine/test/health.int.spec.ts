import { startPrivateServer } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics, createPgPool } from '@platform/service-kit';
import request from 'supertest';
import { buildApp } from '../src/app';
import { loadMlEngineConfig } from '../src/config';

describe('ml-engine health with its PostgreSQL stopped', () => {
  it('reports the database healthy, then unhealthy with 503', async () => {
    const pg = await startPrivateServer('postgres');
    const config = loadMlEngineConfig({ ...process.env, DATABASE_URL: pg.url('postgres') });
    const logger = createLogger('ml-engine', 'silent');
    const pool = createPgPool(config.DATABASE_URL);
    const broker = new Broker({ clientId: 'ml-engine-test', brokers: config.KAFKA_BROKERS, logger });
    const { app } = buildApp({
      config,
      pool,
      broker,
      logger,
      metrics: createMetrics('ml-engine', { defaults: false }),
    });
    try {
      const ok = await request(app).get('/health');
      expect(ok.status).toBe(200);
      expect(ok.body.checks).toEqual({ database: 'healthy', kafka: 'healthy' });

      await pg.stop();
      const down = await request(app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unhealthy' } });
    } finally {
      await broker.disconnect();
      await pool.end();
      await pg.dispose();
    }
  });
});
