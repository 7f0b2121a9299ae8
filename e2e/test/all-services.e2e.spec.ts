import { HealthResponseSchema } from '@platform/contracts';
import {
  SERVICE_NAMES,
  freePort,
  startService,
  type RunningService,
  type ServiceName,
} from '@platform/devstack';
import { uniqueTopicPrefix } from '@platform/devstack/testing';

/**
 * What `npm run up` promises: the six built services and the web app start, get ready, report healthy
 * and expose metrics; the six with their datastore's metrics (the web app keeps no data).
 */
describe('all six services and the web app as processes', () => {
  const running: RunningService[] = [];
  afterAll(() => Promise.all(running.map((s) => s.stop())));

  it('start and answer /ready, /health (healthy) and /metrics', async () => {
    const ports = Object.fromEntries(
      await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()])),
    ) as Record<ServiceName, number>;
    const env = {
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
      LOG_LEVEL: 'warn',
      ORDER_SERVICE_URL: `http://127.0.0.1:${ports['order-service']}`,
      USER_SERVICE_URL: `http://127.0.0.1:${ports['user-service']}`,
    };
    for (const name of SERVICE_NAMES)
      running.push(await startService(name, { port: ports[name], instance: 'e2e-all', env }));

    for (const svc of running) {
      const health = HealthResponseSchema.parse(await (await fetch(`${svc.url}/health`)).json());
      expect([svc.name, health.status]).toEqual([svc.name, 'healthy']);
      const metrics = await (await fetch(`${svc.url}/metrics`)).text();
      expect(metrics).toContain(`http_requests_total{service="${svc.name}"`);
      if (svc.name === 'web') {
        expect(metrics).toContain('# TYPE gateway_requests_total counter');
        continue;
      }
      // from service-kit's database helpers: /health has just queried each service's datastore
      expect(metrics).toContain(`db_queries_total{service="${svc.name}"`);
      expect(metrics).toContain(`db_query_duration_seconds_count{service="${svc.name}"`);
      expect(metrics).toContain(`database_queries_duration_seconds_count{service="${svc.name}"`);
      expect(metrics).toMatch(
        new RegExp(`^database_connections_active\\{service="${svc.name}"\\} [1-9]`, 'm'),
      );
    }
  });
});
