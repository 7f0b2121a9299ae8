import { randomUUID } from 'node:crypto';
import { ErrorEnvelopeSchema, UserResponseSchema, eventSchema } from '@platform/contracts';
import { readTopic } from '@platform/devstack/testing';
import request from 'supertest';
import { startUserService } from './harness';

describe('POST /api/users (real PostgreSQL and Kafka)', () => {
  let svc: Awaited<ReturnType<typeof startUserService>>;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());

  const body = (over: Record<string, unknown> = {}) => {
    const tag = randomUUID().slice(0, 8);
    return { email: `ada-${tag}@example.com`, username: `ada_${tag}`, password: 'password123', first_name: 'Ada', phone: '+1234567890', ...over };
  };

  it('creates the user (201, seed 001 shape) and stores only a bcrypt hash of the password', async () => {
    const input = body();
    const res = await request(svc.app).post('/api/users').send(input);
    expect(res.status).toBe(201);
    const user = UserResponseSchema.parse(res.body);
    expect(user).toMatchObject({ email: input.email, username: input.username, first_name: 'Ada', last_name: null, is_active: true, is_verified: false });
    expect(res.headers.location).toBe(`/api/users/${user.id}`);
    expect(JSON.stringify(res.body)).not.toContain('password');
    const { rows } = await svc.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$10\$/);
    expect(rows[0].password_hash).not.toContain(input.password);
  });

  it('writes UserCreated to the outbox in the same transaction, valid against the contract', async () => {
    const res = await request(svc.app).post('/api/users').send(body());
    const { rows } = await svc.pool.query('SELECT topic, message_key, payload FROM outbox WHERE message_key = $1', [res.body.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].topic).toBe('user.events');
    const event = eventSchema('UserCreated').parse(rows[0].payload);
    expect(event).toMatchObject({ aggregate_id: res.body.id, aggregate_type: 'user', version: 1, data: { user_id: res.body.id, email: res.body.email } });
  });

  it('answers 409 USER_001 for a taken e-mail, in any letter case, and writes nothing', async () => {
    const first = body();
    await request(svc.app).post('/api/users').send(first).expect(201);
    const res = await request(svc.app).post('/api/users').send(body({ email: first.email.toUpperCase() }));
    expect(res.status).toBe(409);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('USER_001');
    const { rows } = await svc.pool.query('SELECT count(*)::int AS n FROM outbox o JOIN users u ON u.id::text = o.message_key WHERE lower(u.email) = lower($1)', [first.email]);
    expect(rows[0].n).toBe(1);
  });

  it('answers 409 USER_002 for a taken username', async () => {
    const first = body();
    await request(svc.app).post('/api/users').send(first).expect(201);
    const res = await request(svc.app).post('/api/users').send(body({ username: first.username }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('USER_002');
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
    ['username', { username: undefined }],
  ])('answers 400 VALIDATION_ERROR naming %s', async (field, over) => {
    const res = await request(svc.app).post('/api/users').send(body(over));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field } });
  });

  it('relays the event to user.events exactly once, keyed by the user id', async () => {
    const res = await request(svc.app).post('/api/users').send(body());
    svc.relay.start();
    const mine = (await readTopic(svc.topic, (m) => m.some((x) => x.key === res.body.id))).filter((x) => x.key === res.body.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].headers.event_type).toBe('UserCreated');
    expect(eventSchema('UserCreated').parse(mine[0].json()).data.email).toBe(res.body.email);
  });
});
