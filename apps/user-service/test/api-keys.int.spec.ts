import { createServiceTokens } from '@platform/auth';
import {
  ApiKeyListResponseSchema,
  CreatedApiKeyResponseSchema,
  VerifyApiKeyResponseSchema,
} from '@platform/contracts';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

describe('API keys (seed 002 §6)', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());
  const service = () =>
    bearer(createServiceTokens(svc.config.SERVICE_TOKEN_SECRET).token('data-pipeline', 'user-service'));

  it('shows the full key once, stores only its hash, and lists it by prefix', async () => {
    const admin = await svc.register();
    const res = await request(svc.app)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: 'Staging Key', permissions: ['read', 'write'], environment: 'test' });
    expect(res.status).toBe(201);
    const created = CreatedApiKeyResponseSchema.parse(res.body);
    expect(created.key).toMatch(/^sk_test_/);
    expect(created.key_prefix).toBe(created.key.slice(0, 14));
    const { rows } = await svc.pool.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
    expect(JSON.stringify(rows[0])).not.toContain(created.key);
    const list = ApiKeyListResponseSchema.parse(
      (await request(svc.app).get('/api/v1/api-keys').set(bearer(admin.access_token))).body,
    );
    expect(list.keys).toEqual([
      expect.objectContaining({
        id: created.id,
        key_prefix: created.key_prefix,
        status: 'active',
        last_used_at: null,
      }),
    ]);
    expect(JSON.stringify(list)).not.toContain(created.key);
  });

  it('verifies for other services: tenant, key id, permissions, and records last_used_at', async () => {
    const admin = await svc.register();
    const { body: created } = await request(svc.app)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: 'Prod', permissions: ['read'] });
    const res = await request(svc.app)
      .post('/internal/api-keys/verify')
      .set(service())
      .send({ key: created.key });
    expect(VerifyApiKeyResponseSchema.parse(res.body)).toEqual({
      valid: true,
      tenant_id: admin.user.tenant_id,
      key_id: created.id,
      permissions: ['read'],
    });
    const list = await request(svc.app).get('/api/v1/api-keys').set(bearer(admin.access_token));
    expect(list.body.keys[0].last_used_at).not.toBeNull();
    const unknown = await request(svc.app)
      .post('/internal/api-keys/verify')
      .set(service())
      .send({ key: 'sk_live_' + 'x'.repeat(32) });
    expect(unknown.body).toEqual({ valid: false });
  });

  it('revoked keys stop working at once, and revoking twice is 404', async () => {
    const admin = await svc.register();
    const { body: created } = await request(svc.app)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: 'Old', permissions: ['read'] });
    await request(svc.app)
      .delete(`/api/v1/api-keys/${created.id}`)
      .set(bearer(admin.access_token))
      .expect(204);
    expect(
      (await request(svc.app).post('/internal/api-keys/verify').set(service()).send({ key: created.key }))
        .body,
    ).toEqual({ valid: false });
    await request(svc.app)
      .delete(`/api/v1/api-keys/${created.id}`)
      .set(bearer(admin.access_token))
      .expect(404);
    const list = await request(svc.app).get('/api/v1/api-keys').set(bearer(admin.access_token));
    expect(list.body.keys[0].status).toBe('revoked');
    // presented as a credential it is now an invalid key: 401
    expect((await request(svc.app).get('/api/v1/tenant').set(bearer(created.key))).status).toBe(401);
  });

  it('refuses a service token signed with another secret', async () => {
    const forged = createServiceTokens('x'.repeat(40)).token('data-pipeline', 'user-service');
    await request(svc.app)
      .post('/internal/api-keys/verify')
      .set(bearer(forged))
      .send({ key: 'k' })
      .expect(401);
  });
});
