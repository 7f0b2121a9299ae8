import { HealthResponseSchema } from '@platform/contracts';
import { startPrivateServer } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics } from '@platform/service-kit';
import request from 'supertest';
import { buildApp } from '../src/app';
import { loadOrderServiceConfig } from '../src/config';
import { connectMongo } from '../src/db/mongo';

describe('order-service health with its MongoDB (FerretDB) stopped', () => {
  it('reports the database healthy, then unhealthy with 503', async () => {
    const ferret = await startPrivateServer('ferretdb');
    const config = loadOrderServiceConfig({ ...process.env, MONGO_URL: `${ferret.url()}/order_service` });
    const logger = createLogger('order-service', 'silent');
    const mongo = await connectMongo(config.MONGO_URL);
    const broker = new Broker({ clientId: 'order-service-test', brokers: config.KAFKA_BROKERS, logger });
    const { app } = buildApp({
      config,
      mongo,
      broker,
      logger,
      metrics: createMetrics('order-service', { defaults: false }),
    });
    try {
      const ok = await request(app).get('/health');
      expect(ok.status).toBe(200);
      expect(HealthResponseSchema.parse(ok.body).checks).toEqual({ database: 'healthy', kafka: 'healthy' });

      await ferret.stop();
      const down = await request(app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unhealthy' } });
    } finally {
      await broker.disconnect();
      await mongo.close();
      await ferret.dispose();
    }
  });
});
