import { randomUUID } from 'node:crypto';
import {
  AuthResponseSchema,
  TenantResponseSchema,
  eventSchema,
  type AuthResponse,
} from '@platform/contracts';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

/** A shop's buyer signs up in that shop (X-Tenant-Id) as a viewer, and a viewer reaches no tenant data. */
describe('sign-up in a shop: POST /api/v1/auth/register with X-Tenant-Id (real PostgreSQL)', () => {
  let svc: UserService;
  let shop: AuthResponse;
  beforeAll(async () => {
    svc = await startUserService();
    shop = await svc.register({ tenant_name: 'Corner Shop' });
  });
  afterAll(() => svc.stop());

  const buyer = (over: Record<string, unknown> = {}) => {
    const tag = randomUUID().slice(0, 8);
    return { email: `buyer-${tag}@example.com`, password: `pw-${tag}-secret`, firstName: 'Bo', ...over };
  };
  const signUp = (tenantId: string | undefined, body: object) => {
    const req = request(svc.app).post('/api/v1/auth/register');
    return (tenantId === undefined ? req : req.set('X-Tenant-Id', tenantId)).send(body);
  };
  const countOf = async (sql: string, values: unknown[] = []) =>
    Number((await svc.pool.query<{ n: string }>(sql, values)).rows[0]!.n);
  const tenants = () => countOf('SELECT count(*) AS n FROM tenants');
  const usersWith = (email: string) => countOf('SELECT count(*) AS n FROM users WHERE email = $1', [email]);

  it('makes a viewer in that tenant with tokens, UserCreated and the verification mail, and no new tenant', async () => {
    const before = await tenants();
    const input = buyer();
    const res = await signUp(shop.user.tenant_id, input).expect(201);
    const auth = AuthResponseSchema.parse(res.body);
    expect(auth.user).toMatchObject({ email: input.email, tenant_id: shop.user.tenant_id, role: 'viewer' });
    expect(await tenants()).toBe(before);

    const { rows } = await svc.pool.query<{ topic: string; payload: { event_type: string } }>(
      'SELECT topic, payload FROM outbox WHERE message_key = $1 ORDER BY id',
      [auth.user.id],
    );
    expect(rows.map((r) => [r.topic, r.payload.event_type])).toEqual([
      ['user.events', 'UserCreated'],
      ['notifications', 'NotificationRequested'],
    ]);
    expect(eventSchema('UserCreated').parse(rows[0]!.payload)).toMatchObject({
      tenant_id: shop.user.tenant_id,
      data: { user_id: auth.user.id, role: 'viewer' },
    });
    expect((await svc.verificationSecret(auth.user.id)).token).toEqual(expect.any(String));

    // the token works, for the shop's tenant
    const tenant = await request(svc.app).get('/api/v1/tenant').set(bearer(auth.access_token)).expect(200);
    expect(TenantResponseSchema.parse(tenant.body)).toMatchObject({
      tenant_id: shop.user.tenant_id,
      name: 'Corner Shop',
    });

    // and the buyer logs in again later, into the same shop as the same viewer
    const login = await request(svc.app)
      .post('/api/v1/auth/login')
      .send({ email: input.email, password: input.password })
      .expect(200);
    expect(AuthResponseSchema.parse(login.body).user).toEqual(auth.user);
  });

  it('refuses tenant_name with X-Tenant-Id (400), an invalid header (400), and creates nobody', async () => {
    const withName = buyer({ tenant_name: 'Mine' });
    const res = await signUp(shop.user.tenant_id, withName).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'tenant_name' } });
    expect(await usersWith(withName.email)).toBe(0);

    const badHeader = buyer();
    const bad = await signUp('shop-1', badHeader).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'x-tenant-id' } });
    expect(await usersWith(badHeader.email)).toBe(0);
  });

  it('answers 404 for an unknown tenant and 403 for a suspended one, creating nobody', async () => {
    const before = await tenants();
    const unknown = buyer();
    const res = await signUp(randomUUID(), unknown).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(await usersWith(unknown.email)).toBe(0);
    expect(await tenants()).toBe(before); // not made on the fly either

    const closed = await svc.register({ tenant_name: 'Closed Shop' });
    await svc.pool.query("UPDATE tenants SET status = 'suspended' WHERE id = $1", [closed.user.tenant_id]);
    const refused = buyer();
    const denied = await signUp(closed.user.tenant_id, refused).expect(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect(await usersWith(refused.email)).toBe(0);
  });

  it('without the header is unchanged: a new tenant, the caller its admin', async () => {
    const before = await tenants();
    const res = await signUp(undefined, buyer({ tenant_name: 'Own Shop' })).expect(201);
    expect(res.body.user.role).toBe('admin');
    expect(res.body.user.tenant_id).not.toBe(shop.user.tenant_id);
    expect(await tenants()).toBe(before + 1);
  });

  it('a self-registered viewer reads the tenant and themself, and nothing of the tenant’s administration', async () => {
    const me = AuthResponseSchema.parse((await signUp(shop.user.tenant_id, buyer()).expect(201)).body);
    const other = AuthResponseSchema.parse((await signUp(shop.user.tenant_id, buyer()).expect(201)).body);
    const as = bearer(me.access_token);
    const app = request(svc.app);
    const code = (res: request.Response) => [res.status, res.body.error?.code];

    // may
    await app.get('/api/v1/tenant').set(as).expect(200);
    await app.get(`/api/users/${me.user.id}`).set(as).expect(200);
    await app.get(`/api/users/${me.user.id}/events`).set(as).expect(200);
    await app.put(`/api/users/${me.user.id}`).set(as).send({ first_name: 'Bea' }).expect(200);

    // may not
    expect(code(await app.get('/api/v1/api-keys').set(as))).toEqual([403, 'FORBIDDEN']);
    expect(
      code(
        await app
          .post('/api/v1/api-keys')
          .set(as)
          .send({ name: 'k', permissions: ['read'] }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(code(await app.get('/api/users').set(as))).toEqual([403, 'FORBIDDEN']);
    expect(code(await app.put(`/api/users/${me.user.id}`).set(as).send({ role: 'admin' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(code(await app.put(`/api/users/${other.user.id}`).set(as).send({ role: 'viewer' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(code(await app.get(`/api/users/${other.user.id}`).set(as))).toEqual([404, 'USER_004']);
    expect(code(await app.get(`/api/users/${shop.user.id}`).set(as))).toEqual([404, 'USER_004']);
    expect(code(await app.get(`/api/users/${other.user.id}/events`).set(as))).toEqual([404, 'USER_004']);
    expect(code(await app.delete(`/api/users/${other.user.id}`).set(as))).toEqual([404, 'USER_004']);
    const tag = randomUUID().slice(0, 8);
    const add = { email: `x-${tag}@example.com`, username: `x_${tag}`, password: 'password123' };
    expect(code(await app.post('/api/users').set(as).send(add))).toEqual([403, 'FORBIDDEN']);
    // the admin and the other buyer are untouched
    expect((await app.get(`/api/users/${shop.user.id}`).set(bearer(shop.access_token))).body.role).toBe(
      'admin',
    );
    expect(await usersWith(other.user.email)).toBe(1);
  });
});
