import { createTestDatabase, startPrivateServer } from '@platform/devstack/testing';
import { Cache, createLogger, createMetrics, PgPendingInvalidations } from '@platform/service-kit';
import request from 'supertest';
import { Store } from '../src/db/store';
import { getUser } from '../src/users/manage-user';
import { UserCache } from '../src/users/user-cache';
import { bearer, startUserService, type UserService } from './harness';

/** A promise and the function that settles it: holds a step exactly where the test wants it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('user cache (seed 000) against a concurrent change, and across a Redis outage', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());

  it('a GET that read PostgreSQL before an update does not put the old user back in the cache', async () => {
    const acct = await svc.register();
    const id = acct.user.id;
    await request(svc.app)
      .put(`/api/users/${id}`)
      .set(bearer(acct.access_token))
      .send({ first_name: 'Before' })
      .expect(200);
    // a second replica's read path, on the same PostgreSQL and Redis, whose database read we can hold
    const store = new Store(svc.pool);
    const read = store.repos.users.findById.bind(store.repos.users);
    const loaded = gate();
    const release = gate();
    store.repos.users.findById = async (userId) => {
      const row = await read(userId);
      loaded.open();
      await release.opened;
      return row;
    };
    const cache = new UserCache(
      new Cache(
        svc.redis,
        createLogger('user-service', 'silent'),
        createMetrics('user-service', { defaults: false }),
        {
          pending: new PgPendingInvalidations(svc.pool),
        },
      ),
    );
    const actor = { kind: 'user' as const, userId: id, tenantId: acct.user.tenant_id, role: acct.user.role };

    const slowGet = getUser(actor, id, { store, cache });
    await loaded.opened; // it holds the row as it was
    await request(svc.app)
      .put(`/api/users/${id}`)
      .set(bearer(acct.access_token))
      .send({ first_name: 'After' })
      .expect(200);
    release.open();
    expect((await slowGet).first_name).toBe('Before'); // answered what it read...
    expect(await svc.redis.exists(`user:${id}`)).toBe(0); // ...without caching it

    const res = await request(svc.app).get(`/api/users/${id}`).set(bearer(acct.access_token)).expect(200);
    expect(res.body.first_name).toBe('After');
    expect(JSON.parse((await svc.redis.get(`user:${id}`)) as string).first_name).toBe('After');
  });

  it('an update made while Redis is down is not undone by the entry Redis reloads, even in a new process', async () => {
    const redis = await startPrivateServer('redis');
    const db = await createTestDatabase('user_cache_outage');
    const opts = { redisUrl: redis.url(), databaseUrl: db.url };
    const first = await startUserService(opts);
    let second: UserService | undefined;
    try {
      const acct = await first.register();
      const get = (s: UserService) =>
        request(s.app).get(`/api/users/${acct.user.id}`).set(bearer(acct.access_token)).expect(200);
      await request(first.app)
        .put(`/api/users/${acct.user.id}`)
        .set(bearer(acct.access_token))
        .send({ first_name: 'Before' })
        .expect(200);
      expect((await get(first)).body.first_name).toBe('Before');
      expect(await first.redis.exists(`user:${acct.user.id}`)).toBe(1);

      await redis.stop(); // Redis keeps user:{id} in its append-only file
      await request(first.app)
        .put(`/api/users/${acct.user.id}`)
        .set(bearer(acct.access_token))
        .send({ first_name: 'After' })
        .expect(200);
      await first.stop(); // the process ends before Redis returns: nothing it kept in memory survives

      await redis.restart();
      second = await startUserService(opts);
      expect((await get(second)).body.first_name).toBe('After');
      expect((await get(second)).body.first_name).toBe('After'); // and what it cached is the new one
      expect(JSON.parse((await second.redis.get(`user:${acct.user.id}`)) as string).first_name).toBe('After');
    } finally {
      await second?.stop();
      await redis.dispose();
      await db.drop();
    }
  });
});
