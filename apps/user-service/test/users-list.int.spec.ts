import { UserListResponseSchema, type AuthResponse } from '@platform/contracts';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

/** `GET /api/users`: an admin's own tenant's users, newest first (real PostgreSQL). */
describe('GET /api/users', () => {
  let svc: UserService;
  let admin: AuthResponse;
  let members: AuthResponse[];
  let stranger: AuthResponse;
  beforeAll(async () => {
    svc = await startUserService();
    admin = await svc.register();
    // one after the other, so each is newer than the one before
    members = [];
    for (const role of ['developer', 'viewer', 'viewer'] as const)
      members.push(await svc.addMember(admin, role));
    stranger = await svc.register();
    await svc.addMember(stranger, 'viewer');
  });
  afterAll(() => svc.stop());

  const list = (auth: Record<string, string>, query: Record<string, unknown> = {}) =>
    request(svc.app).get('/api/users').set(auth).query(query);
  const ids = (body: unknown) => UserListResponseSchema.parse(body).users.map((u) => u.id);

  it("lists the admin's tenant's users newest first, each as GET /api/users/{id} answers it", async () => {
    const res = await list(bearer(admin.access_token)).expect(200);
    const body = UserListResponseSchema.parse(res.body);
    const newestFirst = [...members.map((m) => m.user.id)].reverse().concat(admin.user.id);
    expect(body.users.map((u) => u.id)).toEqual(newestFirst);
    expect(body.total).toBe(4);
    for (const user of body.users) {
      const one = await request(svc.app)
        .get(`/api/users/${user.id}`)
        .set(bearer(admin.access_token))
        .expect(200);
      expect(user).toEqual(one.body);
    }
    // never another tenant's
    const theirs = ids((await list(bearer(stranger.access_token)).expect(200)).body);
    expect(theirs).toHaveLength(2);
    expect(theirs).not.toContain(admin.user.id);
    expect(theirs.some((id) => newestFirst.includes(id))).toBe(false);
  });

  it('pages with limit and offset, filters by role; total counts the whole filtered list', async () => {
    const auth = bearer(admin.access_token);
    const page = UserListResponseSchema.parse((await list(auth, { limit: 2, offset: 1 }).expect(200)).body);
    expect(page.users.map((u) => u.id)).toEqual([members[1]!.user.id, members[0]!.user.id]);
    expect(page.total).toBe(4);
    const viewers = UserListResponseSchema.parse((await list(auth, { role: 'viewer' }).expect(200)).body);
    expect(viewers.users.map((u) => u.id)).toEqual([members[2]!.user.id, members[1]!.user.id]);
    expect(viewers.total).toBe(2);
    expect(ids((await list(auth, { role: 'admin' }).expect(200)).body)).toEqual([admin.user.id]);
    expect((await list(auth, { offset: 10 }).expect(200)).body).toEqual({ users: [], total: 4 });
    expect(ids((await list(auth, { limit: 100 }).expect(200)).body)).toHaveLength(4);
  });

  it('refuses bad queries with 400 naming the field', async () => {
    const auth = bearer(admin.access_token);
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'many' }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ role: 'owner' }, 'role'],
    ] as const) {
      const res = await list(auth, query).expect(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field } });
    }
  });

  it('is for admins: a developer, a viewer and an API key get 403, no credential 401', async () => {
    const [developer, viewer] = members;
    expect((await list(bearer(developer!.access_token)).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await list(bearer(viewer!.access_token)).expect(403)).body.error.code).toBe('FORBIDDEN');
    const key = await request(svc.app)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: 'k', permissions: ['read', 'write'] })
      .expect(201);
    expect((await list(bearer(key.body.key)).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await list({}).expect(401)).body.error.code).toBe('AUTHENTICATION_FAILED');
  });
});
