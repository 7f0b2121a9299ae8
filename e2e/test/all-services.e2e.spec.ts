import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HealthResponseSchema } from '@platform/contracts';
import {
  SERVICE_NAMES,
  freePort,
  startService,
  type RunningService,
  type ServiceName,
} from '@platform/devstack';
import {
  PAYMENT_GATEWAY_DEV_API_KEY,
  expectNoSecrets,
  rememberSecret,
  uniqueTopicPrefix,
} from '@platform/devstack/testing';
import { readTopicsWithPrefix } from '@platform/messaging/testing';

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string }[];
}
const dashboardFile = path.resolve(__dirname, '../../docker/grafana/dashboards/platform.json');

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool']);
PROMQL_WORDS.add('and').add('or').add('unless').add('offset');

/** The metric names a PromQL expression reads: identifiers that are neither functions, keywords nor labels. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/\blabel_values\(([^,)]+),[^)]*\)/g, '$1') // a variable's query: its metric, not its label
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range selectors
    .replace(/\b(?:by|without|on|ignoring)\s*\([^)]*\)/g, '') // grouping labels
    .replace(/\boffset\s+-?\w+/g, ''); // offset durations
  // a name starts after neither a letter, a digit nor a dot (0.99, 5m are no names)
  return [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter(([, name, call]) => !call && !PROMQL_WORDS.has(name))
    .map(([, name]) => name);
}

/** The series names a /metrics page can hold: each `# TYPE`, and a histogram's or summary's own series. */
function exportedNames(page: string): string[] {
  return [...page.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
    type === 'histogram'
      ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]
      : type === 'summary'
        ? [name, `${name}_sum`, `${name}_count`]
        : [name],
  );
}

/**
 * What `npm run up` promises: the six built services and the web app start, get ready, report healthy
 * and expose metrics; the six with their datastore's metrics (the web app keeps no data).
 */
describe('all six services and the web app as processes', () => {
  const running: RunningService[] = [];
  const prefix = uniqueTopicPrefix();
  // an instance name of its own: the log files then hold this run's lines only (the secret scan reads them)
  const instance = `e2e-all-${randomUUID().slice(0, 8)}`;
  // the card gateway's key payment-service holds (its development default here) must reach no log
  rememberSecret('api-key', PAYMENT_GATEWAY_DEV_API_KEY);
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    // the stores are the shared devstack's (other tests' data): this run's logs and topics are scanned
    await expectNoSecrets({
      logs: running.map((s) => s.log),
      topicPrefix: prefix,
      readTopics: readTopicsWithPrefix,
    });
  });

  it('start and answer /ready, /health (healthy) and /metrics', async () => {
    const ports = Object.fromEntries(
      await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()])),
    ) as Record<ServiceName, number>;
    const env = {
      KAFKA_TOPIC_PREFIX: prefix,
      // info: the request lines too, so the secret scan reads what a deployment logs
      LOG_LEVEL: 'info',
      ORDER_SERVICE_URL: `http://127.0.0.1:${ports['order-service']}`,
      USER_SERVICE_URL: `http://127.0.0.1:${ports['user-service']}`,
    };
    for (const name of SERVICE_NAMES)
      running.push(await startService(name, { port: ports[name], instance, env }));

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

  // docker/grafana/dashboards/platform.json is honest: it charts only what the apps really export
  it("charts in Grafana's dashboard only metrics the running apps export, each panel on a data source", async () => {
    expect(running.map((s) => s.name)).toEqual(SERVICE_NAMES);
    const pages = await Promise.all(running.map(async (s) => (await fetch(`${s.url}/metrics`)).text()));
    const exported = new Set(pages.flatMap(exportedNames));
    const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as {
      panels: Panel[];
      templating: { list: { definition?: string }[] };
    };
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => [p.title, t.expr]));
    queries.push(...dashboard.templating.list.map((v) => ['$service', v.definition ?? '']));
    const used = queries.flatMap(([title, expr]) => metricNames(expr).map((m) => [title, m]));
    // the reading finds a name wherever PromQL puts it (so a wrong one cannot hide)
    expect(metricNames('sum by (le) (rate(x_bucket{a="b(c)"}[5m])) / on (a) y offset 5m')).toEqual([
      'x_bucket',
      'y',
    ]);
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter(([, m]) => !exported.has(m))).toEqual([]);

    const charts = dashboard.panels.filter((p) => p.type !== 'row');
    expect(charts.filter((p) => p.datasource?.uid !== 'prometheus' || !p.targets?.length)).toEqual([]);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
