import { randomUUID } from 'node:crypto';
import { freePort, startService, type RunningService } from '@platform/devstack';
import {
  Mailbox,
  createTestDatabase,
  expectNoSecrets,
  rememberSecret,
  uniqueTopicPrefix,
} from '@platform/devstack/testing';
import { readTopic, readTopicsWithPrefix } from '@platform/messaging/testing';

/** Flow 1 of docs/architecture.md: register → UserCreated → e-mails → verify → UserActivated. */
describe('register, welcome and verification across processes', () => {
  const services: RunningService[] = [];
  const prefix = uniqueTopicPrefix();
  // an instance name of its own: the log files then hold this run's lines only (the secret scan reads them)
  const instance = `e2e-${randomUUID().slice(0, 8)}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let users: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase('e2e_users');
    const shared = { KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' };
    services.push(
      await startService('notification-worker', {
        port: await freePort(),
        instance,
        env: { ...shared, CONSUMER_GROUP: `nw-${randomUUID()}` },
      }),
    );
    users = await startService('user-service', {
      port: await freePort(),
      instance,
      env: { ...shared, DATABASE_URL: db.url, BCRYPT_ROUNDS: '10' },
    });
    services.push(users);
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    try {
      // the password and the e-mailed token must be in no log line, event or row (hashes only)
      await expectNoSecrets({
        logs: services.map((s) => s.log),
        topicPrefix: prefix,
        readTopics: readTopicsWithPrefix,
        postgresUrls: [db.url],
      });
    } finally {
      await db.drop();
    }
  });

  const post = (path: string, body: object) =>
    fetch(`${users.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('e-mails a welcome and a verification link; the link activates the account', async () => {
    const email = `e2e-${randomUUID()}@example.com`;
    const password = rememberSecret('password', `welcome-${randomUUID()}`);
    const res = await post('/api/v1/auth/register', { email, password, firstName: 'Linus' });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { id: string } };

    const mails = await new Mailbox().waitFor(email, { count: 2, timeoutMs: 30_000 });
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Verify your e-mail address',
      'Welcome to the shop, Linus!',
    ]);
    const text = mails.find((m) => m.subject.startsWith('Verify'))?.text ?? '';
    const token = rememberSecret('verification-token', /[?&]token=([\w-]+)/.exec(text)?.[1] as string);
    expect(text).toContain(`user_id=${user.id}`);

    const verified = await post(`/api/users/${user.id}/verify`, { verification_token: token });
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { is_verified: boolean }).is_verified).toBe(true);
    const events = await readTopic(`${prefix}user.events`, (m) =>
      m.some((x) => x.headers.event_type === 'UserActivated'),
    );
    expect(events.filter((m) => m.key === user.id).map((m) => m.headers.event_type)).toEqual([
      'UserCreated',
      'UserActivated',
    ]);
  });
});
