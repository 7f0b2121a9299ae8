import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

/** The value of one series in the Prometheus text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics (seed 001 and seed 002 §7 names)', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());

  const metrics = async () => (await request(svc.app).get('/metrics').expect(200)).text;

  it('exports the database, cache, event and user metrics after a registration and a cached read', async () => {
    const acct = await svc.register();
    const get = () =>
      request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(acct.access_token)).expect(200);
    await get(); // a miss: read from PostgreSQL, then cached
    await get(); // a hit
    svc.relay.start();

    let text = await metrics();
    while (!/^events_published_total\{/m.test(text)) text = await metrics(); // once the relay has published
    const s = 'service="user-service"';
    expect(sample(text, `user_registrations_total{${s}}`)).toBe(1);
    expect(sample(text, `user_verifications_total{${s}}`)).toBe(0);
    expect(sample(text, `db_queries_total{${s},query_type="insert",table="users"}`)).toBe(1);
    expect(sample(text, `db_queries_total{${s},query_type="select",table="users"}`)).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, `db_query_duration_seconds_count{${s},query_type="insert",table="users"}`)).toBe(1);
    expect(
      sample(text, `database_queries_duration_seconds_count{${s},query_type="insert",table="users"}`),
    ).toBe(1);
    expect(sample(text, `database_connections_active{${s}}`)).toBeGreaterThan(0);
    expect(sample(text, `cache_operations_total{${s},operation="get",result="hit"}`)).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, `cache_operations_total{${s},operation="get",result="miss"}`)).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, `cache_hit_rate{${s}}`)).toBeGreaterThan(0);
    expect(text).toMatch(
      /^events_published_total\{service="user-service",topic="[^"]+",event_type="UserCreated"\} 1$/m,
    );
  });
});
