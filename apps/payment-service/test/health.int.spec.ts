import { startPrivateServer } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import { createLogger, createMetrics, createRedis } from '@platform/service-kit';
import request from 'supertest';
import { buildApp } from '../src/app';
import { createOrderServiceClient } from '../src/clients/order-service.client';
import { loadPaymentServiceConfig } from '../src/config';

describe('payment-service health with its Redis stopped', () => {
  it('reports the database healthy, then unhealthy with 503; order-service unreachable only degrades it', async () => {
    const store = await startPrivateServer('redis');
    // nothing listens on port 1: order-service is down for this test
    const config = loadPaymentServiceConfig({
      ...process.env,
      REDIS_URL: store.url(),
      ORDER_SERVICE_URL: 'http://127.0.0.1:1',
    });
    const logger = createLogger('payment-service', 'silent');
    const metrics = createMetrics('payment-service', { defaults: false });
    const redis = createRedis(config.REDIS_URL);
    await redis.connect();
    const broker = new Broker({ clientId: 'payment-service-test', brokers: config.KAFKA_BROKERS, logger });
    const breakers = new BreakerRegistry(metrics);
    const orderService = createOrderServiceClient(config, breakers);
    const { app } = buildApp({ config, redis, broker, breakers, orderService, logger, metrics });
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
      breakers.shutdown();
      await broker.disconnect();
      redis.disconnect();
      await store.dispose();
    }
  });
});
