import { randomUUID } from 'node:crypto';
import { hashToken } from '@platform/auth';
import { ErrorEnvelopeSchema, UserResponseSchema, eventSchema } from '@platform/contracts';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

describe('POST /api/users (real PostgreSQL)', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());

  const body = (over: Record<string, unknown> = {}) => {
    const tag = randomUUID().slice(0, 8);
    return {
      email: `ada-${tag}@example.com`,
      username: `ada_${tag}`,
      password: 'password123',
      first_name: 'Ada',
      phone: '+1234567890',
      ...over,
    };
  };
  const outbox = async (key: string) =>
    (
      await svc.pool.query(
        "SELECT topic, payload FROM outbox WHERE message_key IN ($1) OR payload->>'tenant_id' = $1 ORDER BY id",
        [key],
      )
    ).rows;

  it('signs up into a new tenant as its admin (201, seed 001 shape) and stores only a bcrypt hash', async () => {
    const input = body();
    const res = await request(svc.app).post('/api/users').send(input);
    expect(res.status).toBe(201);
    const user = UserResponseSchema.parse(res.body);
    expect(user).toMatchObject({
      email: input.email,
      username: input.username,
      first_name: 'Ada',
      is_active: true,
      is_verified: false,
      role: 'admin',
    });
    expect(res.headers.location).toBe(`/api/users/${user.id}`);
    expect(JSON.stringify(res.body)).not.toContain('password');
    const { rows } = await svc.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$10\$/);
  });

  it('writes TenantCreated, UserCreated and the verification request in the same transaction', async () => {
    const res = await request(svc.app).post('/api/users').send(body());
    const rows = await outbox(res.body.tenant_id);
    expect(rows.map((r) => [r.topic, r.payload.event_type])).toEqual([
      ['user.events', 'TenantCreated'],
      ['user.events', 'UserCreated'],
      ['notifications', 'NotificationRequested'],
    ]);
    expect(eventSchema('UserCreated').parse(rows[1].payload).data).toMatchObject({
      user_id: res.body.id,
      email: res.body.email,
      role: 'admin',
    });
    const notification = eventSchema('NotificationRequested').parse(rows[2].payload);
    expect(notification.data).toMatchObject({ template: 'verify-email', to: res.body.email });
    const stored = await svc.pool.query('SELECT token_hash FROM verification_tokens WHERE user_id = $1', [
      res.body.id,
    ]);
    const { token } = await svc.verificationSecret(res.body.id);
    expect(stored.rows[0].token_hash).toBe(hashToken(token)); // only the hash is kept
    expect(JSON.stringify(notification)).not.toContain(token); // and the event carries it sealed
  });

  it('lets an admin add a user to their own tenant with a role; a non-admin may not', async () => {
    const admin = await svc.register();
    const res = await request(svc.app)
      .post('/api/users')
      .set(bearer(admin.access_token))
      .send(body({ role: 'developer' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tenant_id: admin.user.tenant_id, role: 'developer' });
    const viewer = await svc.addMember(admin, 'viewer');
    const denied = await request(svc.app).post('/api/users').set(bearer(viewer.access_token)).send(body());
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 409 USER_001 for a taken e-mail in any letter case, writing nothing', async () => {
    const first = body();
    await request(svc.app).post('/api/users').send(first).expect(201);
    const before = await svc.pool.query('SELECT count(*)::int AS n FROM outbox');
    const res = await request(svc.app)
      .post('/api/users')
      .send(body({ email: first.email.toUpperCase() }));
    expect(res.status).toBe(409);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('USER_001');
    const after = await svc.pool.query('SELECT count(*)::int AS n FROM outbox');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers 409 USER_002 for a taken username', async () => {
    const first = body();
    await request(svc.app).post('/api/users').send(first).expect(201);
    const res = await request(svc.app)
      .post('/api/users')
      .send(body({ username: first.username }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('USER_002');
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
    ['username', { username: undefined }],
    ['phone', { phone: '555' }],
  ])('answers 400 VALIDATION_ERROR naming %s', async (field, over) => {
    const res = await request(svc.app).post('/api/users').send(body(over));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field } });
  });
});
