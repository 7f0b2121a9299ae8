import { type OutgoingMessage } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { UsageMeter } from './usage-meter';

/** A publisher that refuses while `down` is set, and records what it took. */
class FlakyPublisher {
  down = false;
  sent: OutgoingMessage[] = [];
  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.down) throw new Error('broker away');
    this.sent.push(...messages);
  }
}

const logger = createLogger('metering-test', 'silent');
const meterWith = (publisher: FlakyPublisher) =>
  new UsageMeter({ service: 'svc', publisher, tenantOf: () => undefined, flushMs: 60_000, logger });
const data = (m: OutgoingMessage) => m.event.data as Record<string, unknown>;

describe('UsageMeter', () => {
  it('publishes one UsageRecorded per tenant per window on usage.events', async () => {
    const publisher = new FlakyPublisher();
    const meter = meterWith(publisher);
    meter.record('t1', 10, { recommendations_served: 3 });
    meter.record('t1', 20);
    meter.record('t2', 5, { items_indexed: 2 });
    await meter.flush();
    expect(publisher.sent.map((m) => m.topic)).toEqual(['usage.events', 'usage.events']);
    expect(publisher.sent.map((m) => m.event.event_type)).toEqual(['UsageRecorded', 'UsageRecorded']);
    expect(publisher.sent.map(data)).toEqual([
      expect.objectContaining({
        tenant_id: 't1',
        service: 'svc',
        api_calls: 2,
        latency_ms_sum: 30,
        recommendations_served: 3,
      }),
      expect.objectContaining({ tenant_id: 't2', api_calls: 1, items_indexed: 2, recommendations_served: 0 }),
    ]);
    await meter.flush();
    expect(publisher.sent).toHaveLength(2); // nothing new, nothing sent
  });

  it('keeps a window that failed and sends the very same events first when the broker is back', async () => {
    const publisher = new FlakyPublisher();
    const meter = meterWith(publisher);
    meter.record('t1', 1);
    publisher.down = true;
    await meter.flush();
    meter.record('t1', 1); // counted in the next window meanwhile
    await meter.flush();
    expect(publisher.sent).toHaveLength(0);

    publisher.down = false;
    await meter.flush();
    const [retried, next] = publisher.sent;
    expect(data(retried)).toMatchObject({ api_calls: 1 });
    expect(data(next)).toMatchObject({ api_calls: 1 });
    expect(retried.event.event_id).not.toBe(next.event.event_id);

    // an ambiguous failure is retried under the same event_id (the consumer's inbox drops the copy)
    meter.record('t3', 1);
    const publish = publisher.publish.bind(publisher);
    let first = true;
    publisher.publish = async (messages) => {
      await publish(messages);
      if (first) {
        first = false;
        throw new Error('ack lost');
      }
    };
    await meter.flush();
    await meter.flush();
    const t3 = publisher.sent.filter((m) => data(m).tenant_id === 't3');
    expect(t3).toHaveLength(2);
    expect(t3[0].event.event_id).toBe(t3[1].event.event_id);
  });

  it('publishes what is left when stopped', async () => {
    const publisher = new FlakyPublisher();
    const meter = meterWith(publisher);
    meter.start();
    meter.record('t1', 4);
    await meter.stop();
    expect(publisher.sent.map(data)).toEqual([expect.objectContaining({ tenant_id: 't1', api_calls: 1 })]);
  });
});
