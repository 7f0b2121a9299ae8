import { AppError } from '@platform/service-kit';
import request from 'supertest';
import { createApiKey } from '../src/api-keys/api-keys';
import { Store } from '../src/db/store';
import { bearer, startUserService, type UserService } from './harness';

/**
 * Fuzzing found: after `DELETE /api/users/{own id}` the still-valid access token created an API key and
 * got 500 (api_keys_created_by_fkey). A deleted or deactivated user's tokens stop at once, everywhere.
 */
describe('tokens of deleted and deactivated users', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());

  const everyRoute = (userId: string) =>
    [
      ['post', '/api/v1/api-keys', { name: 'k', permissions: ['read'] }],
      ['get', '/api/v1/api-keys', undefined],
      ['get', '/api/v1/tenant', undefined],
      ['get', `/api/users/${userId}`, undefined],
      ['put', `/api/users/${userId}`, { first_name: 'X' }],
      ['get', `/api/users/${userId}/events`, undefined],
      ['get', '/.well-known/jwks.json', undefined],
    ] as const;

  it('a deleted user (cached before the delete) gets 401 on every route with the old token', async () => {
    const me = await svc.register();
    const token = bearer(me.access_token);
    await request(svc.app).get(`/api/users/${me.user.id}`).set(token).expect(200); // now in the cache
    await request(svc.app).delete(`/api/users/${me.user.id}`).set(token).expect(204);
    for (const [method, p, body] of everyRoute(me.user.id)) {
      const res = await request(svc.app)[method](p).set(token).send(body);
      expect(`${method} ${p} ${res.status} ${res.body.error?.code}`).toBe(
        `${method} ${p} 401 AUTHENTICATION_FAILED`,
      );
    }
  });

  it('a deactivated user gets 401 with a token issued while active', async () => {
    const me = await svc.register();
    await svc.pool.query('UPDATE users SET is_active = false WHERE id = $1', [me.user.id]);
    const res = await request(svc.app).get('/api/v1/tenant').set(bearer(me.access_token));
    expect(res.status).toBe(401);
  });

  it('a demoted admin loses the rights at once, though the token still says admin', async () => {
    const admin = await svc.register();
    const other = await svc.addMember(admin, 'admin');
    const key = { name: 'k', permissions: ['read'] };
    await request(svc.app).post('/api/v1/api-keys').set(bearer(other.access_token)).send(key).expect(201);
    await request(svc.app)
      .put(`/api/users/${other.user.id}`)
      .set(bearer(admin.access_token))
      .send({ role: 'viewer' })
      .expect(200);
    const res = await request(svc.app).post('/api/v1/api-keys').set(bearer(other.access_token)).send(key);
    expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('an active user keeps working, and another replica (same Redis and database) agrees on the deleted one', async () => {
    const other = await startUserService({ databaseUrl: svc.config.DATABASE_URL });
    try {
      const me = await svc.register();
      const token = bearer(me.access_token);
      await request(other.app).get('/api/v1/tenant').set(token).expect(200); // cached by the other replica
      await request(svc.app).delete(`/api/users/${me.user.id}`).set(token).expect(204);
      await request(other.app).get('/api/v1/tenant').set(token).expect(401);
    } finally {
      await other.stop();
    }
  });

  it('a key created for a user deleted meanwhile (the race the check cannot close) is a 409, not a 500', async () => {
    const me = await svc.register();
    await svc.pool.query('DELETE FROM users WHERE id = $1', [me.user.id]);
    const actor = { kind: 'user', userId: me.user.id, tenantId: me.user.tenant_id, role: 'admin' } as const;
    const err = await createApiKey(
      actor,
      { name: 'k', permissions: ['read'], environment: 'test' },
      {
        store: new Store(svc.pool),
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(409);
  });
});
