import { randomUUID } from 'node:crypto';
import { TOPICS, type DomainEvent } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { eventually } from '@platform/devstack/testing';
import { AppError, createRedis } from '@platform/service-kit';
import type Redis from 'ioredis';
import { LeaseInbox, type HandlerContext } from '../src';

/**
 * The lease inbox on the real Redis. The effect is "send a message" with an id derived from the event,
 * recorded in `sent`; each `LeaseInbox` on its own connection plays one consumer process.
 */
describe('LeaseInbox: claim with a lease, run the effect, mark done', () => {
  const prefix = `test-${randomUUID()}:inbox`;
  const clients: Redis[] = [];
  const sent: string[] = [];
  const messageIdOf = (event: { event_id: string }) => `<${event.event_id}@shop.local>`;

  const connect = async () => {
    const c = createRedis(process.env.REDIS_URL as string);
    await c.connect();
    clients.push(c);
    return c;
  };
  const ctx = (): HandlerContext => ({
    group: `g-${randomUUID()}`,
    topic: TOPICS.userEvents,
    partition: 0,
    offset: '0',
  });

  afterAll(async () => {
    const admin = await connect();
    const leftovers = await admin.keys(`${prefix}:*`);
    if (leftovers.length) await admin.del(...leftovers);
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  });
  beforeEach(() => void (sent.length = 0));

  it('re-sends with the same Message-ID when the process dies between the effect and the mark', async () => {
    const event = sampleUserCreated();
    const c = ctx();
    const dying = createRedis(process.env.REDIS_URL as string); // closed by the test itself
    await dying.connect();
    // first process: sends, then loses Redis before it can mark the event done (and never releases)
    const first = new LeaseInbox(dying, { leaseMs: 300, prefix }).handle(
      async (e: DomainEvent<'UserCreated'>) => {
        sent.push(messageIdOf(e));
        dying.disconnect();
      },
    );
    await expect(first(event, c)).rejects.toThrow();

    // second process: the lease is still live, so it must wait (a retriable failure, not a duplicate)
    const redis = await connect();
    const inbox = new LeaseInbox(redis, { leaseMs: 300, prefix });
    const second = inbox.handle(async (e: DomainEvent<'UserCreated'>) => void sent.push(messageIdOf(e)));
    const held = await second(event, c).catch((err: unknown) => err);
    expect(held).toBeInstanceOf(AppError);
    expect(held).toMatchObject({ code: 'INBOX_LEASE_HELD', retriable: true });
    expect(sent).toHaveLength(1);

    // once the lease has expired, the redelivery sends again, with the same Message-ID
    const key = inbox.key(c.group, event.event_id);
    await eventually(async () => (await redis.pttl(key)) === -2, { what: 'the lease to expire' });
    expect(await second(event, c)).toBeUndefined();
    expect(sent).toEqual([messageIdOf(event), messageIdOf(event)]);
    expect(await redis.get(key)).toBe('done');
    expect(await second(event, c)).toBe('duplicate');
    expect(sent).toHaveLength(2);
  });

  it('runs the effect once for concurrent deliveries; the others wait or see it done', async () => {
    const event = sampleUserCreated();
    const c = ctx();
    const handlers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        new LeaseInbox(await connect(), { prefix }).handle(async (e: DomainEvent<'UserCreated'>) => {
          sent.push(messageIdOf(e));
        }),
      ),
    );
    const results = await Promise.all(handlers.map((h) => h(event, c).catch((err: AppError) => err.code)));
    expect(sent).toEqual([messageIdOf(event)]);
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    expect(results.every((r) => r === undefined || r === 'duplicate' || r === 'INBOX_LEASE_HELD')).toBe(true);
  });

  it('marks done only over its own lease: a successor that took over an expired lease keeps it', async () => {
    const event = sampleUserCreated();
    const c = ctx();
    const redis = await connect();
    const slow = new LeaseInbox(redis, { leaseMs: 100, prefix });
    const key = slow.key(c.group, event.event_id);
    const successor = 'lease:successor';
    const send = slow.handle(async (e: DomainEvent<'UserCreated'>) => {
      // the effect outlives its lease, and another consumer claims the event meanwhile
      await eventually(async () => (await redis.pttl(key)) === -2, { what: 'the lease to expire' });
      expect(await redis.set(key, successor, 'PX', 60_000, 'NX')).toBe('OK');
      sent.push(messageIdOf(e));
    });
    expect(await send(event, c)).toBeUndefined();
    expect(await redis.get(key)).toBe(successor);
  });

  it('releases the lease when the effect fails, so the retry need not wait for it to expire', async () => {
    const event = sampleUserCreated();
    const c = ctx();
    const inbox = new LeaseInbox(await connect(), { leaseMs: 60_000, prefix });
    let smtpUp = false;
    const send = inbox.handle(async (e: DomainEvent<'UserCreated'>) => {
      if (!smtpUp)
        throw new AppError({ code: 'SERVICE_UNAVAILABLE', status: 503, retriable: true, message: 'down' });
      sent.push(messageIdOf(e));
    });
    await expect(send(event, c)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    smtpUp = true;
    expect(await send(event, c)).toBeUndefined();
    expect(sent).toEqual([messageIdOf(event)]);
  });
});
