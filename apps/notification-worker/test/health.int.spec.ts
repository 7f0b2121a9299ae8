import { startPrivateServer } from '@platform/devstack/testing';
import request from 'supertest';
import { startWorker } from './harness';

describe('notification-worker health with its Redis stopped', () => {
  it('reports its datastore healthy, then unhealthy with 503', async () => {
    const redis = await startPrivateServer('redis');
    const worker = await startWorker({ redisUrl: redis.url() });
    try {
      const ok = await request(worker.app).get('/health');
      expect(ok.status).toBe(200);
      expect(ok.body.checks).toEqual({
        database: 'healthy',
        kafka: 'healthy',
        consumer: 'healthy',
        user_projection: 'healthy',
        smtp: 'healthy',
      });

      await redis.stop();
      const down = await request(worker.app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        status: 'unhealthy',
        checks: { database: 'unhealthy', kafka: 'healthy' },
      });
    } finally {
      await worker.stop();
      await redis.dispose();
    }
  });
});
