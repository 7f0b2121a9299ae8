import { Writable } from 'node:stream';
import { notificationSecretKey, openSecret } from '@platform/auth';
import { eventSchema } from '@platform/contracts';
import { readTopic } from '@platform/messaging/testing';
import { createLogger } from '@platform/service-kit';
import request from 'supertest';
import winston from 'winston';
import { startUserService, type UserService } from './harness';

/**
 * The verification token opens an account. It travels sealed for notification-worker: neither the
 * outbox row (kept for days), the Kafka topic nor any log line holds it in the clear.
 */
describe('secrets in events', () => {
  const lines: string[] = [];
  let svc: UserService;
  beforeAll(async () => {
    // every line the service writes, at the most verbose level, through a winston stream transport
    const logger = createLogger('user-service', 'debug');
    logger.clear().add(
      new winston.transports.Stream({
        stream: new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }),
      }),
    );
    svc = await startUserService({ logger });
    svc.relay.start();
  });
  afterAll(() => svc.stop());

  it('the verification token is sealed in PostgreSQL, on Kafka and absent from the logs; the link works', async () => {
    const res = await request(svc.app)
      .post('/api/v1/auth/register')
      .send({ email: 'sealed@example.com', password: 'password123', nickname: 'sealed_user' })
      .expect(201);
    const userId = res.body.user.id as string;

    const messages = await readTopic(svc.notificationsTopic, (m) => m.some((x) => x.key === userId));
    const published = messages.filter((m) => m.key === userId);
    expect(published).toHaveLength(1);
    const event = eventSchema('NotificationRequested').parse(published[0].json());
    expect(event.data.sealed).toMatchObject({ alg: 'A256GCM' });

    // what notification-worker does: open it with the shared key, bound to this event and recipient
    const key = notificationSecretKey(svc.config.NOTIFICATION_SECRET_KEY);
    const secret = JSON.parse(openSecret(key, event.data.sealed!, [event.event_id, event.data.to])) as {
      token: string;
      link: string;
    };
    expect(secret.link).toBe(`${svc.config.PUBLIC_URL}/verify-email?user_id=${userId}&token=${secret.token}`);
    expect(secret.token.length).toBeGreaterThanOrEqual(32);

    // the link's token verifies the account
    const token = new URL(secret.link).searchParams.get('token');
    await request(svc.app)
      .post(`/api/users/${userId}/verify`)
      .send({ verification_token: token })
      .expect(200);

    const outbox = await svc.pool.query('SELECT payload::text AS p FROM outbox');
    expect(outbox.rows.length).toBeGreaterThanOrEqual(3);
    const everywhere = {
      outbox: outbox.rows.map((r) => r.p as string).join('\n'),
      topic: messages.map((m) => `${m.value} ${JSON.stringify(m.headers)}`).join('\n'),
      logs: lines.join(''),
    };
    // the capture works: it holds the access lines of the sign-up and of the verification
    expect(everywhere.logs).toContain('/api/v1/auth/register');
    expect(everywhere.logs).toContain('verify');
    for (const [where, text] of Object.entries(everywhere))
      expect({ where, leaks: text.includes(secret.token) }).toEqual({ where, leaks: false });
  });
});
