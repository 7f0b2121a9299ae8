import { startPrivateServer, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadMlEngineConfig } from '../src/config';

describe('ml-engine health with its PostgreSQL stopped', () => {
  it('reports the database healthy, then unhealthy with 503', async () => {
    const pg = await startPrivateServer('postgres');
    const config = loadMlEngineConfig({
      ...process.env,
      DATABASE_URL: pg.url('postgres'),
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
      expect(ok.body.checks).toEqual({ database: 'healthy', kafka: 'healthy' });

      await pg.stop();
      const down = await request(app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unhealthy' } });
    } finally {
      await runClosers(closers, logger);
      await pg.dispose();
    }
  });
});
