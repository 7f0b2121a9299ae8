import { scanForSecrets, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger } from '@platform/service-kit';
import { Broker } from '../src';
import { produceRaw, readTopicsWithPrefix } from '../src/testing';

/** The topics (and their empty DLQs) as services make them at start. */
async function makeTopics(prefix: string, names: string[]) {
  const broker = new Broker({
    clientId: 'prefix-topics-test',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    topicPrefix: prefix,
    logger: createLogger('prefix-topics-test', 'silent'),
  });
  await broker.ensureTopics(names);
  await broker.disconnect();
}

/** readTopicsWithPrefix reads every topic of a run; the secret scan over it finds a card number. */
describe('readTopicsWithPrefix and the secret scan over a run’s topics', () => {
  const prefix = uniqueTopicPrefix();
  const other = uniqueTopicPrefix();
  beforeAll(() =>
    Promise.all([
      makeTopics(prefix, ['payment.events', 'order.events']),
      makeTopics(other, ['payment.events']),
    ]),
  );

  it('reads every message of every topic of the prefix, and the scan finds the one with a card number', async () => {
    await produceRaw(`${prefix}payment.events`, [
      {
        key: 'p1',
        value: JSON.stringify({ type: 'PaymentCompleted', card: { last4: '4444', brand: 'mc' } }),
      },
      {
        key: 'p2',
        value: JSON.stringify({
          type: 'PaymentRequested',
          paymentMethod: { cardNumber: '5555555555554444' },
        }),
      },
    ]);
    await produceRaw(`${prefix}order.events`, [
      { key: 'o1', value: JSON.stringify({ type: 'OrderCreated' }) },
    ]);
    await produceRaw(`${other}payment.events`, [{ value: '{"cardNumber":"4242424242424242"}' }]);

    const messages = await readTopicsWithPrefix(prefix);
    expect(messages.map((m) => m.key).sort()).toEqual(['o1', 'p1', 'p2']);

    const scan = await scanForSecrets({ topicPrefix: prefix, readTopics: readTopicsWithPrefix });
    const p2 = messages.find((m) => m.key === 'p2')!;
    expect(scan.findings.map(({ source, where, kind }) => ({ source, where, kind }))).toEqual([
      { source: 'kafka', where: `${prefix}payment.events:${p2.partition}@${p2.offset}`, kind: 'card-number' },
    ]);
    expect(scan.scanned.messages).toBe(3);
    expect(scan.findings[0].excerpt).not.toContain('5555555555554444');
  });
});
