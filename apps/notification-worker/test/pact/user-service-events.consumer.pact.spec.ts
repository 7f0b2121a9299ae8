import { createCipheriv } from 'node:crypto';
import { TOPICS, type Topic } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { Mailbox, uniqueTopicPrefix } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { consumerPact, envelope, isoTime, MatchersV3 } from '@platform/pact';
import { createLogger } from '@platform/service-kit';
import { loadWorkerConfig } from '../../src/config';
import { buildUserProjection } from '../../src/users/user-projection';
import { UsersRepository } from '../../src/users/users.repository';
import { startWorker, type Worker } from '../harness';

const { regex, uuid, like, eachLike } = MatchersV3;
// ids and times are any value of their shape; the examples are fixed so the pact file stays stable
const [NEW_USER, RENAMED, DELETED] = [
  '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
];
const WELCOMED = 'pact-welcome@example.com';
const VERIFYING = 'pact-verify@example.com';
const EVENT = {
  UserCreated: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  UserUpdated: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c',
  UserDeleted: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  NotificationRequested: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
};
const email = (example: string) => regex('^[^@\\s]+@[^@\\s]+$', example);
const base64url = (example: string) => regex('^[A-Za-z0-9_-]+$', example);

/** The envelope (tenant_id is optional and left out) around only the data notification-worker reads. */
const event = (type: keyof typeof EVENT, id: string, data: Record<string, unknown>) =>
  envelope({
    eventId: EVENT[type],
    eventType: type,
    aggregateId: id,
    aggregateType: type === 'NotificationRequested' ? 'notification' : 'user',
    occurredAt: isoTime('2026-01-05T10:00:00.000Z'),
    data,
  });

/**
 * A TEST-ONLY key and a harmless secret: the worker must open what it is sent, so the example is sealed
 * for real, with a fixed IV to keep the pact stable. No token user-service issued is in the pact.
 */
const PACT_SECRET_KEY = Buffer.alloc(32, 'pact-test-only').toString('base64');
const LINK = 'https://shop.example/verify?token=pact-example-token';
function sealedExample() {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(PACT_SECRET_KEY, 'base64'), Buffer.alloc(12, 1));
  cipher.setAAD(Buffer.from([EVENT.NotificationRequested, VERIFYING].join('\u0000')));
  const plain = JSON.stringify({ token: 'pact-example-token', link: LINK });
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: base64url(Buffer.alloc(12, 1).toString('base64url')),
    ciphertext: base64url(ciphertext.toString('base64url')),
    tag: base64url(cipher.getAuthTag().toString('base64url')),
  };
}

describe('notification-worker ← user-service events (message pact)', () => {
  const pact = consumerPact('notification-worker', 'user-service');
  const mailbox = new Mailbox();
  let worker: Worker;
  let projection: ReturnType<typeof buildUserProjection>;
  let users: UsersRepository;
  let broker: Broker;

  beforeAll(async () => {
    worker = await startWorker({ env: { NOTIFICATION_SECRET_KEY: PACT_SECRET_KEY } });
    // the projection's consumer as compose.ts builds it, on the worker's Redis (the harness exposes the mail group's)
    const config = loadWorkerConfig({ ...process.env, KAFKA_TOPIC_PREFIX: uniqueTopicPrefix() });
    broker = Broker.fromConfig('notification-worker', config, createLogger('notification-worker', 'silent'));
    users = new UsersRepository(worker.redis);
    projection = buildUserProjection({ config, broker, users });
    // the example users have the same ids every run: forget what an earlier run projected
    await worker.redis.del(...[NEW_USER, RENAMED, DELETED].map((id) => `nw:user:${id}`));
  });
  afterAll(async () => {
    await broker?.disconnect();
    await worker?.stop();
  });

  const receive = (description: string, content: Record<string, unknown>, topic: Topic = TOPICS.userEvents) =>
    pact
      .addAsynchronousInteraction()
      .expectsToReceive(description, (b) => b.withJSONContent(content).withMetadata({ topic }));
  type Message = { contents: { content: unknown }; metadata: Record<string, unknown> };
  const value = (m: Message) => JSON.stringify(m.contents.content);
  /** A user the projection knows (a UserCreated of the contract's own fixtures, handled first). */
  const projected = (id: string) =>
    projection.deliver(TOPICS.userEvents, JSON.stringify(sampleUserCreated({ user_id: id })));

  it('projects the new user and e-mails a welcome on UserCreated', async () => {
    const before = (await mailbox.to(WELCOMED)).length;
    await receive(
      'a UserCreated event',
      event('UserCreated', NEW_USER, {
        user_id: uuid(NEW_USER),
        email: email(WELCOMED),
        username: like('pact_buyer'),
        created_at: isoTime('2026-01-05T10:00:00.000Z'),
      }),
    ).executeTest(async (m) => {
      expect(await projection.deliver(m.metadata.topic as string, value(m))).toBe('handled');
      expect(await users.find(NEW_USER)).toMatchObject({ status: 'active', email: WELCOMED });
      expect(await worker.consumer.deliver(m.metadata.topic as string, value(m))).toBe('handled');
      const mails = await mailbox.waitFor(WELCOMED, { count: before + 1 });
      expect(mails.at(-1)?.subject).toBe('Welcome to the shop, pact_buyer!');
    });
  });

  it("keeps the user's new first name on UserUpdated (mails greet them by it)", async () => {
    await projected(RENAMED);
    await receive(
      'a UserUpdated event',
      event('UserUpdated', RENAMED, {
        user_id: uuid(RENAMED),
        changed: eachLike('first_name'),
        first_name: like('Grace'),
        updated_at: isoTime('2026-01-05T10:00:00.000Z'),
      }),
    ).executeTest(async (m) => {
      expect(await projection.deliver(m.metadata.topic as string, value(m))).toBe('handled');
      expect(await users.find(RENAMED)).toMatchObject({ status: 'active', first_name: 'Grace' });
    });
  });

  it('forgets the address of a deleted user on UserDeleted', async () => {
    await projected(DELETED);
    await receive(
      'a UserDeleted event',
      event('UserDeleted', DELETED, {
        user_id: uuid(DELETED),
        deleted_at: isoTime('2026-01-05T10:00:00.000Z'),
      }),
    ).executeTest(async (m) => {
      expect(await projection.deliver(m.metadata.topic as string, value(m))).toBe('handled');
      expect(await users.find(DELETED)).toEqual({ status: 'deleted' });
    });
  });

  it('e-mails the verification link it opens from the sealed secret on NotificationRequested', async () => {
    const before = (await mailbox.to(VERIFYING)).length;
    const data = {
      channel: 'email',
      template: 'verify-email',
      to: email(VERIFYING),
      params: { username: like('pact_buyer') },
      sealed: sealedExample(),
    };
    await receive(
      'a NotificationRequested event',
      event('NotificationRequested', NEW_USER, data),
      TOPICS.notifications,
    ).executeTest(async (m) => {
      expect(await worker.consumer.deliver(m.metadata.topic as string, value(m))).toBe('handled');
      const mails = await mailbox.waitFor(VERIFYING, { count: before + 1 });
      expect(mails.at(-1)?.subject).toBe('Verify your e-mail address');
      expect(mails.at(-1)?.text).toContain(LINK);
    });
  });
});
