import { eventually } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { FINAL, snapshot, type BuyerState } from './snapshot';
import { type Buyer } from './seed';
import { type FaultStack } from './stack';

const settled = (states: BuyerState[]) =>
  states.every(
    (s) =>
      s.orders.every((o) => FINAL.has(o.status)) &&
      s.payments.every(
        (p) =>
          p.status !== 'processing' &&
          (p.status !== 'completed' || p.refundedAmount === 0 || p.refundedAmount === p.amount),
      ),
  );

/**
 * After the stream: waits (on conditions, never a sleep) until every order is final and no payment or
 * refund is still processing, then until every active consumer group on the suite's broker has handled
 * everything published, then once more for the orders (events handled last may have moved some).
 */
export async function settle(stack: FaultStack, buyers: Buyer[]): Promise<void> {
  const final = () =>
    eventually(async () => settled(await snapshot(stack, buyers)), {
      what: 'every order final and every payment settled',
      timeoutMs: 120_000,
      intervalMs: 1000,
    });
  await final();
  await consumersCaughtUp(stack.brokers);
  await final();
}

/** Waits until each consumer group with members has committed up to the end of each topic it reads. */
export async function consumersCaughtUp(brokers: string, timeoutMs = 60_000): Promise<void> {
  const broker = new Broker({
    clientId: 'fault-suite',
    brokers: [brokers],
    logger: createLogger('fault-suite', 'silent'),
  });
  try {
    const admin = await broker.getAdmin();
    const lagging = async () => {
      const { groups } = await admin.listGroups();
      const { groups: described } = await admin.describeGroups(groups.map((g) => g.groupId));
      // a group with no members is a consumer that was killed and came back under another instance id
      const active = described.filter((g) => g.state === 'Stable').map((g) => g.groupId);
      const behind: string[] = [];
      for (const groupId of active)
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
          const ends = await admin.fetchTopicOffsets(topic);
          for (const end of ends) {
            const c = partitions.find((p) => p.partition === end.partition);
            if (Number(end.high) > 0 && (!c || Number(c.offset) < Number(end.high)))
              behind.push(`${groupId} ${topic}/${end.partition}`);
          }
        }
      return behind;
    };
    let last: string[] = [];
    await eventually(async () => (last = await lagging()).length === 0, {
      what: `the consumer groups to catch up (behind: ${last.join(', ')})`,
      timeoutMs,
      intervalMs: 500,
    });
  } finally {
    await broker.disconnect();
  }
}
