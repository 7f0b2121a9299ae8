import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { sampleUserCreated } from '@platform/contracts/testing';
import { freePort } from '@platform/devstack';
import { eventually, Mailbox, type CaughtMail } from '@platform/devstack/testing';
import { produceRaw, readTopic, waitForGroupCaughtUp } from '@platform/messaging/testing';
import { startWorker } from './harness';

/**
 * An SMTP front of this test's own, before the shared MailDev: while "down" it hangs up on every
 * connection (counting them), once "up" it passes the conversation through to MailDev.
 */
async function smtpFront(port: number) {
  const target = new URL(process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025');
  const state = { up: false, refused: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (!state.up) {
      state.refused += 1;
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    state,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('notification-worker during an SMTP outage', () => {
  const mailbox = new Mailbox();
  let front: Awaited<ReturnType<typeof smtpFront>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    const port = await freePort();
    front = await smtpFront(port);
    worker = await startWorker({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await worker.stop();
    await front.close();
  });

  it('waits the outage out and sends the mail when SMTP is back, with nothing in the DLQ', async () => {
    const event = sampleUserCreated({ email: `outage-${randomUUID()}@example.com`, first_name: 'Grace' });
    const later = sampleUserCreated({
      user_id: event.data.user_id,
      email: event.data.email,
      first_name: 'Again',
    });
    await produceRaw(worker.topic, [
      { key: event.aggregate_id, value: JSON.stringify(event) },
      { key: later.aggregate_id, value: JSON.stringify(later) },
    ]);

    // more failed attempts than the old fixed budget of four, which dead-lettered the mail
    await eventually(() => front.state.refused >= 6, { timeoutMs: 30_000, what: 'six refused connections' });
    expect(await mailbox.to(event.data.email)).toEqual([]);
    front.state.up = true;

    const mails = await mailbox.waitFor(event.data.email, { count: 2 });
    // in order (one key, one partition), each with the Message-ID of its event
    expect(mails.map((m) => m.subject)).toEqual([
      'Welcome to the shop, Grace!',
      'Welcome to the shop, Again!',
    ]);
    expect(
      mails.map((m) => (m as CaughtMail & { headers: Record<string, string> }).headers['message-id']),
    ).toEqual([`<${event.event_id}@shop.local>`, `<${later.event_id}@shop.local>`]);
    await waitForGroupCaughtUp(worker.group, worker.topic);
    const dlq = await readTopic(`${worker.topic}.dlq`, () => true);
    expect(dlq.filter((m) => m.key === event.aggregate_id)).toEqual([]);
  });
});
