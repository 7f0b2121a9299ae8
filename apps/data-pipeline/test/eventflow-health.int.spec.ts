import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, KafkaServer, waitFor } from '@platform/devstack';
import { createTestDatabase, startPrivateServer, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadDataPipelineConfig } from '../src/config';
import { generateProducerKey } from '../src/eventflow/producer-keys';
import { ProducersRepository } from '../src/eventflow/producers.repository';

/**
 * EventFlow's health (seed 004 §11) and what an outage does to producers. Each outage uses a server of
 * its own (a private PostgreSQL, a private Kafka) that the test stops, so the shared stack keeps running.
 */
describe('EventFlow health and outages', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'eventflow-health-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(env: Record<string, string>, startBackground = true) {
    const config = loadDataPipelineConfig({
      ...process.env,
      OBJECT_STORE_DIR: dir,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
      EVENTFLOW_ACCEPT_TIMEOUT_MS: '3000',
      ...env,
    });
    const logger = createLogger('data-pipeline', 'silent');
    const metrics = createMetrics('data-pipeline', { defaults: false });
    const svc = await compose({ config, logger, metrics }, { startBackground });
    return { ...svc, close: () => runClosers(svc.closers, logger) };
  }

  it('is UP (public, no credential) and DOWN with 503 once PostgreSQL is unreachable', async () => {
    const pg = await startPrivateServer('postgres');
    const svc = await start({ DATABASE_URL: pg.url('postgres') });
    try {
      const up = await request(svc.app).get('/api/v1/health');
      expect([up.status, up.body]).toEqual([200, { status: 'UP' }]);
      await pg.stop();
      const down = await request(svc.app).get('/api/v1/health');
      expect([down.status, down.body]).toEqual([503, { status: 'DOWN' }]);
    } finally {
      await svc.close();
      await pg.dispose();
    }
  });

  it('answers 503 to a producer and DOWN while Kafka is unreachable: nothing is accepted', async () => {
    const port = await freePort();
    const kafka = new KafkaServer(`kafka-private-${randomBytes(3).toString('hex')}`, port, await freePort());
    await kafka.install();
    await kafka.start();
    const db = await createTestDatabase('eventflow_kafka_down');
    try {
      await waitFor(kafka.name, () => kafka.ready(), { timeoutMs: 90_000 });
      // only the publisher matters here: the consumers of a brand-new cluster wait for its group coordinator
      const svc = await start({ DATABASE_URL: db.url, KAFKA_BROKERS: kafka.brokers() }, false);
      try {
        const key = generateProducerKey();
        await new ProducersRepository(svc.pool).create({
          id: randomUUID(),
          tenantId: randomUUID(),
          name: 'p',
          description: '',
          keyHash: key.hash,
          keyPrefix: key.prefix,
        });
        const send = () =>
          request(svc.app)
            .post('/api/v1/events')
            .set('authorization', `Bearer ${key.key}`)
            .send({ event_type: 'ping', event_version: 1, payload: {} });
        await send().expect(202);

        await kafka.stop();
        const refused = await send();
        expect(refused.status).toBe(503);
        expect(refused.body.error.code).toBe('SERVICE_UNAVAILABLE');
        expect(refused.body.event_id).toBeUndefined();
        const health = await request(svc.app).get('/api/v1/health');
        expect([health.status, health.body]).toEqual([503, { status: 'DOWN' }]);
      } finally {
        await svc.close();
      }
    } finally {
      await kafka.stop();
      rmSync(kafka.dir, { recursive: true, force: true });
      await db.drop();
    }
  }, 180_000);
});
