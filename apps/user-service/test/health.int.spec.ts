import { HealthResponseSchema } from '@platform/contracts';
import { startPrivateServer } from '@platform/devstack/testing';
import request from 'supertest';
import { startUserService } from './harness';

describe('user-service health with its PostgreSQL stopped', () => {
  it('is healthy, then unhealthy (503) and refuses sign-ups with 503 SERVICE_UNAVAILABLE, then recovers', async () => {
    const pg = await startPrivateServer('postgres');
    const svc = await startUserService({ databaseUrl: pg.url('postgres') });
    try {
      const healthy = await request(svc.app).get('/health');
      expect(healthy.status).toBe(200);
      expect(HealthResponseSchema.parse(healthy.body).checks).toEqual({
        database: 'healthy',
        cache: 'healthy',
        kafka: 'healthy',
        outbox: 'healthy',
      });

      await pg.stop();
      const down = await request(svc.app).get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        status: 'unhealthy',
        checks: { database: 'unhealthy', kafka: 'healthy' },
      });
      expect((await request(svc.app).get('/ready')).body).toEqual({ ready: false });
      const signUp = await request(svc.app)
        .post('/api/users')
        .send({ email: 'x@example.com', username: 'xuser', password: 'password123' });
      expect(signUp.status).toBe(503);
      expect(signUp.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(signUp.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);

      await pg.restart();
      const back = await request(svc.app).get('/health');
      expect(back.status).toBe(200);
    } finally {
      await svc.stop();
      await pg.dispose();
    }
  });
});
