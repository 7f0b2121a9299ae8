import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { TOPICS, type DomainEvent } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { AppError, createLogger } from '@platform/service-kit';
import { Broker, EventConsumer, Publisher } from '../src';
import { listDeadLetters, replayDeadLetters } from '../src/cli/dead-letters';
import { produceRaw, readTopic, waitForGroupCaughtUp } from '../src/testing';

const exec = promisify(execFile);
const logger = createLogger('messaging-test', 'silent');
const repoRoot = path.resolve(__dirname, '../../..');

describe('npm run dlq: list and replay dead letters', () => {
  const prefix = uniqueTopicPrefix();
  const broker = new Broker({
    clientId: 'dlq-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const groupId = `dlq-${randomUUID()}`;
  const topic = `${prefix}${TOPICS.userEvents}`;
  const handled: string[] = [];
  let rejecting = true; // until "the bug is fixed", every UserCreated is a business rejection
  let consumer: EventConsumer;

  beforeAll(async () => {
    await broker.ensureTopics([TOPICS.userEvents]);
    consumer = new EventConsumer(broker, {
      groupId,
      topics: [TOPICS.userEvents],
      maxWaitMs: 100,
      handlers: {
        UserCreated: async (event: DomainEvent<'UserCreated'>) => {
          if (rejecting) throw new AppError({ code: 'MAIL_REJECTED', status: 422, message: 'refused' });
          handled.push(event.event_id);
        },
      },
    });
    await consumer.start();
  });
  afterAll(async () => {
    await consumer.stop();
    await publisher.disconnect();
    await broker.disconnect();
  });

  it('lists the dead letters, replays each event once to its topic, and skips what is not an event', async () => {
    const events = [sampleUserCreated(), sampleUserCreated()];
    await publisher.publish(events.map((event) => ({ topic: TOPICS.userEvents, event })));
    await produceRaw(topic, [{ key: 'garbage', value: 'not json' }]);
    await waitForGroupCaughtUp(groupId, topic);

    const letters = await listDeadLetters(broker, TOPICS.userEvents);
    expect(letters.map((l) => [l.key, l.reason, l.group])).toEqual(
      expect.arrayContaining([
        [events[0].aggregate_id, 'handler_failed', groupId],
        [events[1].aggregate_id, 'handler_failed', groupId],
        ['garbage', 'malformed_json', groupId],
      ]),
    );
    expect(letters).toHaveLength(3);

    // the command itself, against the same Kafka and prefix
    const { stdout } = await exec('npm', ['run', '--silent', 'dlq', '--', 'list', TOPICS.userEvents], {
      cwd: repoRoot,
      env: { ...process.env, KAFKA_TOPIC_PREFIX: prefix },
    });
    expect(stdout).toContain(`${events[0].aggregate_id}\thandler_failed\t${groupId}\t`);
    expect(stdout).toContain('MAIL_REJECTED: refused');
    expect(stdout).toContain('3 dead letter(s) on user.events.dlq');

    rejecting = false;
    expect(await replayDeadLetters(broker, TOPICS.userEvents)).toEqual({
      replayed: 2,
      alreadyReplayed: 0,
      skipped: 1,
    });
    // a second replay publishes nothing again
    expect(await replayDeadLetters(broker, TOPICS.userEvents)).toEqual({
      replayed: 0,
      alreadyReplayed: 2,
      skipped: 1,
    });
    await waitForGroupCaughtUp(groupId, topic);
    expect(handled.sort()).toEqual(events.map((e) => e.event_id).sort());

    const onTopic = await readTopic(topic, () => true);
    for (const e of events) {
      const copies = onTopic.filter((m) => m.key === e.aggregate_id);
      expect(copies).toHaveLength(2); // the original and one replay
      expect(copies[1].value).toBe(copies[0].value);
      expect(copies[1].headers).toEqual({
        event_type: 'UserCreated',
        ...(copies[0].headers.traceparent ? { traceparent: copies[0].headers.traceparent } : {}),
      });
    }
    // the replay markers are not dead letters
    expect(await listDeadLetters(broker, TOPICS.userEvents)).toHaveLength(3);
  });

  it('replays an event again when it failed again after its first replay', async () => {
    rejecting = true;
    const event = sampleUserCreated();
    await publisher.publish([{ topic: TOPICS.userEvents, event }]);
    await waitForGroupCaughtUp(groupId, topic);
    const lettersOf = async () =>
      (await listDeadLetters(broker, TOPICS.userEvents)).filter((l) => l.eventId === event.event_id);
    expect(await lettersOf()).toHaveLength(1);

    // replayed before the bug is fixed: it is refused again, a new dead letter
    expect(await replayDeadLetters(broker, TOPICS.userEvents)).toMatchObject({ replayed: 1 });
    await waitForGroupCaughtUp(groupId, topic);
    expect(await lettersOf()).toHaveLength(2);

    // fixed: the new dead letter is replayed, the first one is not sent a second time
    rejecting = false;
    expect(await replayDeadLetters(broker, TOPICS.userEvents)).toMatchObject({ replayed: 1 });
    await waitForGroupCaughtUp(groupId, topic);
    expect(handled.filter((id) => id === event.event_id)).toHaveLength(1);
  });
});
