import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@platform/devstack/testing';
import { createLogger, createPgPool } from '@platform/service-kit';
import { type Pool } from 'pg';
import { migrate } from '../src/db/migrate';
import { EventsRepository } from '../src/eventflow/events.repository';

/**
 * The store's promise to cursors: within a tenant, an event with a smaller position never becomes
 * visible after a larger one was read. Many transactions insert at once (as the store consumer does
 * with several partitions, and as several instances do) while a reader pages by position; it must
 * see every event exactly once.
 */
describe('EventFlow store: positions commit in order per tenant', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: Pool;
  let events: EventsRepository;
  beforeAll(async () => {
    db = await createTestDatabase('eventflow_store');
    await migrate(db.url, createLogger('data-pipeline', 'silent'));
    pool = createPgPool(db.url, { max: 20 });
    events = new EventsRepository(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const event = (tenantId: string, i: number) => ({
    event_id: randomUUID(),
    tenant_id: tenantId,
    producer_id: randomUUID(),
    event_type: i % 3 ? 'a' : 'b',
    event_version: 1,
    payload: { i },
    received_at: new Date().toISOString(),
  });

  it('a reader paging by position during 600 concurrent inserts of two tenants sees each of its tenant’s events once', async () => {
    const tenant = randomUUID();
    const neighbour = randomUUID();
    const mine = Array.from({ length: 400 }, (_, i) => event(tenant, i));
    const theirs = Array.from({ length: 200 }, (_, i) => event(neighbour, i));
    let writing = true;
    const seen: string[] = [];
    const reader = (async () => {
      let cursor = '0';
      for (;;) {
        const done = !writing; // read once more after the last commit
        const page = await events.after(tenant, ['a', 'b'], cursor, 50);
        seen.push(...page.map((p) => p.event.event_id));
        if (page.length) cursor = page[page.length - 1]!.seq;
        else if (done) return;
      }
    })();
    // 16 writers at a time (the pool has 20), interleaving both tenants
    const queue = [...mine, ...theirs].sort(() => Math.random() - 0.5);
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let e = queue.pop(); e; e = queue.pop()) await events.store(e);
      }),
    );
    writing = false;
    await reader;
    expect(seen.length).toBe(mine.length);
    expect(new Set(seen)).toEqual(new Set(mine.map((e) => e.event_id)));
  });

  it('stores a redelivered event once', async () => {
    const tenant = randomUUID();
    const e = event(tenant, 1);
    await Promise.all([events.store(e), events.store(e), events.store({ ...e, payload: { other: true } })]);
    const rows = await events.after(tenant, ['a', 'b'], '0', 10);
    expect(rows.map((r) => r.event.event_id)).toEqual([e.event_id]);
  });
});
