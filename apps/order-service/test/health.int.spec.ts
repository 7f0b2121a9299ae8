import { HealthResponseSchema } from '@platform/contracts';
import { startPrivateServer, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadOrderServiceConfig } from '../src/config';

describe('order-service health with its MongoDB (FerretDB) stopped', () => {
  it('reports the database healthy, then unhealthy with 503', async () => {
    const ferret = await startPrivateServer('ferretdb');
    const config = loadOrderServiceConfig({
      ...process.env,
      MONGO_URL: `${ferret.url()}/order_service`,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    });
    const logger = createLogger('order-service', 'silent');
    const { app, closers } = await compose({
      config,
      logger,
      metrics: createMetrics('order-service', { defaults: false }),
    });
    try {
      const ok = await request(app).get('/health');
      expect(ok.status).toBe(200);
      // no user-service runs here: a non-critical dependency, degraded but still 200
      expect(HealthResponseSchema.parse(ok.body).checks).toEqual({
        database: 'healthy',
        kafka: 'healthy',
        cache: 'healthy',
        outbox: 'healthy',
        dependencies: 'degraded',
      });

      await ferret.stop();
      const down = await request(app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unhealthy' } });
    } finally {
      await runClosers(closers, logger);
      await ferret.dispose();
    }
  });
});
