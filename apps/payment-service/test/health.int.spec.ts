import { startPrivateServer, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadPaymentServiceConfig } from '../src/config';

describe('payment-service health with its Redis stopped', () => {
  it('reports the database healthy, then unhealthy with 503; order-service unreachable only degrades it', async () => {
    const store = await startPrivateServer('redis');
    // nothing listens on port 1: order-service is down for this test
    const config = loadPaymentServiceConfig({
      ...process.env,
      REDIS_URL: store.url(),
      ORDER_SERVICE_URL: 'http://127.0.0.1:1',
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    });
    const logger = createLogger('payment-service', 'silent');
    const metrics = createMetrics('payment-service', { defaults: false });
    const { app, redis, closers } = await compose({ config, logger, metrics });
    try {
      const degraded = await request(app).get('/health');
      expect(degraded.status).toBe(200);
      expect(degraded.body).toMatchObject({
        status: 'degraded',
        checks: { database: 'healthy', kafka: 'healthy', dependencies: 'degraded' },
      });

      await store.stop();
      const down = await request(app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unhealthy' } });
    } finally {
      await runClosers(closers, logger);
      redis.disconnect(); // quit fails with Redis stopped: stop reconnecting all the same
      await store.dispose();
    }
  });
});
