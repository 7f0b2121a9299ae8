import { backOff } from 'exponential-backoff';
import { type Broker } from '../broker';

/**
 * Commits the current end offsets for each topic on which `groupId` has never committed anything,
 * so a brand-new group starts at "now" as of this call. kafkajs' own `fromBeginning: false` resolves
 * "latest" lazily at the first fetch, after `run()` has returned: an event published in between (a
 * service that reports ready, then receives its first event) would be skipped. Topics the group already
 * has offsets on are left alone. If another replica of the new group joined first, the broker refuses
 * (the group is not empty) and that replica's position stands.
 */
export async function startNewGroupAtEnd(broker: Broker, groupId: string, topics: string[]): Promise<void> {
  const admin = await broker.getAdmin();
  // a broker that just started may still be loading its group coordinator: retriable, so wait for it
  const committed = await backOff(() => admin.fetchOffsets({ groupId, topics }), {
    numOfAttempts: 10,
    startingDelay: 200,
    maxDelay: 5000,
    retry: (err: { retriable?: boolean }) => err?.retriable === true,
  });
  for (const { topic, partitions } of committed) {
    if (partitions.some((p) => Number(p.offset) >= 0)) continue;
    const ends = await admin.fetchTopicOffsets(topic);
    try {
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })),
      });
    } catch (err) {
      broker.logger.warn('Could not position the new consumer group at the end of the topic', {
        group: groupId,
        topic: broker.logical(topic),
        error: (err as Error).message,
      });
    }
  }
}
