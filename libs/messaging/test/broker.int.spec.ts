import { createLogger } from '@platform/service-kit';
import { Broker } from '../src';

const logger = createLogger('broker-test', 'silent');

describe('Broker admin client on real Kafka', () => {
  it('gives callers that arrive together one connected admin', async () => {
    const broker = new Broker({
      clientId: 'broker-test',
      brokers: [process.env.KAFKA_BROKERS as string],
      logger,
    });
    try {
      const [a, b] = await Promise.all([broker.getAdmin(), broker.getAdmin()]);
      expect(a).toBe(b);
      await expect(a.describeCluster()).resolves.toMatchObject({ brokers: expect.any(Array) });
    } finally {
      await broker.disconnect();
    }
  });

  it('drops an admin whose connect failed, so the next call tries again', async () => {
    const broker = new Broker({
      clientId: 'broker-test-dead',
      brokers: ['127.0.0.1:1'],
      logger,
      retry: { retries: 0, initialRetryTime: 10 },
    });
    const first = broker.getAdmin();
    await expect(first).rejects.toThrow();
    const second = broker.getAdmin();
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow();
    await broker.disconnect();
  });
});
