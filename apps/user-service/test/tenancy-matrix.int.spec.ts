import { randomUUID } from 'node:crypto';
import { type AuthResponse } from '@platform/contracts';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

/**
 * Every authenticated route, called by: the user themself (a viewer), an admin of the same tenant, an
 * admin of another tenant, an API key of the same tenant, and nobody. The other tenant's admin gets
 * the same 404 as for an id that does not exist.
 */
describe('tenancy matrix', () => {
  let svc: UserService;
  let admin: AuthResponse;
  let stranger: AuthResponse;
  let apiKey: string;
  beforeAll(async () => {
    svc = await startUserService();
    admin = await svc.register();
    stranger = await svc.register();
    const key = await request(svc.app)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: 'k', permissions: ['read'] });
    apiKey = key.body.key;
  });
  afterAll(() => svc.stop());

  type Caller = 'self' | 'admin' | 'otherAdmin' | 'apiKey' | 'none';
  const headers = (caller: Caller, self: AuthResponse) =>
    ({
      self: bearer(self.access_token),
      admin: bearer(admin.access_token),
      otherAdmin: bearer(stranger.access_token),
      apiKey: bearer(apiKey),
      none: {},
    })[caller];

  const userRoutes: [string, number, (id: string) => [string, string, object?]][] = [
    ['GET /api/users/{id}', 200, (id) => ['get', `/api/users/${id}`]],
    ['PUT /api/users/{id}', 200, (id) => ['put', `/api/users/${id}`, { first_name: 'Changed' }]],
    ['GET /api/users/{id}/events', 200, (id) => ['get', `/api/users/${id}/events`]],
    ['DELETE /api/users/{id}', 204, (id) => ['delete', `/api/users/${id}`]],
  ];
  const denied: Record<Exclude<Caller, 'self' | 'admin'>, number> = {
    otherAdmin: 404,
    apiKey: 403,
    none: 401,
  };

  describe.each(userRoutes)('%s', (_name, success, route) => {
    it.each<Caller>(['self', 'admin', 'otherAdmin', 'apiKey', 'none'])('as %s', async (caller) => {
      const member = await svc.addMember(admin, 'viewer');
      const [method, path, body] = route(member.user.id);
      const client = request(svc.app);
      const call =
        method === 'get' ? client.get(path) : method === 'put' ? client.put(path) : client.delete(path);
      const res = await call.set(headers(caller, member)).send(body);
      expect(res.status).toBe(caller === 'self' || caller === 'admin' ? success : denied[caller]);
      if (caller === 'otherAdmin') expect(res.body.error.code).toBe('USER_004');
    });
  });

  it('answers an unknown id exactly as a forbidden one', async () => {
    const unknown = await request(svc.app)
      .get(`/api/users/${randomUUID()}`)
      .set(bearer(stranger.access_token));
    const forbidden = await request(svc.app)
      .get(`/api/users/${admin.user.id}`)
      .set(bearer(stranger.access_token));
    expect([unknown.status, unknown.body.error.code, unknown.body.error.message]).toEqual([
      forbidden.status,
      forbidden.body.error.code,
      forbidden.body.error.message,
    ]);
  });

  it('a viewer cannot read another member of the same tenant', async () => {
    const a = await svc.addMember(admin, 'viewer');
    const b = await svc.addMember(admin, 'viewer');
    await request(svc.app).get(`/api/users/${b.user.id}`).set(bearer(a.access_token)).expect(404);
  });

  it.each<[Caller, number]>([
    ['self', 200],
    ['admin', 200],
    ['otherAdmin', 200],
    ['apiKey', 403],
    ['none', 401],
  ])("GET /api/v1/tenant as %s → %i, and only ever the caller's own tenant", async (caller, status) => {
    const member = await svc.addMember(admin, 'viewer');
    const res = await request(svc.app).get('/api/v1/tenant').set(headers(caller, member));
    expect(res.status).toBe(status);
    if (status === 200)
      expect(res.body.tenant_id).toBe(
        caller === 'otherAdmin' ? stranger.user.tenant_id : admin.user.tenant_id,
      );
  });

  it.each<[Caller, number, number, number]>([
    // caller, list, create, revoke
    ['self', 403, 403, 403], // a viewer: not even the list
    ['admin', 200, 201, 204],
    ['otherAdmin', 200, 201, 404],
    ['apiKey', 403, 403, 403],
    ['none', 401, 401, 401],
  ])('API keys as %s: list %i, create %i, revoke %i', async (caller, list, create, revoke) => {
    const member = await svc.addMember(admin, 'viewer');
    const target = await request(svc.app)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: 'target', permissions: ['read'] });
    const h = headers(caller, member);
    const listed = await request(svc.app).get('/api/v1/api-keys').set(h);
    expect(listed.status).toBe(list);
    if (caller === 'otherAdmin')
      expect(listed.body.keys.map((k: { id: string }) => k.id)).not.toContain(target.body.id);
    expect(
      (
        await request(svc.app)
          .post('/api/v1/api-keys')
          .set(h)
          .send({ name: 'n', permissions: ['write'] })
      ).status,
    ).toBe(create);
    expect((await request(svc.app).delete(`/api/v1/api-keys/${target.body.id}`).set(h)).status).toBe(revoke);
  });

  it('POST /internal/api-keys/verify takes service tokens only', async () => {
    const body = { key: apiKey };
    await request(svc.app).post('/internal/api-keys/verify').send(body).expect(401);
    await request(svc.app)
      .post('/internal/api-keys/verify')
      .set(bearer(admin.access_token))
      .send(body)
      .expect(401);
    await request(svc.app).post('/internal/api-keys/verify').set(bearer(apiKey)).send(body).expect(401);
  });
});
