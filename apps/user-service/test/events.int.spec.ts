import { eventSchema, isKnownEventType, type EventType } from '@platform/contracts';
import { readTopic, type ReadMessage } from '@platform/messaging/testing';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

/** Every state change reaches Kafka through the outbox, each message valid against its contract schema. */
describe('published events', () => {
  let svc: UserService;
  beforeAll(async () => {
    svc = await startUserService();
    svc.relay.start();
  });
  afterAll(() => svc.stop());

  const parsed = (messages: ReadMessage[]) =>
    messages.map((m) => {
      const raw = m.json<{ event_type: string; aggregate_id: string }>();
      if (!isKnownEventType(raw.event_type)) throw new Error(`unknown event ${raw.event_type}`);
      const event = eventSchema(raw.event_type as EventType).parse(raw); // throws when off-contract
      expect(m.key).toBe(event.aggregate_id);
      expect(m.headers.event_type).toBe(event.event_type);
      return event;
    });

  it('publishes each state change once, on user.events and notifications', async () => {
    const acct = await svc.register();
    const id = acct.user.id;
    const app = request(svc.app);
    await app
      .post('/api/v1/auth/login')
      .send({ email: acct.user.email, password: acct.password, session_id: 'guest-42' })
      .expect(200);
    await app.put(`/api/users/${id}`).set(bearer(acct.access_token)).send({ first_name: 'New' }).expect(200);
    const { token } = await svc.verificationSecret(id);
    await app.post(`/api/users/${id}/verify`).send({ verification_token: token }).expect(200);
    const key = await app
      .post('/api/v1/api-keys')
      .set(bearer(acct.access_token))
      .send({ name: 'k', permissions: ['read'] })
      .expect(201);
    await app.delete(`/api/v1/api-keys/${key.body.id}`).set(bearer(acct.access_token)).expect(204);
    await app.delete(`/api/users/${id}`).set(bearer(acct.access_token)).expect(204);

    const expected = [
      'TenantCreated',
      'UserCreated',
      'UserLoggedIn',
      'UserUpdated',
      'UserActivated',
      'ApiKeyCreated',
      'ApiKeyRevoked',
      'UserDeleted',
    ];
    const events = parsed(await readTopic(svc.topic, (m) => m.length >= expected.length));
    expect(events.map((e) => e.event_type).sort()).toEqual([...expected].sort());
    // Kafka orders per key (aggregate): the user's own events arrive in the order they happened
    const ofUser = events.filter((e) => e.aggregate_id === id).map((e) => e.event_type);
    expect(ofUser).toEqual(['UserCreated', 'UserLoggedIn', 'UserUpdated', 'UserActivated', 'UserDeleted']);
    expect(events.every((e) => e.tenant_id === acct.user.tenant_id)).toBe(true);
    expect(events.find((e) => e.event_type === 'UserLoggedIn')?.data).toMatchObject({
      user_id: id,
      session_id: 'guest-42',
    });
    expect(events.find((e) => e.event_type === 'UserUpdated')?.data).toMatchObject({
      changed: ['first_name'],
      first_name: 'New',
    });
    expect(JSON.stringify(events)).not.toContain(acct.password);
    expect(JSON.stringify(events)).not.toContain(token); // the verification token goes to notifications only

    const notifications = parsed(await readTopic(svc.notificationsTopic, (m) => m.length >= 1));
    expect(notifications.map((e) => e.event_type)).toEqual(['NotificationRequested']);
  });
});
