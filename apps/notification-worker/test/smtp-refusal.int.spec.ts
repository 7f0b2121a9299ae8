import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { freePort } from '@platform/devstack';
import { eventually } from '@platform/devstack/testing';
import { readTopic } from '@platform/messaging/testing';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { startWorker, type Worker } from './harness';

/**
 * An SMTP server of this test's own (smtp-server, as a real mail server answers): it refuses `gone-*`
 * recipients for good (550), turns `busy-*` ones away twice with a 451 before taking them, and keeps
 * the recipients of what it accepted and how often each was tried.
 */
async function strictSmtp(port: number) {
  const accepted: string[] = [];
  const tries = new Map<string, number>();
  const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address;
      const attempt = (tries.get(to) ?? 0) + 1;
      tries.set(to, attempt);
      if (to.startsWith('gone-')) return callback(reply(550, 'No such user here'));
      if (to.startsWith('busy-') && attempt <= 2) return callback(reply(451, 'Try again later'));
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        accepted.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { accepted, tries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('notification-worker when SMTP refuses an address', () => {
  let smtp: Awaited<ReturnType<typeof strictSmtp>>;
  let worker: Worker;
  beforeAll(async () => {
    const port = await freePort();
    smtp = await strictSmtp(port);
    worker = await startWorker({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await worker.stop();
    await smtp.close();
  });

  const welcome = (prefix: string) => sampleUserCreated({ email: `${prefix}-${randomUUID()}@example.com` });

  it('logs a permanent refusal (5xx) as failed_permanent, does not retry it, and moves on', async () => {
    const refused = welcome('gone');
    const next = welcome('ok');
    await worker.publish(refused, next);

    await eventually(() => smtp.accepted.includes(next.data.email), { what: 'the next mail to be accepted' });
    expect(await worker.delivery(refused.event_id)).toMatchObject({
      template: 'welcome',
      status: 'failed_permanent',
      reason: expect.stringContaining('550'),
    });
    await worker.caughtUp(TOPICS.userEvents);
    expect(smtp.accepted).not.toContain(refused.data.email);
    expect(smtp.tries.get(refused.data.email)).toBe(1);
    const dlq = await readTopic(`${worker.topic}.dlq`, () => true);
    expect(dlq.filter((m) => m.key === refused.aggregate_id)).toEqual([]);
    const metrics = (await request(worker.app).get('/metrics')).text;
    expect(metrics).toMatch(
      /notifications_sent_total\{[^}]*template="welcome"[^}]*status="failed_permanent"[^}]*\} 1/,
    );
  });

  it('retries a temporary refusal (4xx) with backoff until the server takes the mail', async () => {
    const busy = welcome('busy');
    await worker.publish(busy);
    await eventually(() => smtp.accepted.includes(busy.data.email), { what: 'the busy mail to be accepted' });
    expect(smtp.tries.get(busy.data.email)).toBe(3);
    expect(await worker.delivery(busy.event_id)).toMatchObject({ status: 'sent' });
  });
});
