import { createServiceTokens } from '@platform/auth';
import { ErrorEnvelopeSchema, TenantResponseSchema } from '@platform/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

describe('GET /internal/tenants/{tenant_id} (service token)', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());
  const as = (caller: string) =>
    bearer(createServiceTokens(svc.config.SERVICE_TOKEN_SECRET).token(caller, 'user-service'));

  it('answers ml-engine with the tenant and its ML settings, as the tenant itself sees them', async () => {
    const admin = await svc.register();
    const res = await request(svc.app).get(`/internal/tenants/${admin.user.tenant_id}`).set(as('ml-engine'));
    expect(res.status).toBe(200);
    const tenant = TenantResponseSchema.strict().parse(res.body);
    expect(tenant.tenant_id).toBe(admin.user.tenant_id);
    expect(tenant.settings).toEqual({ default_model: 'two_tower', embedding_dimension: 128 });
    const own = await request(svc.app).get('/api/v1/tenant').set(bearer(admin.access_token));
    expect(res.body).toEqual(own.body);
  });

  it('is NOT_FOUND in the error envelope for an unknown tenant, 400 for a malformed id', async () => {
    const res = await request(svc.app).get(`/internal/tenants/${randomUUID()}`).set(as('ml-engine'));
    expect(res.status).toBe(404);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('NOT_FOUND');
    const bad = await request(svc.app).get('/internal/tenants/nope').set(as('ml-engine'));
    expect(bad.status).toBe(400);
    expect(ErrorEnvelopeSchema.parse(bad.body).error.code).toBeDefined();
  });

  it('refuses other services, tokens for another audience, user tokens and no credential', async () => {
    const admin = await svc.register();
    const path = `/internal/tenants/${admin.user.tenant_id}`;
    expect((await request(svc.app).get(path).set(as('order-service'))).status).toBe(403);
    const otherAudience = createServiceTokens(svc.config.SERVICE_TOKEN_SECRET).token(
      'ml-engine',
      'data-pipeline',
    );
    expect([401, 403]).toContain((await request(svc.app).get(path).set(bearer(otherAudience))).status);
    expect([401, 403]).toContain((await request(svc.app).get(path).set(bearer(admin.access_token))).status);
    expect((await request(svc.app).get(path)).status).toBe(401);
  });
});
