import { randomUUID } from 'node:crypto';
import { freePort, startService, type RunningService } from '@platform/devstack';
import { Mailbox, createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';

/** Flow 1 of ARCHITECTURE.md §2, first leg: sign-up → UserCreated on user.events → welcome e-mail. */
describe('sign-up to welcome mail, across processes', () => {
  const services: RunningService[] = [];
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('e2e_users');
    const shared = { KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(), LOG_LEVEL: 'warn' };
    services.push(
      await startService('notification-worker', { port: await freePort(), instance: 'e2e', env: { ...shared, CONSUMER_GROUP: `nw-${randomUUID()}` } }),
      await startService('user-service', { port: await freePort(), instance: 'e2e', env: { ...shared, DATABASE_URL: db.url } }),
    );
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await db.drop();
  });

  it('e-mails the new user after POST /api/users', async () => {
    const email = `e2e-${randomUUID()}@example.com`;
    const users = services.find((s) => s.name === 'user-service') as RunningService;
    const res = await fetch(`${users.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, username: `e2e_${randomUUID().slice(0, 8)}`, password: 'password123', first_name: 'Linus' }),
    });
    expect(res.status).toBe(201);
    const [mail] = await new Mailbox().waitFor(email, { timeoutMs: 30_000 });
    expect(mail.to[0].address).toBe(email);
    expect(mail.subject).toBe('Welcome to the shop, Linus!');
  });
});
