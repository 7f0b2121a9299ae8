import { readTopic } from '@platform/messaging/testing';
import request from 'supertest';
import { startUserService } from './harness';

/**
 * The process dies after the commit and before the publish: the relay is not running when the user is
 * created (as if the process had crashed right after COMMIT). A new relay, as after a restart, must
 * publish each committed event exactly once.
 */
describe('outbox survives a crash between commit and publish', () => {
  it('publishes the committed events once after the restart, and not again after another', async () => {
    const svc = await startUserService();
    try {
      await request(svc.app)
        .post('/api/users')
        .send({ email: 'crash@example.com', username: 'crash_user', password: 'password123' })
        .expect(201);
      const pending = await svc.pool.query(
        "SELECT event_id FROM outbox WHERE published_at IS NULL AND topic = 'user.events'",
      );
      expect(pending.rows).toHaveLength(2); // TenantCreated, UserCreated

      svc.relay.start(); // the restarted process
      await readTopic(svc.topic, (m) => m.length >= 2);
      await svc.relay.stop();
      svc.relay.start(); // a second restart must not publish them again
      await new Promise((r) => setTimeout(r, 300));
      const all = await readTopic(svc.topic, (m) => m.length >= 2);

      const ids = all.map((m) => m.json<{ event_id: string }>().event_id).sort();
      expect(ids).toEqual(pending.rows.map((r) => r.event_id).sort());
    } finally {
      await svc.stop();
    }
  });
});
