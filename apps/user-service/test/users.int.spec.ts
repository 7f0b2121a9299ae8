import { UserEventsResponseSchema, UserResponseSchema } from '@platform/contracts';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

describe('users (seed 001, seed 000 cache contract)', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());

  const tokenFor = async (userId: string) => (await svc.verificationSecret(userId)).token;

  it('GET returns the user and caches it as user:{id} for 5 minutes', async () => {
    const acct = await svc.register();
    const res = await request(svc.app)
      .get(`/api/users/${acct.user.id}`)
      .set(bearer(acct.access_token))
      .expect(200);
    expect(UserResponseSchema.parse(res.body)).toMatchObject({
      id: acct.user.id,
      profile: { bio: null, country: null, city: null },
    });
    expect(JSON.parse((await svc.redis.get(`user:${acct.user.id}`)) as string).id).toBe(acct.user.id);
    const ttl = await svc.redis.ttl(`user:${acct.user.id}`);
    expect(ttl).toBeGreaterThan(290);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('PUT changes fields, invalidates user:{id} and user:{id}:*, and the next GET is fresh', async () => {
    const acct = await svc.register();
    const id = acct.user.id;
    await request(svc.app).get(`/api/users/${id}`).set(bearer(acct.access_token)).expect(200);
    await svc.redis.set(`user:${id}:items`, '[]');
    const res = await request(svc.app)
      .put(`/api/users/${id}`)
      .set(bearer(acct.access_token))
      .send({ first_name: 'Jane', phone: '+1234567891', profile: { city: 'Lyon' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      first_name: 'Jane',
      phone: '+1234567891',
      profile: { city: 'Lyon', bio: null },
    });
    expect(await svc.redis.exists(`user:${id}`, `user:${id}:items`)).toBe(0);
    const again = await request(svc.app).get(`/api/users/${id}`).set(bearer(acct.access_token));
    expect(again.body.first_name).toBe('Jane');
  });

  it('PUT refuses unknown fields, empty bodies, and role changes by non-admins', async () => {
    const admin = await svc.register();
    const member = await svc.addMember(admin, 'viewer');
    const put = (token: string, body: object) =>
      request(svc.app).put(`/api/users/${member.user.id}`).set(bearer(token)).send(body);
    expect((await put(member.access_token, {})).status).toBe(400);
    expect((await put(member.access_token, { email: 'new@example.com' })).status).toBe(400);
    expect((await put(member.access_token, { role: 'admin' })).status).toBe(403);
    const promoted = await put(admin.access_token, { role: 'developer' });
    expect(promoted.body.role).toBe('developer');
  });

  it('DELETE removes the user: 204, then its tokens are refused (401), cache dropped, sessions gone', async () => {
    const acct = await svc.register();
    await request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(acct.access_token)).expect(200);
    await request(svc.app).delete(`/api/users/${acct.user.id}`).set(bearer(acct.access_token)).expect(204);
    expect(await svc.redis.exists(`user:${acct.user.id}`)).toBe(0);
    const gone = await request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(acct.access_token));
    // the access token died with its user (revoked-user.int.spec.ts covers every route)
    expect([gone.status, gone.body.error.code]).toEqual([401, 'AUTHENTICATION_FAILED']);
    await request(svc.app)
      .post('/api/v1/auth/refresh')
      .send({ refresh_token: acct.refresh_token })
      .expect(401);
  });

  it('verify: the e-mailed token activates once; wrong, spent and expired tokens are USER_003', async () => {
    const acct = await svc.register();
    const id = acct.user.id;
    const token = await tokenFor(id);
    const wrong = await request(svc.app)
      .post(`/api/users/${id}/verify`)
      .send({ verification_token: 'wrong-token' });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'USER_003']);
    const ok = await request(svc.app).post(`/api/users/${id}/verify`).send({ verification_token: token }); // the wrong guess did not spend it
    expect(ok.status).toBe(200);
    expect(ok.body.is_verified).toBe(true);
    const spent = await request(svc.app).post(`/api/users/${id}/verify`).send({ verification_token: token });
    expect(spent.body.error.code).toBe('USER_003');

    const late = await svc.register();
    const lateToken = await tokenFor(late.user.id);
    await svc.pool.query(
      "UPDATE verification_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [late.user.id],
    );
    const expired = await request(svc.app)
      .post(`/api/users/${late.user.id}/verify`)
      .send({ verification_token: lateToken });
    expect(expired.body.error.code).toBe('USER_003');
  });

  it('events: the history, newest first, paginated', async () => {
    const acct = await svc.register();
    const id = acct.user.id;
    await request(svc.app)
      .post('/api/v1/auth/login')
      .send({ email: acct.user.email, password: acct.password })
      .expect(200);
    await request(svc.app)
      .put(`/api/users/${id}`)
      .set(bearer(acct.access_token))
      .send({ last_name: 'Doe' })
      .expect(200);
    const page = await request(svc.app).get(`/api/users/${id}/events?limit=2`).set(bearer(acct.access_token));
    const body = UserEventsResponseSchema.parse(page.body);
    expect(body.events.map((e) => e.event_type)).toEqual(['UserUpdated', 'UserLoggedIn']);
    expect(body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    const rest = await request(svc.app)
      .get(`/api/users/${id}/events?limit=2&offset=2`)
      .set(bearer(acct.access_token));
    expect(rest.body.events.map((e: { event_type: string }) => e.event_type)).toEqual(['UserCreated']);
    expect(
      (await request(svc.app).get(`/api/users/${id}/events?limit=500`).set(bearer(acct.access_token))).status,
    ).toBe(400);
  });

  it('answers 400 for an id that is not a uuid', async () => {
    const acct = await svc.register();
    const res = await request(svc.app).get('/api/users/not-a-uuid').set(bearer(acct.access_token));
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('user_id');
  });
});
