import { readTopic } from '@platform/devstack/testing';
import request from 'supertest';
import { startUserService } from './harness';

/**
 * The process dies after the commit and before the publish: the relay is not running when the user is
 * created (as if the process had crashed right after COMMIT). A new relay, as after a restart, must
 * publish the event exactly once.
 */
describe('outbox survives a crash between commit and publish', () => {
  it('publishes the committed event once after the restart', async () => {
    const svc = await startUserService();
    try {
      const res = await request(svc.app)
        .post('/api/users')
        .send({ email: 'crash@example.com', username: 'crash_user', password: 'password123' })
        .expect(201);
      const pending = await svc.pool.query('SELECT event_id FROM outbox WHERE published_at IS NULL');
      expect(pending.rows).toHaveLength(1);
      const nothingYet = await readTopic(svc.topic, () => false, { timeoutMs: 500, settleMs: 0 });
      expect(nothingYet).toHaveLength(0);

      svc.relay.start(); // the restarted process
      const seen = await readTopic(svc.topic, (m) => m.length >= 1, { settleMs: 1500 });
      await svc.relay.stop();
      svc.relay.start(); // and once more: a second restart must not publish it again
      await new Promise((r) => setTimeout(r, 300));
      const again = await readTopic(svc.topic, (m) => m.length >= 1, { settleMs: 500 });

      expect(seen.map((m) => m.key)).toEqual([res.body.id]);
      expect(again.map((m) => m.json<{ event_id: string }>().event_id)).toEqual([pending.rows[0].event_id]);
    } finally {
      await svc.stop();
    }
  });
});
