import { eventSchema, type DomainEvent, type EventType } from '@platform/contracts';
import { Mailbox, eventually, type CaughtMail } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { readTopic, waitForGroupCaughtUp } from '@platform/messaging/testing';
import { createLogger } from '@platform/service-kit';
import { type SagaStack } from './stack';

type Match<T extends EventType> = (event: DomainEvent<T>) => boolean;

const parsedOf = <T extends EventType>(
  messages: { headers: Record<string, string>; json(): unknown }[],
  type: T,
  match: Match<T>,
) =>
  messages
    .filter((m) => m.headers.event_type === type)
    .map((m) => eventSchema(type).parse(m.json()) as DomainEvent<T>)
    .filter(match);

/**
 * Every `type` event on `topic` that `match`es, once at least one has come (with duplicates already
 * published: readTopic reads on to the end of the topic).
 */
export async function eventsOf<T extends EventType>(
  topic: string,
  type: T,
  match: Match<T>,
  timeoutMs = 30_000,
): Promise<DomainEvent<T>[]> {
  const messages = await readTopic(topic, (ms) => parsedOf(ms, type, match).length > 0, { timeoutMs });
  return parsedOf(messages, type, match);
}

/** The `type` events on `topic` that `match`, of all published so far (none is fine). */
export async function eventsSoFar<T extends EventType>(
  topic: string,
  type: T,
  match: Match<T>,
): Promise<DomainEvent<T>[]> {
  return parsedOf(await readTopic(topic, () => true), type, match);
}

/**
 * Waits until every consumer group of notification-worker (named after its CONSUMER_GROUP) has
 * handled everything published so far: after that, a mail that has not come will not come.
 */
export async function workerCaughtUp(stack: SagaStack): Promise<void> {
  const broker = new Broker({
    clientId: 'saga-test',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logger: createLogger('saga-test', 'silent'),
  });
  try {
    const admin = await broker.getAdmin();
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(stack.workerGroup));
    if (!ours.length) throw new Error(`no consumer group of notification-worker (${stack.workerGroup}…)`);
    for (const groupId of ours)
      for (const { topic } of await admin.fetchOffsets({ groupId }))
        await waitForGroupCaughtUp(groupId, topic, { timeoutMs: 30_000 });
  } finally {
    await broker.disconnect();
  }
}

/** The mails to `email` about one order (order mails name the first block of its id in the subject). */
export async function mailsAbout(email: string, orderId: string): Promise<CaughtMail[]> {
  const shortId = orderId.split('-')[0];
  return (await new Mailbox().to(email)).filter((m) => m.subject.includes(shortId));
}

/** Waits for the first mail to `email` about the order, then for the worker to catch up: all of them. */
export async function settledMailsAbout(
  stack: SagaStack,
  email: string,
  orderId: string,
  atLeast = 1,
): Promise<CaughtMail[]> {
  await eventually(async () => (await mailsAbout(email, orderId)).length >= atLeast, {
    what: `a mail to ${email} about order ${orderId}`,
    timeoutMs: 30_000,
    intervalMs: 200,
  });
  await workerCaughtUp(stack);
  return mailsAbout(email, orderId);
}
