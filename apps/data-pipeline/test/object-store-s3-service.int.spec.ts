import { createTestDatabase, startPrivateServer, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadDataPipelineConfig } from '../src/config';

// data-pipeline as main.ts composes it, with S3_BUCKET set: the S3 driver, on an S3 server of the
// test's own (it is stopped mid-test; the shared one keeps serving the other tests)
describe('data-pipeline on S3', () => {
  it('stores in the bucket, reports storage healthy, then unhealthy (503) while S3 is down', async () => {
    const s3 = await startPrivateServer('s3');
    const db = await createTestDatabase('data_pipeline');
    const logger = createLogger('data-pipeline', 'silent');
    const config = loadDataPipelineConfig({
      ...process.env,
      ...s3.env(),
      S3_BUCKET: s3.bucket,
      DATABASE_URL: db.url,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    });
    const svc = await compose({
      config,
      logger,
      metrics: createMetrics('data-pipeline', { defaults: false }),
    });
    try {
      expect(svc.store.kind).toBe('s3');
      await svc.store.put('tenants/t1/catalog.json', '{}');
      expect(svc.store.url('tenants/t1/catalog.json')).toBe(`s3://${s3.bucket}/tenants/t1/catalog.json`);
      expect((await request(svc.app).get('/health')).body.checks).toMatchObject({ storage: 'healthy' });

      await s3.stop();
      const down = await request(svc.app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body.checks).toMatchObject({ storage: 'unhealthy', database: 'healthy' });

      await s3.restart();
      expect((await request(svc.app).get('/health')).body.checks).toMatchObject({ storage: 'healthy' });
      expect((await svc.store.get('tenants/t1/catalog.json'))?.toString()).toBe('{}');
    } finally {
      await runClosers(svc.closers, logger);
      await s3.dispose();
      await db.drop();
    }
  });
});
