import { isAppError } from '@platform/service-kit';
import { interactionMessage } from './ingestion-events';
import { publishAccepted, sliceBySize } from './publish-accepted';

const tenant = '6f1c2c4e-7a51-4c1e-9a7e-0d5d3f3b2a10';
const messages = (n: number, metadata: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) =>
    interactionMessage(
      tenant,
      { user_id: `u${i}`, item_id: 'i', interaction_type: 'view', metadata },
      'batch',
      new Date(),
    ),
  );

describe('sliceBySize', () => {
  it('keeps every message once and in order, each slice under the limit', () => {
    const all = messages(2000, { note: 'x'.repeat(400) });
    const slices = sliceBySize(all, 100_000);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.flat()).toEqual(all);
    for (const s of slices)
      expect(s.reduce((n, m) => n + JSON.stringify(m.event).length, 0)).toBeLessThan(100_000);
  });

  it('sends a small batch in one slice', () => {
    expect(sliceBySize(messages(10))).toHaveLength(1);
  });
});

describe('publishAccepted', () => {
  it('answers 503 SERVICE_UNAVAILABLE when Kafka does not acknowledge in time', async () => {
    // a publisher whose broker never answers (the integration test covers a refused connection)
    const silent = { publish: () => new Promise<void>(() => undefined) };
    const err = await publishAccepted(silent, messages(1), 50).catch((e: unknown) => e);
    expect(isAppError(err) && { code: err.code, status: err.status }).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
  });

  it('answers 503 when the producer fails inside its own reconnect (kafkajs in a Kafka restart)', async () => {
    // what kafkajs threw once in a restart of a private Kafka under load, from its idempotent producer
    const failing = {
      publish: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'release')");
      },
    };
    const err = await publishAccepted(failing, messages(1), 1000).catch((e: unknown) => e);
    expect(isAppError(err) && [err.status, err.code, err.retriable]).toEqual([
      503,
      'SERVICE_UNAVAILABLE',
      true,
    ]);
  });

  it('stays a 500 when the broker refuses the records for good (a retry cannot help)', async () => {
    const refused = Object.assign(
      new Error('The request included a message larger than the max message size'),
      {
        name: 'KafkaJSProtocolError',
        retriable: false,
      },
    );
    const publisher = { publish: () => Promise.reject(refused) };
    const err = await publishAccepted(publisher, messages(1), 1000).catch((e: unknown) => e);
    expect(isAppError(err) && [err.status, err.code]).toEqual([500, 'INTERNAL_ERROR']);
  });

  it('resolves once every slice is acknowledged', async () => {
    const sent: number[] = [];
    const publisher = { publish: async (m: unknown[]) => void sent.push(m.length) };
    await publishAccepted(publisher, messages(3), 1000);
    expect(sent).toEqual([3]);
  });
});
