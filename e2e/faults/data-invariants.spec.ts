import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOPICS } from '@platform/contracts';
import { freePort, startService, type RunningService, type ServiceName } from '@platform/devstack';
import { createTestDatabase, shopAccounts, uniqueTopicPrefix } from '@platform/devstack/testing';
import { checkDataInvariants, exactlyOnce } from './data-invariants';
import { parquetInteractions } from './data-stores';
import { dataWorkload, type DataTarget, type DataWorkload } from './data-workload';
import { noOutcomes } from './invariant-result';
import { judgeDeadLetters, poison, poisonSent, readDeadLetters } from './dlq';

/**
 * The fault suite's data checks on a calm data-pipeline (and the user-service it authenticates with):
 * without faults they pass, and they fail when a record is lost or doubled, or a DLQ holds something
 * that was not poisoned on purpose. The fault suite runs the same checks under faults.
 */
describe('fault suite data checks', () => {
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const prefix = uniqueTopicPrefix();
  const storeDir = mkdtempSync(path.join(tmpdir(), 'faults-data-'));
  const disposers: (() => Promise<unknown>)[] = [];
  let target: DataTarget;
  let work: DataWorkload;
  let poisoned = 0;

  beforeAll(async () => {
    const [usersDb, dataDb] = await Promise.all([
      createTestDatabase('faults_data_users'),
      createTestDatabase('faults_data'),
    ]);
    disposers.push(
      () => usersDb.drop(),
      () => dataDb.drop(),
    );
    const ports = { 'user-service': await freePort(), 'data-pipeline': await freePort() };
    const url = (name: ServiceName) => `http://127.0.0.1:${ports[name as keyof typeof ports]}`;
    const start = (name: keyof typeof ports, env: Record<string, string>) =>
      startService(name, {
        port: ports[name],
        instance: `faults-data-${prefix.slice(0, -1)}`,
        env: { KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn', ...env },
      }).then((svc: RunningService) => disposers.unshift(() => svc.stop()));
    // side by side: data-pipeline reads user-service's keys only when a request comes
    await Promise.all([
      start('user-service', { DATABASE_URL: usersDb.url, BCRYPT_ROUNDS: '10' }),
      start('data-pipeline', {
        DATABASE_URL: dataDb.url,
        OBJECT_STORE_DIR: storeDir,
        USER_SERVICE_URL: url('user-service'),
        WRITER_FLUSH_MS: '200',
      }),
    ]);
    const accounts = shopAccounts(url('user-service'));
    const shop = await accounts.newShop();
    const apiKey = await accounts.apiKey(shop.admin, ['write']);
    target = { url, prefix, dataStoreDir: storeDir, apiKey, tenantId: shop.tenantId, token: shop.token };
    work = dataWorkload(target);
  }, 60_000);
  afterAll(async () => {
    for (const dispose of disposers) await dispose().catch(() => undefined);
    rmSync(storeDir, { recursive: true, force: true });
  });

  let letters: Awaited<ReturnType<typeof readDeadLetters>>;

  it('every accepted interaction and event is stored once; the DLQs hold only the poison', async () => {
    // the topics data-pipeline itself consumes
    const topics = [
      TOPICS.userEvents,
      TOPICS.itemEvents,
      TOPICS.interactionsIngested,
      TOPICS.eventflowEvents,
    ];
    poisoned = await poison({ brokers, prefix, topics });
    // four clients at once
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let i = 0; i < 25; i++) await work.tick();
      }),
    );
    const allAccepted = { ...noOutcomes(), sent: 50, ok: 50 };
    expect(work.summary()).toEqual({ interaction: allAccepted, 'eventflow-event': allAccepted });

    const results = await checkDataInvariants(target, work);
    expect(results.map((r) => [r.name, r.checked, r.violations])).toEqual([
      ['accepted interactions in Parquet exactly once', 50, []],
      ['accepted EventFlow events in PostgreSQL exactly once', 50, []],
      ['valid interactions and EventFlow events never answered 4xx', 100, []],
    ]);
    // what checkDeadLetters does, with the letters kept for the next test
    letters = await readDeadLetters(brokers, prefix);
    const dlq = judgeDeadLetters(letters, { prefix, poisoned, sent: poisonSent() });
    expect(dlq.violations).toEqual([]);
    expect(dlq.checked).toBeGreaterThanOrEqual(poisoned);
  }, 60_000);

  it('fails on a lost, a doubled or an unknown record', async () => {
    const ops = work.operations();
    const copies = await parquetInteractions(target.dataStoreDir, target.tenantId, `${work.run}-`);
    const [first, ...rest] = copies;
    const check = (c: typeof copies) => exactlyOnce('x', 'interaction', ops, c).violations;
    expect(check(rest)).toEqual([`lost: interaction ${first.id} (${first.marker})`]);
    expect(check([...copies, first])).toEqual([`doubled: interaction ${first.id} stored 2 times`]);
    const again = { id: randomUUID(), marker: first.marker };
    expect(check([...copies, again])).toEqual([
      `doubled: interaction ${first.marker} stored 2 times from 1 requests`,
    ]);
    // a retried request that was stored before it failed is counted, in the name
    expect(exactlyOnce('x', 'interaction', ops, [...copies, again]).name).toBe(
      'x (+1 copies of unanswered requests)',
    );
    expect(check([...copies, { id: again.id, marker: 'elsewhere' }])).toEqual([
      `unknown: interaction ${again.id} (elsewhere) was never sent`,
    ]);

    // an accepted answer whose record never reached the store, through the whole check
    const ghost = { kind: 'eventflow-event' as const, marker: 'ghost', attempts: 1, status: 202 };
    ops.push({ ...ghost, acceptedId: randomUUID() });
    const [, events] = await checkDataInvariants(target, work, { settleTimeoutMs: 1000 });
    expect(events.violations).toEqual([`lost: eventflow-event ${ops.at(-1)!.acceptedId} (ghost)`]);
    ops.pop();
  });

  it('fails on a dead letter that was not poisoned, and on poison that was not dead-lettered', () => {
    const sent = poisonSent();
    const [key, topic] = [...sent][0];
    const stray = {
      topic: `${prefix}order.events.dlq`,
      key: 'order-1',
      group: 'g',
      reason: 'handler_failed',
      error: 'x',
    };
    const judge = (l: typeof letters.letters, complete = true) =>
      judgeDeadLetters({ letters: l, complete }, { prefix, poisoned, sent }).violations;
    expect(judge([...letters.letters, stray])).toEqual([
      `${prefix}order.events.dlq holds order-1 from g: handler_failed x`,
    ]);
    expect(judge(letters.letters.filter((l) => l.key !== key))).toEqual([
      `poison ${key} on ${topic} never reached ${topic}.dlq`,
      `${poisoned - 1} poisoned messages dead-lettered, ${poisoned} were sent`,
    ]);
    expect(judge(letters.letters, false)).toEqual(['the dead-letter topics could not be read to their end']);
  });
});
