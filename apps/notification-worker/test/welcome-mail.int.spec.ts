import { randomUUID } from 'node:crypto';
import { notificationSecretKey, sealSecret } from '@platform/auth';
import { sampleUserCreated } from '@platform/contracts/testing';
import { Mailbox, type CaughtMail } from '@platform/devstack/testing';
import { produceRaw, readTopic, waitForGroupCaughtUp } from '@platform/messaging/testing';
import request from 'supertest';
import { startWorker } from './harness';

describe('notification-worker on real Kafka, Redis and SMTP', () => {
  const mailbox = new Mailbox();
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => void (worker = await startWorker()));
  afterAll(() => worker.stop());

  const userCreated = () =>
    sampleUserCreated({ email: `new-${randomUUID()}@example.com`, first_name: 'Grace' });
  const send = (...events: object[]) =>
    produceRaw(
      worker.topic,
      events.map((e) => ({ key: (e as { aggregate_id: string }).aggregate_id, value: JSON.stringify(e) })),
    );

  it('e-mails a welcome to the new user and logs the delivery', async () => {
    const event = userCreated();
    await send(event);
    const [mail] = await mailbox.waitFor(event.data.email);
    expect(mail.subject).toBe('Welcome to the shop, Grace!');
    expect(mail.text).toContain(event.data.username);
    expect(mail.from[0].address).toBe('no-reply@shop.local');
    // the receiver can deduplicate a re-sent mail: its Message-ID comes from the event, not the attempt
    const messageId = `<${event.event_id}@shop.local>`;
    expect((mail as CaughtMail & { headers: Record<string, string> }).headers['message-id']).toBe(messageId);
    expect(await worker.delivery(event.event_id)).toMatchObject({
      template: 'welcome',
      status: 'sent',
      to: event.data.email,
      message_id: messageId,
    });
  });

  it('exports the lag of its consumer group on /metrics', async () => {
    await send(userCreated());
    await waitForGroupCaughtUp(worker.group, worker.topic);
    const res = await request(worker.app).get('/metrics');
    expect(res.text).toMatch(
      new RegExp(`kafka_consumer_lag\\{[^}]*group="${worker.group}"[^}]*topic="${worker.topic}"[^}]*\\} 0`),
    );
  });

  it('sends one mail when the same UserCreated is delivered twice', async () => {
    const event = userCreated();
    await send(event, event);
    await waitForGroupCaughtUp(worker.group, worker.topic);
    expect(await mailbox.to(event.data.email)).toHaveLength(1);
  });

  it('sends the verification e-mail requested on notifications', async () => {
    const userId = randomUUID();
    const to = `verify-${userId}@example.com`;
    const eventId = randomUUID();
    // sealed as user-service seals it, with the key the worker reads (the same environment)
    const key = notificationSecretKey(process.env.NOTIFICATION_SECRET_KEY);
    const link = 'http://shop/verify-email?token=tok-123';
    const request = {
      event_id: eventId,
      event_type: 'NotificationRequested',
      aggregate_id: userId,
      aggregate_type: 'notification',
      occurred_at: new Date().toISOString(),
      version: 1,
      data: {
        channel: 'email',
        template: 'verify-email',
        to,
        params: { username: 'ada' },
        sealed: sealSecret(key, JSON.stringify({ token: 'tok-123', link }), [eventId, to]),
      },
    };
    await produceRaw(worker.notificationsTopic, [{ key: userId, value: JSON.stringify(request) }]);
    const [mail] = await mailbox.waitFor(to);
    expect(mail.subject).toBe('Verify your e-mail address');
    expect(mail.text).toContain('http://shop/verify-email?token=tok-123');
    expect(mail.html).toContain('href="http://shop/verify-email?token&#x3D;tok-123"');
  });

  it('moves a malformed message to user.events.dlq and keeps consuming', async () => {
    const key = `poison-${randomUUID()}`;
    await produceRaw(worker.topic, [{ key, value: 'not json at all' }]);
    const next = userCreated();
    await send(next);
    await mailbox.waitFor(next.data.email);
    const dlq = await readTopic(`${worker.topic}.dlq`, (m) => m.some((x) => x.key === key));
    const copy = dlq.find((m) => m.key === key);
    expect(copy?.value).toBe('not json at all');
    expect(copy?.headers['dlq.reason']).toBe('malformed_json');
  });
});
