import { createEvent, type OutgoingMessage } from '@platform/messaging';
import { randomUUID } from 'node:crypto';
import { PublishBatcher } from './publish-batcher';

/** A publisher port whose sends the test completes by hand (the real one is tested against Kafka). */
function manualPublisher() {
  const sends: { messages: OutgoingMessage[]; done: () => void; fail: (err: Error) => void }[] = [];
  return {
    sends,
    publish: (messages: OutgoingMessage[]) =>
      new Promise<void>((resolve, reject) => sends.push({ messages, done: resolve, fail: reject })),
  };
}

const message = (payloadBytes = 10): OutgoingMessage => ({
  topic: 'eventflow.events',
  event: createEvent('EventFlowEventReceived', {
    aggregateId: randomUUID(),
    data: {
      producer_id: randomUUID(),
      event_type: 't',
      event_version: 1,
      payload: { s: 'x'.repeat(payloadBytes) },
      received_at: new Date().toISOString(),
    },
  }),
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PublishBatcher', () => {
  it('sends the events of one turn together and those arriving meanwhile as the next batch', async () => {
    const port = manualPublisher();
    const batcher = new PublishBatcher(port, 1);
    const first = [batcher.publish(message()), batcher.publish(message())];
    await tick();
    expect(port.sends.map((s) => s.messages.length)).toEqual([2]);
    const later = [batcher.publish(message()), batcher.publish(message()), batcher.publish(message())];
    await tick();
    expect(port.sends).toHaveLength(1); // one in flight at most here
    port.sends[0]!.done();
    await Promise.all(first);
    await tick();
    expect(port.sends.map((s) => s.messages.length)).toEqual([2, 3]);
    port.sends[1]!.done();
    await Promise.all(later);
  });

  it("rejects only the callers of the failed batch, and keeps batches under Kafka's size limit", async () => {
    const port = manualPublisher();
    const batcher = new PublishBatcher(port, 4);
    const big = Array.from({ length: 5 }, () => batcher.publish(message(250 * 1024)));
    await tick();
    // 250 KB each: three fit under 800 KB, the rest go in the next batch
    expect(port.sends.map((s) => s.messages.length)).toEqual([3, 2]);
    port.sends[0]!.fail(new Error('broker down'));
    port.sends[1]!.done();
    const outcomes = await Promise.allSettled(big);
    expect(outcomes.map((o) => o.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
  });
});
