import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { Mailbox } from '@platform/devstack/testing';
import request from 'supertest';
import { startWorker, waitForMail, type Worker } from './harness';
import { sagaOf } from './saga-events';

describe('notification-worker: a buyer the user projection never learns of', () => {
  const mailbox = new Mailbox();
  let worker: Worker;
  // a short wait for the projection, so the test sees the end of it
  beforeAll(async () => void (worker = await startWorker({ env: { RECIPIENT_WAIT_MS: '1500' } })));
  afterAll(() => worker.stop());

  it('skips the mail as "unknown recipient" after RECIPIENT_WAIT_MS, and goes on with the next', async () => {
    const unknown = sagaOf(randomUUID());
    const expired = unknown.expired();
    await worker.publish(expired);
    const buyer = await worker.user();
    const next = sagaOf(buyer.user_id, unknown.orderId); // same order key: the same partition, after it
    await worker.publish(next.expired());

    expect(await worker.delivery(expired.event_id)).toMatchObject({
      template: 'order-expired',
      status: 'skipped',
      reason: 'unknown recipient',
    });
    await waitForMail(mailbox, buyer.email, /expired$/);
    await worker.caughtUp(TOPICS.orderEvents);
    const metrics = (await request(worker.app).get('/metrics')).text;
    expect(metrics).toMatch(
      /notifications_sent_total\{[^}]*template="order-expired"[^}]*status="skipped"[^}]*\} 1/,
    );
    expect(metrics).toMatch(
      /notifications_sent_total\{[^}]*template="order-expired"[^}]*status="sent"[^}]*\} 1/,
    );
  });
});
