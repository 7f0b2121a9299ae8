import { startPrivateServer } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, startUserService } from './harness';

describe('outages (seed 003 graceful degradation)', () => {
  it('keeps serving from PostgreSQL while Redis is down, and uses the cache again when it is back', async () => {
    const redis = await startPrivateServer('redis');
    const svc = await startUserService({ redisUrl: redis.url() });
    try {
      const acct = await svc.register();
      const get = () => request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(acct.access_token));
      await get().expect(200);

      await redis.stop();
      await get().expect(200);
      await request(svc.app)
        .put(`/api/users/${acct.user.id}`)
        .set(bearer(acct.access_token))
        .send({ first_name: 'NoCache' })
        .expect(200);
      expect((await get()).body.first_name).toBe('NoCache');
      await request(svc.app)
        .post('/api/v1/auth/login')
        .send({ email: acct.user.email, password: acct.password })
        .expect(200);
      await request(svc.app)
        .post('/api/v1/auth/login')
        .send({ email: acct.user.email, password: 'wrong-password' })
        .expect(401);
      const health = await request(svc.app).get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'degraded',
        checks: { database: 'healthy', cache: 'degraded' },
      });

      await redis.restart();
      // the client reconnects on its own; once it has, reads fill the cache again
      let cached: string | null = null;
      for (let i = 0; i < 50 && !cached; i++) {
        await get().expect(200);
        cached = await svc.redis.get(`user:${acct.user.id}`).catch(() => null);
        if (!cached) await new Promise((r) => setTimeout(r, 200));
      }
      expect(JSON.parse(cached as string).first_name).toBe('NoCache');
    } finally {
      await svc.stop();
      await redis.dispose();
    }
  });

  it('answers 503 SERVICE_UNAVAILABLE (no driver text) while PostgreSQL is down', async () => {
    const pg = await startPrivateServer('postgres');
    const svc = await startUserService({ databaseUrl: pg.url('postgres') });
    try {
      const acct = await svc.register();
      await svc.redis.del(`user:${acct.user.id}`);
      await pg.stop();
      const calls = [
        request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(acct.access_token)),
        request(svc.app).post('/api/v1/auth/login').send({ email: acct.user.email, password: acct.password }),
        request(svc.app)
          .post('/api/v1/auth/register')
          .send({ email: 'new@example.com', password: 'password123' }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
        expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
      }
    } finally {
      await svc.stop();
      await pg.dispose();
    }
  });
});
