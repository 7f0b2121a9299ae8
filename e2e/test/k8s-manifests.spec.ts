import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  SERVICES,
  SERVICE_NAMES,
  SMTP_CATCHER,
  kustomizeBuild,
  maildevVersion,
  type ServiceName,
} from '@platform/devstack';
import { parse, parseAllDocuments } from 'yaml';

/**
 * k8s/: the base and its dev and prod overlays, rendered with kustomize (built once from the Go module
 * proxy into ~/.cache/platform-devstack) and every object checked against the Kubernetes API schemas
 * of kubernetes-models, offline; then what the issue asks of the deployment.
 */
const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
};

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what} rendered`);
  return value;
}
type Overlay = 'dev' | 'prod';

/** Which app calls which, as their config schemas' *_URL settings say (ARCHITECTURE.md §1). */
const URL_SETTINGS: Record<string, ServiceName> = {
  USER_SERVICE_URL: 'user-service',
  ORDER_SERVICE_URL: 'order-service',
  PAYMENT_SERVICE_URL: 'payment-service',
  NOTIFICATION_WORKER_URL: 'notification-worker',
  ML_ENGINE_URL: 'ml-engine',
  DATA_PIPELINE_URL: 'data-pipeline',
};
const callsOf = (app: ServiceName): ServiceName[] => {
  const schema = read(`apps/${app}/src/config.ts`);
  return Object.entries(URL_SETTINGS)
    .filter(([setting]) => new RegExp(`\\b${setting}\\s*:`).test(schema))
    .map(([, target]) => target);
};

const AUTOSCALED: ServiceName[] = [
  'web',
  'user-service',
  'order-service',
  'payment-service',
  'ml-engine',
  'notification-worker',
];
const DEV_STATEFULSETS = ['postgres', 'mongo', 'redis', 'kafka'];

/** Validates objects against kubernetes-models' schemas in a child Node (the package is ESM only). */
function schemaErrors(objects: K8sObject[]): string[] {
  const script = `
    import { readFileSync } from 'node:fs';
    const objects = JSON.parse(readFileSync(0, 'utf8'));
    const errors = [];
    for (const obj of objects) {
      const where = obj.kind + '/' + obj.metadata.name;
      let mod;
      try { mod = await import('kubernetes-models/' + obj.apiVersion); }
      catch { errors.push(where + ': no schema for ' + obj.apiVersion); continue; }
      const Model = mod[obj.kind];
      if (!Model) { errors.push(where + ': no kind ' + obj.kind + ' in ' + obj.apiVersion); continue; }
      try { new Model(obj).validate(); } catch (err) { errors.push(where + ': ' + err.message); }
    }
    process.stdout.write(JSON.stringify(errors));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    input: JSON.stringify(objects),
  });
  return JSON.parse(out.toString());
}

const rendered: Record<Overlay, K8sObject[]> = { dev: [], prod: [] };

beforeAll(async () => {
  // the overlays' secretGenerators read git-ignored files: render a copy with the committed examples
  const copy = mkdtempSync(path.join(tmpdir(), 'k8s-render-'));
  try {
    cpSync(path.join(root, 'k8s'), copy, { recursive: true });
    for (const overlay of ['dev', 'prod'] as const) {
      const secrets = path.join(copy, 'overlays', overlay, 'secrets');
      for (const f of readdirSync(secrets).filter((f) => f.endsWith('.example')))
        cpSync(path.join(secrets, f), path.join(secrets, f.replace(/\.example$/, '')));
      writeFileSync(path.join(secrets, 'jwt-key.pem'), 'placeholder, not a key\n');
      rendered[overlay] = parseAllDocuments(await kustomizeBuild(path.join(copy, 'overlays', overlay)))
        .map((d) => d.toJS())
        .filter(Boolean);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 300_000);

const find = (overlay: Overlay, kind: string, name: string) =>
  must(
    rendered[overlay].find((o) => o.kind === kind && o.metadata.name === name),
    `${kind}/${name} in ${overlay}`,
  );
const findIn = (overlay: Overlay, test: (o: K8sObject) => boolean) =>
  must(rendered[overlay].find(test), `the object sought in ${overlay}`);
const deployment = (overlay: Overlay, app: string) => find(overlay, 'Deployment', app);
const container = (overlay: Overlay, app: string) =>
  deployment(overlay, app)?.spec.template.spec.containers[0];
const secretRef = (secret: string, key: string) => ({
  valueFrom: { secretKeyRef: { name: expect.stringMatching(new RegExp(`^${secret}-[a-z0-9]+$`)), key } },
});
const envOf = (overlay: Overlay, app: string, name: string) =>
  container(overlay, app).env.find((e: { name: string }) => e.name === name);

/** Whether a NetworkPolicy's podSelector picks the pods labelled app=<app> (matchLabels or `In`). */
const selects = (policy: K8sObject, app: string) => {
  const { matchLabels, matchExpressions = [] } = policy.spec.podSelector;
  if (matchLabels && matchLabels.app !== app) return false;
  const exprs = matchExpressions as { key: string; operator: string; values: string[] }[];
  return (
    exprs.every((e) => e.key === 'app' && e.operator === 'In' && e.values.includes(app)) &&
    (matchLabels || exprs.length > 0)
  );
};
/** Whether some NetworkPolicy of the overlay admits pods of the namespace `ns` to `app` on `port`. */
const admitsNamespace = (overlay: Overlay, ns: string, app: string, port: number) =>
  rendered[overlay]
    .filter((o) => o.kind === 'NetworkPolicy' && o.spec.policyTypes.includes('Ingress') && selects(o, app))
    .flatMap((o) => (o.spec.ingress ?? []) as { from?: K8sObject[]; ports?: { port: number }[] }[])
    .some(
      (rule) =>
        (rule.from ?? []).some(
          (peer) =>
            peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === ns && !peer.podSelector,
        ) && (rule.ports ?? []).some((p) => p.port === port),
    );
const policiesOf = (overlay: Overlay, app: string, type: 'Ingress' | 'Egress') =>
  rendered[overlay].filter(
    (o) => o.kind === 'NetworkPolicy' && o.spec.policyTypes.includes(type) && selects(o, app),
  );
type Rule = { from?: K8sObject[]; to?: K8sObject[]; ports?: { port: number }[] };
const rulePeersApp = (rule: Rule, side: 'from' | 'to', app: string, port: number) =>
  (rule[side] ?? []).some((peer) => peer.podSelector?.matchLabels?.app === app && !peer.namespaceSelector) &&
  (rule.ports ?? []).some((p) => p.port === port);
/** Whether pods app=<from> may open connections to pods app=<to> on `port` (its ingress side). */
const admitsPod = (overlay: Overlay, to: string, from: string, port: number) =>
  policiesOf(overlay, to, 'Ingress').some((p) =>
    (p.spec.ingress as Rule[]).some((r) => rulePeersApp(r, 'from', from, port)),
  );
/** Whether pods app=<from> may connect to pods app=<to> on `port` (its egress side). */
const egressTo = (overlay: Overlay, from: string, to: string, port: number) =>
  policiesOf(overlay, from, 'Egress').some((p) =>
    (p.spec.egress as Rule[]).some((r) => rulePeersApp(r, 'to', to, port)),
  );

describe.each(['dev', 'prod'] as const)('k8s/overlays/%s rendered by kustomize', (overlay) => {
  it('renders objects that all pass the Kubernetes API schemas, in the shop namespace', () => {
    const objects = rendered[overlay];
    expect(objects.length).toBeGreaterThan(40);
    // kustomize wraps long base64 values over lines, which the API server's decoder skips (Go's
    // encoding/base64 ignores \r and \n); the schema's "byte" format does not, so unwrap them first
    const unwrapped = objects.map((o) =>
      o.kind === 'Secret'
        ? {
            ...o,
            data: Object.fromEntries(
              Object.entries(o.data).map(([k, v]) => [k, String(v).replace(/\n/g, '')]),
            ),
          }
        : o,
    );
    expect(schemaErrors(unwrapped)).toEqual([]);
    for (const o of objects.filter((o) => o.kind !== 'Namespace'))
      expect([o.kind, o.metadata.namespace]).toEqual([o.kind, 'shop']);
  });

  it.each(SERVICE_NAMES)(
    'deploys %s with its port, startup on /health, readiness on /ready, TCP liveness, preStop, resources and a Service',
    (app) => {
      const c = container(overlay, app);
      expect(c.ports[0].containerPort).toBe(SERVICES[app]);
      expect(c.env).toContainEqual({ name: 'PORT', value: String(SERVICES[app]) });
      expect(c.startupProbe.httpGet.path).toBe('/health');
      expect(c.readinessProbe.httpGet.path).toBe('/ready');
      // a datastore outage makes /ready fail: liveness must not ask it, or every pod would restart
      expect(c.livenessProbe.tcpSocket).toEqual({ port: 'http' });
      expect(c.livenessProbe.httpGet).toBeUndefined();
      expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', expect.stringMatching(/^\d+$/)]);
      expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.resources.limits.memory).toEqual(expect.any(String));
      const service = find(overlay, 'Service', app);
      expect(service.spec.selector).toEqual({ app });
      expect(service.spec.ports[0].port).toBe(SERVICES[app]);
    },
  );

  it.each(SERVICE_NAMES)(
    'gives %s time to drain: terminationGracePeriodSeconds above preStop + drain + grace',
    (app) => {
      const config = findIn(
        overlay,
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('shop-config-'),
      );
      expect(config.data.SHUTDOWN_DRAIN_MS).toBe('5000');
      const preStop = Number(container(overlay, app).lifecycle.preStop.exec.command[1]);
      const needed =
        preStop + Number(config.data.SHUTDOWN_DRAIN_MS) / 1000 + Number(config.data.SHUTDOWN_GRACE_MS) / 1000;
      expect(deployment(overlay, app).spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        needed,
      );
    },
  );

  it.each(SERVICE_NAMES)('keeps one %s pod through voluntary disruptions (PodDisruptionBudget)', (app) => {
    const pdb = find(overlay, 'PodDisruptionBudget', app);
    expect(pdb.spec.selector).toEqual({ matchLabels: { app } });
    expect(deployment(overlay, app).spec.template.metadata.labels.app).toBe(app);
  });

  it('autoscales the stateless services and the consumer group, not data-pipeline', () => {
    const hpas = rendered[overlay].filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual([...AUTOSCALED].sort());
    for (const hpa of hpas) {
      expect(deployment(overlay, hpa.spec.scaleTargetRef.name)).toBeDefined();
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    }
  });

  it('denies all traffic by default and lets every pod resolve names', () => {
    const policies = rendered[overlay].filter((o) => o.kind === 'NetworkPolicy');
    const deny = must(
      policies.find((p) => p.metadata.name === 'default-deny'),
      'default-deny',
    );
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = must(
      policies.find((p) => p.metadata.name === 'allow-dns'),
      'allow-dns',
    );
    expect(dns.spec.egress[0].ports).toContainEqual({ protocol: 'UDP', port: 53 });
  });

  it.each(SERVICE_NAMES)(
    'lets %s reach exactly the services its config calls, and be reached by its callers',
    (app) => {
      const policyOf = (a: string) =>
        findIn(overlay, (o) => o.kind === 'NetworkPolicy' && o.spec.podSelector.matchLabels?.app === a);
      const podsIn = (rules: { to?: unknown[]; from?: unknown[] }[] = [], side: 'to' | 'from') =>
        rules
          .flatMap((r) => (r[side] ?? []) as { podSelector?: { matchLabels: { app: string } } }[])
          .map((peer) => peer.podSelector?.matchLabels.app)
          .filter((a): a is string => SERVICE_NAMES.includes(a as ServiceName));
      const own = policyOf(app);
      expect(own.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(podsIn(own.spec.egress, 'to').sort()).toEqual(callsOf(app).sort());
      const callers = SERVICE_NAMES.filter((other) => callsOf(other).includes(app));
      expect(podsIn(own.spec.ingress, 'from').sort()).toEqual(callers.sort());
    },
  );

  it('routes the Ingress to Services that exist, on their ports, and admits the controller to each', () => {
    const ingresses = rendered[overlay].filter((o) => o.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    const backends = ingresses.flatMap((i) => [
      ...(i.spec.defaultBackend ? [i.spec.defaultBackend.service] : []),
      ...i.spec.rules.flatMap((r: K8sObject) => r.http.paths.map((p: K8sObject) => p.backend.service)),
    ]);
    expect(backends.length).toBeGreaterThan(SERVICE_NAMES.length);
    for (const { name, port } of backends) {
      const service = find(overlay, 'Service', name);
      expect([name, service?.spec.ports.map((p: { port: number }) => p.port)]).toEqual([
        name,
        expect.arrayContaining([port.number]),
      ]);
      const policy = findIn(
        overlay,
        (o) => o.kind === 'NetworkPolicy' && o.spec.podSelector.matchLabels?.app === name,
      );
      expect(JSON.stringify(policy.spec.ingress)).toContain('ingress-nginx');
    }
  });

  it.each(SERVICE_NAMES)('annotates the %s pods for Prometheus: scrape, its HTTP port, /metrics', (app) => {
    const annotations = deployment(overlay, app).spec.template.metadata.annotations;
    expect(annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(container(overlay, app).ports[0].containerPort),
      'prometheus.io/path': '/metrics',
    });
  });

  it.each(SERVICE_NAMES)(
    'lets a Prometheus in the namespace monitoring reach %s on its metrics port',
    (app) => {
      const port = Number(deployment(overlay, app).spec.template.metadata.annotations['prometheus.io/port']);
      expect(admitsNamespace(overlay, 'monitoring', app, port)).toBe(true);
      // and nothing else from there: the other namespace is admitted on no port the app does not serve
      expect(admitsNamespace(overlay, 'monitoring', app, 5432)).toBe(false);
    },
  );

  it('lets the outside systems call back through the Ingress: the supplier to order-service, the card gateway to payment-service', () => {
    const routes = rendered[overlay]
      .filter((o) => o.kind === 'Ingress')
      .flatMap((i) => i.spec.rules.flatMap((r: K8sObject) => r.http.paths)) as {
      path: string;
      backend: { service: { name: string; port: { number: number } } };
    }[];
    for (const [path, app] of [
      ['/api/webhooks/supplier', 'order-service'],
      ['/api/webhooks/payment-gateway', 'payment-service'],
    ] as const) {
      const route = must(
        routes.find((r) => r.path === path),
        `the Ingress route ${path}`,
      );
      expect(route.backend.service).toEqual({ name: app, port: { number: SERVICES[app] } });
      expect([path, admitsNamespace(overlay, 'ingress-nginx', app, SERVICES[app])]).toEqual([path, true]);
    }
  });

  it('takes every secret from a generated Secret, never literal values, and config from ConfigMaps', () => {
    const secrets = rendered[overlay].filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => s.metadata.name.replace(/-[a-z0-9]+$/, '')).sort()).toEqual([
      'shop-auth',
      'shop-db',
      'shop-s3',
    ]);
    for (const app of SERVICE_NAMES) {
      const c = container(overlay, app);
      for (const ref of c.envFrom)
        expect(ref.configMapRef.name).toMatch(/^shop-(config|datastores)-[a-z0-9]+$/);
      for (const e of c.env.filter((e: { value?: string }) => e.value !== undefined))
        expect([e.name, e.value]).not.toEqual([e.name, expect.stringMatching(/secret|password|CHANGE_ME/i)]);
    }
  });

  it('keeps the apps’ secrets where they were: shop-auth and shop-db', () => {
    expect(container(overlay, 'user-service').env).toEqual(
      expect.arrayContaining([
        { name: 'JWT_PRIVATE_KEY', ...secretRef('shop-auth', 'JWT_PRIVATE_KEY') },
        { name: 'SERVICE_TOKEN_SECRET', ...secretRef('shop-auth', 'SERVICE_TOKEN_SECRET') },
        { name: 'NOTIFICATION_SECRET_KEY', ...secretRef('shop-auth', 'NOTIFICATION_SECRET_KEY') },
        { name: 'DATABASE_URL', ...secretRef('shop-db', 'USER_SERVICE_DATABASE_URL') },
      ]),
    );
    for (const app of ['order-service', 'notification-worker'])
      expect(container(overlay, app).env).toContainEqual({
        name: 'NOTIFICATION_SECRET_KEY',
        ...secretRef('shop-auth', 'NOTIFICATION_SECRET_KEY'),
      });
    for (const name of ['GATEWAY_API_KEY', 'PAYMENT_GATEWAY_WEBHOOK_SECRET', 'SERVICE_TOKEN_SECRET'])
      expect(container(overlay, 'payment-service').env).toContainEqual({
        name,
        ...secretRef('shop-auth', name),
      });
    expect(container(overlay, 'data-pipeline').env).toContainEqual({
      name: 'DATABASE_URL',
      ...secretRef('shop-db', 'DATA_PIPELINE_DATABASE_URL'),
    });
    expect(container(overlay, 'notification-worker').env).toContainEqual({
      name: 'SMTP_URL',
      ...secretRef('shop-db', 'SMTP_URL'),
    });
  });

  it('gives each service its own Redis database after the shared REDIS_BASE_URL', () => {
    const redisOf = (app: string) => {
      const env = container(overlay, app).env as { name: string; value?: string }[];
      const base = env.findIndex((e) => e.name === 'REDIS_BASE_URL');
      const url = env.findIndex((e) => e.name === 'REDIS_URL');
      expect(base).toBeGreaterThanOrEqual(0);
      expect(url).toBeGreaterThan(base); // kubelet expands $(VAR) only from variables defined before
      return env[url].value;
    };
    expect(redisOf('payment-service')).toBe('$(REDIS_BASE_URL)/1');
    expect(redisOf('notification-worker')).toBe('$(REDIS_BASE_URL)/2');
    expect(redisOf('data-pipeline')).toBe('$(REDIS_BASE_URL)/3');
    expect(redisOf('ml-engine')).toBe('$(REDIS_BASE_URL)/4');
  });

  it("gives ml-engine S3 buckets for its artifacts and data-pipeline's training data", () => {
    const value = (app: string, name: string) =>
      container(overlay, app).env.find((e: { name: string }) => e.name === name)?.value;
    expect(value('ml-engine', 'S3_BUCKET')).toBeDefined();
    expect(value('ml-engine', 'TRAINING_DATA_BUCKET')).toBe(value('data-pipeline', 'S3_BUCKET'));
    expect(value('ml-engine', 'S3_BUCKET')).not.toBe(value('ml-engine', 'TRAINING_DATA_BUCKET'));
  });

  it('deploys web with the six URLs and the service secret, the default backend of the Ingress', () => {
    const env = container(overlay, 'web').env;
    for (const [setting, service] of Object.entries(URL_SETTINGS))
      expect(env).toContainEqual({ name: setting, value: `http://${service}:${SERVICES[service]}` });
    expect(env).toContainEqual({
      name: 'SERVICE_TOKEN_SECRET',
      ...secretRef('shop-auth', 'SERVICE_TOKEN_SECRET'),
    });
    const shop = find(overlay, 'Ingress', 'shop');
    expect(shop.spec.defaultBackend.service).toEqual({ name: 'web', port: { number: SERVICES.web } });
  });
});

describe('the overlays: infrastructure in dev, managed in prod', () => {
  it('runs PostgreSQL, MongoDB, Redis and Kafka as StatefulSets in dev, with Services and policies letting only their users in', () => {
    for (const name of DEV_STATEFULSETS) {
      expect(find('dev', 'StatefulSet', name)).toBeDefined();
      expect(find('dev', 'Service', name)).toBeDefined();
      const policy = findIn(
        'dev',
        (o) => o.kind === 'NetworkPolicy' && o.spec.podSelector.matchLabels?.app === name,
      );
      expect(policy.spec.ingress.length).toBeGreaterThan(0);
    }
  });

  it('runs no datastore, simulator or mail catcher in prod: only the seven apps', () => {
    expect(rendered.prod.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    expect(
      rendered.prod
        .filter((o) => o.kind === 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...SERVICE_NAMES].sort());
    const datastores = findIn(
      'prod',
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('shop-datastores-'),
    );
    expect(Object.keys(datastores.data).sort()).toEqual([
      'KAFKA_BROKERS',
      'PAYMENT_GATEWAY_CALLBACK_URL',
      'PAYMENT_GATEWAY_URL',
      'PUBLIC_URL',
      'SUPPLIER_URL',
    ]);
  });

  it("needs no migration Job (every service migrates its own store at start); dev's one Job creates the buckets", () => {
    const jobs = (overlay: Overlay) =>
      rendered[overlay].filter((o) => o.kind === 'Job' || o.kind === 'CronJob').map((j) => j.metadata.name);
    expect([jobs('dev'), jobs('prod')]).toEqual([['minio-buckets'], []]);
  });

  it('runs MinIO in dev for ml-engine and data-pipeline: their endpoint, their keys, their buckets, their flows', () => {
    const service = find('dev', 'Service', 'minio');
    const s3Port = must(
      service.spec.ports.find((p: { name: string }) => p.name === 's3'),
      'the S3 port of Service/minio',
    ).port;
    const minio = find('dev', 'StatefulSet', 'minio').spec.template.spec.containers[0];
    for (const app of ['ml-engine', 'data-pipeline']) {
      expect(envOf('dev', app, 'S3_ENDPOINT')).toEqual({
        name: 'S3_ENDPOINT',
        value: `http://minio:${s3Port}`,
      });
      // the root user is the S3 user the apps sign in with
      expect(minio.env.map((e: { valueFrom: unknown }) => e.valueFrom)).toEqual([
        envOf('dev', app, 'S3_ACCESS_KEY_ID').valueFrom,
        envOf('dev', app, 'S3_SECRET_ACCESS_KEY').valueFrom,
      ]);
      expect(admitsPod('dev', 'minio', app, s3Port)).toBe(true);
      expect(egressTo('dev', app, 'minio', s3Port)).toBe(true);
    }
    const job = find('dev', 'Job', 'minio-buckets').spec.template;
    const script = job.spec.containers[0].args.join(' ');
    expect(script).toContain(`http://minio:${s3Port}`);
    const buckets = [
      envOf('dev', 'ml-engine', 'S3_BUCKET').value,
      envOf('dev', 'ml-engine', 'TRAINING_DATA_BUCKET').value,
      envOf('dev', 'data-pipeline', 'S3_BUCKET').value,
    ];
    for (const bucket of buckets) expect(script).toContain(`shop/${bucket}`);
    expect(admitsPod('dev', 'minio', job.metadata.labels.app, s3Port)).toBe(true);
    expect(egressTo('dev', job.metadata.labels.app, 'minio', s3Port)).toBe(true);
  });

  it('expects a managed S3 in prod: no MinIO, and ml-engine and data-pipeline may reach S3 over HTTPS', () => {
    expect(rendered.prod.filter((o) => o.metadata.name.startsWith('minio'))).toEqual([]);
    for (const app of ['ml-engine', 'data-pipeline']) {
      expect(envOf('prod', app, 'S3_ENDPOINT')).toBeUndefined(); // AWS S3 (README: how to name another)
      const policy = findIn(
        'prod',
        (o) => o.kind === 'NetworkPolicy' && o.spec.podSelector.matchLabels?.app === app,
      );
      expect(JSON.stringify(policy.spec.egress)).toContain('"port":443');
    }
  });

  it("gives the card gateway in prod payment-service's public callback route, through the Ingress", () => {
    const datastores = findIn(
      'prod',
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('shop-datastores-'),
    );
    expect(envOf('prod', 'payment-service', 'PAYMENT_GATEWAY_CALLBACK_URL')).toEqual({
      name: 'PAYMENT_GATEWAY_CALLBACK_URL',
      valueFrom: { configMapKeyRef: { name: datastores.metadata.name, key: 'PAYMENT_GATEWAY_CALLBACK_URL' } },
    });
    const url = new URL(datastores.data.PAYMENT_GATEWAY_CALLBACK_URL);
    expect(url.protocol).toBe('https:');
    expect(url.pathname).toBe('/api/webhooks/payment-gateway');
    expect(url.hostname).not.toMatch(/^payment-service|\.svc|localhost/); // reachable from outside
  });

  it.each([
    ['prod', 'https:'],
    ['dev', 'http:'],
  ] as const)(
    "links the verification e-mail in %s to the shop's public origin (the web app's /verify-email), not user-service",
    (overlay, protocol) => {
      const datastores = findIn(
        overlay,
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('shop-datastores-'),
      );
      expect(envOf(overlay, 'user-service', 'PUBLIC_URL')).toEqual({
        name: 'PUBLIC_URL',
        valueFrom: { configMapKeyRef: { name: datastores.metadata.name, key: 'PUBLIC_URL' } },
      });
      const url = new URL(datastores.data.PUBLIC_URL);
      expect(url.protocol).toBe(protocol);
      expect(url.pathname).toBe('/'); // an origin: user-service appends /verify-email
      expect(url.hostname).not.toMatch(/^user-service|\.svc/); // what a mail reader's browser opens
      expect(url.port).not.toBe('3002');
    },
  );

  it('runs the SMTP catcher devstack runs in dev (MailDev, its version and ports), and the dev SMTP_URL names it', () => {
    const { name, image, smtpPort, webPort } = SMTP_CATCHER;
    const c = container('dev', name);
    expect(c.image).toBe(`${image}:${maildevVersion()}`);
    expect(c.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([smtpPort, webPort]);
    expect(find('dev', 'Service', name).spec.ports).toEqual([
      { name: 'smtp', port: smtpPort },
      { name: 'web', port: webPort },
    ]);
    expect(read('k8s/overlays/dev/secrets/db.env.example')).toContain(
      `SMTP_URL=smtp://${name}:${smtpPort}\n`,
    );
    expect(JSON.stringify(rendered.dev)).not.toMatch(/mailpit|8025/i);
  });
});

describe('k8s/ in the repository', () => {
  const files = execFileSync('git', ['ls-files', 'k8s'], { cwd: root }).toString().trim().split('\n');

  it('commits no Secret with data and no secretGenerator literals', () => {
    for (const file of files.filter((f) => /\.ya?ml$/.test(f))) {
      for (const doc of parseAllDocuments(read(file)).map((d) => d.toJS())) {
        if (doc?.kind === 'Secret')
          expect([file, doc.data, doc.stringData]).toEqual([file, undefined, undefined]);
        for (const gen of doc?.secretGenerator ?? []) expect([file, gen.literals]).toEqual([file, undefined]);
      }
    }
  });

  it('keeps the files the secretGenerators read out of git, with a committed example of each', () => {
    for (const overlay of ['dev', 'prod']) {
      const kustomization = parse(read(`k8s/overlays/${overlay}/kustomization.yaml`));
      const sources = [...kustomization.secretGenerator, ...(kustomization.configMapGenerator ?? [])].flatMap(
        (g: { envs?: string[]; files?: string[] }) => [
          ...(g.envs ?? []),
          ...(g.files ?? []).map((f) => f.split('=').pop()!),
        ],
      );
      for (const source of sources) {
        const file = `k8s/overlays/${overlay}/${source}`;
        expect(execFileSync('git', ['check-ignore', file], { cwd: root }).toString().trim()).toBe(file);
        expect(files).not.toContain(file);
        if (source.endsWith('.env')) expect(files).toContain(`${file}.example`);
      }
    }
  });

  it('keeps the generated Ingress in the base', () => {
    expect(parse(read('k8s/base/kustomization.yaml')).resources).toContain('ingress.yaml');
  });
});
