import { eventually } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { FINAL, snapshot, type BuyerState } from './snapshot';
import { type Buyer } from './seed';
import { type FaultStack } from './stack';

/** What is not settled yet: orders not final, payments processing or partly refunded. */
const unsettled = (states: BuyerState[]): string[] =>
  states.flatMap((s) => [
    ...s.orders.filter((o) => !FINAL.has(o.status)).map((o) => `order ${o.id} ${o.status}`),
    ...s.payments
      .filter(
        (p) =>
          p.status === 'processing' ||
          (p.status === 'completed' && p.refundedAmount !== 0 && p.refundedAmount !== p.amount),
      )
      .map((p) => `payment ${p.id} ${p.status} (refunded ${p.refundedAmount} of ${p.amount})`),
  ]);

// a read of a buyer's orders searches all orders on FerretDB: slow once orders have grown (bench:faults)
const SETTLE_TIMEOUT_MS = 300_000;

/**
 * After the stream: waits (on conditions, never a sleep) until every order is final and no payment or
 * refund is still processing (a full read of every buyer agrees), then until every active consumer
 * group on the suite's broker has handled everything published, then once more for the orders (events
 * handled last may have moved some).
 */
export async function settle(
  stack: FaultStack,
  buyers: Buyer[],
  log: (line: string) => void = () => undefined,
): Promise<void> {
  let left: string[] = [];
  // reads every buyer, then only those not settled until they are, then every buyer again to confirm
  const final = () => {
    let reading = buyers;
    return eventually(
      async () => {
        const started = Date.now();
        const states = await snapshot(stack, reading);
        left = unsettled(states);
        log(
          `settling: ${left.length} not settled (${reading.length} buyers read in ${Date.now() - started} ms)`,
        );
        if (left.length) reading = states.filter((s) => unsettled([s]).length).map((s) => s.buyer);
        else if (reading !== buyers) reading = buyers;
        else return true;
        return false;
      },
      {
        what: () =>
          `every order final and every payment settled (${left.length} not: ${left.slice(0, 10).join('; ')})`,
        timeoutMs: SETTLE_TIMEOUT_MS,
        intervalMs: 1000,
      },
    );
  };
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
      what: () => `the consumer groups to catch up (behind: ${last.join(', ')})`,
      timeoutMs,
      intervalMs: 500,
    });
  } finally {
    await broker.disconnect();
  }
}
