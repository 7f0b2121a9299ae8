import { createServiceTokens } from '@platform/auth';
import { ErrorEnvelopeSchema, InternalUserResponseSchema } from '@platform/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

describe('GET /internal/users/{user_id} (service token)', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());
  const as = (caller: string) =>
    bearer(createServiceTokens(svc.config.SERVICE_TOKEN_SECRET).token(caller, 'user-service'));

  it("answers order-service and payment-service with the user's tenant, role and state", async () => {
    const admin = await svc.register();
    for (const caller of ['order-service', 'payment-service']) {
      const res = await request(svc.app).get(`/internal/users/${admin.user.id}`).set(as(caller));
      expect(res.status).toBe(200);
      expect(InternalUserResponseSchema.strict().parse(res.body)).toEqual({
        id: admin.user.id,
        tenant_id: admin.user.tenant_id,
        role: 'admin',
        is_active: true,
      });
    }
  });

  it('is USER_004 for an unknown user, 400 for a malformed id', async () => {
    const res = await request(svc.app).get(`/internal/users/${randomUUID()}`).set(as('order-service'));
    expect(res.status).toBe(404);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('USER_004');
    const bad = await request(svc.app).get('/internal/users/nope').set(as('order-service'));
    expect(bad.status).toBe(400);
  });

  it('refuses other services, user tokens and no credential', async () => {
    const admin = await svc.register();
    const path = `/internal/users/${admin.user.id}`;
    expect((await request(svc.app).get(path).set(as('ml-engine'))).status).toBe(403);
    expect([401, 403]).toContain((await request(svc.app).get(path).set(bearer(admin.access_token))).status);
    expect((await request(svc.app).get(path)).status).toBe(401);
  });
});
