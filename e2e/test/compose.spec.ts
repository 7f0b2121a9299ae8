import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  SERVICES,
  dockerComposeCommand,
  SERVICE_NAMES,
  SMTP_CATCHER,
  SmtpServer,
  maildevVersion,
  stack,
  type ServiceName,
} from '@platform/devstack';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * docker-compose.yml as Docker Compose itself reads it (`docker compose config`: anchors, merges and
 * ${VAR:-default} resolved; the client alone, no engine), checked against the code: the ports of
 * libs/devstack, each app's config schema, and what each container calls.
 */
const root = path.resolve(__dirname, '../..');

/**
 * Each app's `configSchema` (apps/<name>/src/config.ts). Read from its file by path: the e2e project may not
 * depend on the apps' projects, and these files are what the apps load their environment with.
 */
const schemaOf = (name: ServiceName): z.ZodType =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(path.join(root, 'apps', name, 'src', 'config')) as { configSchema: z.ZodType }).configSchema;

/** What each container calls (ARCHITECTURE.md §1-§2): it starts once they are healthy. */
const CALLS: Record<string, string[]> = {
  'user-service': ['kafka', 'postgres', 'redis'],
  'order-service': ['kafka', 'mongo', 'redis', 'user-service', 'supplier-simulator'],
  'payment-service': ['kafka', 'redis', 'order-service', 'user-service', 'payment-gateway-simulator'],
  'notification-worker': ['kafka', 'redis', 'maildev'],
  'ml-engine': ['kafka', 'postgres', 'redis', 'user-service', 'data-pipeline', 'minio'],
  'data-pipeline': ['kafka', 'postgres', 'redis', 'user-service', 'minio'],
  web: ['kafka', ...SERVICE_NAMES.filter((s) => s !== 'web')],
};

/** The variables that hold secrets: a development value in the file, overridable from the environment. */
const SECRETS = [
  'NOTIFICATION_SECRET_KEY',
  'SERVICE_TOKEN_SECRET',
  'SUPPLIER_WEBHOOK_SECRET',
  'GATEWAY_API_KEY',
  'PAYMENT_GATEWAY_WEBHOOK_SECRET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'POSTGRES_PASSWORD',
  'GRAFANA_ADMIN_PASSWORD',
];

interface Port {
  target: number;
  published?: string;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  ports?: Port[];
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: { type: string; source: string; target: string; read_only?: boolean }[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** `docker compose config --format json` with only the given variables set (none: the file's defaults). */
function composeConfig(command: string[], vars: Record<string, string> = {}): Compose {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...vars };
  let out: string;
  try {
    const [cmd, ...args] = command;
    out = execFileSync(cmd, [...args, '-f', 'docker-compose.yml', 'config', '--format', 'json'], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    const why =
      err.code === 'ENOENT'
        ? 'the docker client is not installed'
        : `\`docker compose config\` failed (is the compose plugin installed? \`docker compose version\`): ${err.stderr ?? err.message}`;
    throw new Error(`compose.spec.ts needs the Docker client with its compose plugin (no engine): ${why}`);
  }
  return JSON.parse(out) as Compose;
}

/** The z.object inside a schema (superRefine in zod 4 keeps the object; older wrappers are unwrapped). */
function objectOf(schema: z.ZodType): z.ZodObject {
  let s: unknown = schema;
  for (let i = 0; i < 5 && !(s instanceof z.ZodObject); i++) {
    const def = (s as { def?: { schema?: unknown; in?: unknown; innerType?: unknown } }).def;
    s = def?.schema ?? def?.in ?? def?.innerType;
  }
  if (!(s instanceof z.ZodObject)) throw new Error('no z.object found in the config schema');
  return s;
}

const hostsOf = (env: Record<string, string | null>) =>
  Object.values(env).flatMap((v) => {
    const m = /^[a-z]+:\/\/(?:[^@/]*@)?([a-z0-9-]+)(?::\d+)?/.exec(v ?? '');
    return m && m[1] !== 'localhost' ? [m[1]] : [];
  });

describe('docker-compose.yml (docker compose config)', () => {
  let compose: Compose;
  const svc = (name: string): Service => {
    const s = compose.services[name];
    if (!s) throw new Error(`no service ${name} in docker-compose.yml`);
    return s;
  };
  // the Docker client's compose plugin, or Compose built once from the Go module proxy (devstack)
  let command: string[];
  beforeAll(async () => {
    command = await dockerComposeCommand();
    compose = composeConfig(command);
  }, 900_000);

  it('gives every container a healthcheck', () => {
    const without = Object.entries(compose.services)
      .filter(
        ([, s]) => !s.healthcheck?.test?.length || s.healthcheck.disable || s.healthcheck.test[0] === 'NONE',
      )
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('keeps data in named volumes only', () => {
    const mounts = Object.values(compose.services).flatMap((s) => s.volumes ?? []);
    const binds = mounts.filter((m) => m.type !== 'volume').map((m) => m.target);
    // the bind mounts: the database list PostgreSQL creates at its first start, and the configuration
    // of Prometheus and Grafana, all read-only files of the repository
    expect(binds.sort()).toEqual([
      '/docker-entrypoint-initdb.d/init.sql',
      '/etc/grafana/provisioning',
      '/etc/prometheus/prometheus.yml',
      '/var/lib/grafana/dashboards',
    ]);
    expect(mounts.filter((m) => m.type !== 'volume' && !m.read_only).map((m) => m.target)).toEqual([]);
    for (const m of mounts.filter((v) => v.type === 'volume'))
      expect(Object.keys(compose.volumes ?? {})).toContain(m.source);
  });

  it.each(SERVICE_NAMES)('builds %s from the one Dockerfile and publishes its devstack port', (name) => {
    const s = svc(name);
    expect(s.build).toMatchObject({ dockerfile: 'Dockerfile', args: { APP: name } });
    expect(s.ports?.map((p) => [p.target, p.published])).toEqual([[SERVICES[name], String(SERVICES[name])]]);
    expect(s.environment?.PORT).toBe(String(SERVICES[name]));
    expect(s.healthcheck?.test?.join(' ')).toContain(`http://127.0.0.1:${SERVICES[name]}/ready`);
  });

  it.each(SERVICE_NAMES)('starts %s once what it calls is healthy (and the buckets exist)', (name) => {
    const deps = svc(name).depends_on ?? {};
    const expected: Record<string, { condition: string }> = {};
    for (const dep of CALLS[name])
      if (dep === 'minio') expected['minio-init'] = { condition: 'service_completed_successfully' };
      else expected[dep] = { condition: 'service_healthy' };
    expect(deps).toEqual(
      Object.fromEntries(Object.keys(expected).map((k) => [k, expect.objectContaining(expected[k])])),
    );
    // every host its environment names is one of them (itself aside: callback URLs)
    // jaeger aside too: traces are exported when it is there, an app never waits for it
    const called = new Set(CALLS[name].concat(name, 'jaeger'));
    expect(hostsOf(svc(name).environment ?? {}).filter((h) => !called.has(h))).toEqual([]);
  });

  it('waits for every dependency with a condition its target can meet', () => {
    for (const [name, s] of Object.entries(compose.services))
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect([name, dep, condition]).toEqual([
          name,
          dep,
          dep === 'minio-init' ? 'service_completed_successfully' : 'service_healthy',
        ]);
        expect(compose.services[dep].healthcheck?.test?.length).toBeGreaterThan(0);
      }
  });

  describe.each(SERVICE_NAMES)('%s environment against its configSchema', (name) => {
    const schema = schemaOf(name);
    const shape = objectOf(schema).shape as Record<string, z.ZodType>;
    const env = () => svc(name).environment ?? {};

    it('sets only variables the schema knows (no typo, nothing stale)', () => {
      expect(Object.keys(env()).filter((k) => !(k in shape))).toEqual([]);
    });

    it('sets every variable that has neither a default nor is optional', () => {
      const required = Object.keys(shape).filter((k) => !shape[k].safeParse(undefined).success);
      expect(required.filter((k) => env()[k] == null)).toEqual([]);
    });

    it('passes the whole schema, production rules included', () => {
      const result = schema.safeParse(env());
      expect(
        result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      ).toEqual([]);
    });
  });

  it('runs every app with NODE_ENV=production but user-service (development: a signing key made at start)', () => {
    const modes = Object.fromEntries(SERVICE_NAMES.map((n) => [n, svc(n).environment?.NODE_ENV]));
    expect(modes).toEqual({
      ...Object.fromEntries(SERVICE_NAMES.map((n) => [n, 'production'])),
      'user-service': 'development',
    });
  });

  it('runs the two simulators from the service images, on 4010 and 4020, healthy on /health', () => {
    for (const [name, app, port] of [
      ['supplier-simulator', 'order-service', 4010],
      ['payment-gateway-simulator', 'payment-service', 4020],
    ] as const) {
      const s = svc(name);
      expect(s.build?.args?.APP).toBe(app);
      expect(s.command).toEqual(['node', `${name}.js`]);
      expect(s.ports?.map((p) => [p.target, p.published])).toEqual([[port, String(port)]]);
      expect(s.healthcheck?.test?.join(' ')).toContain(`http://127.0.0.1:${port}/health`);
    }
  });

  it('publishes the mail UI (1080), traces (16686) and the object store (9000, console 9001)', () => {
    const published = (name: string) => svc(name).ports?.map((p) => p.published);
    expect(published('maildev')).toEqual(['1080']);
    expect(published('jaeger')).toEqual(['16686']);
    expect(published('minio')).toEqual(['9000', '9001']);
  });

  it('runs the SMTP catcher devstack runs (same MailDev image and version, same ports), and the worker sends to it', () => {
    const { name, image, smtpPort, webPort } = SMTP_CATCHER;
    const devstack = new SmtpServer();
    expect([devstack.port, devstack.webPort]).toEqual([smtpPort, webPort]);
    expect(svc(name).image).toBe(`${image}:${maildevVersion()}`);
    expect(svc(name).ports?.map((p) => [p.target, p.published])).toEqual([[webPort, String(webPort)]]);
    expect(svc('notification-worker').environment?.SMTP_URL).toBe(`smtp://${name}:${smtpPort}`);
    // no second catcher (mailpit, its port 8025) beside it
    expect(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')).not.toMatch(/mailpit|8025/i);
  });

  it('builds the web pages into the web image (vite build when APP=web)', () => {
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toMatch(
      /if \[ "\$APP" = web \]; then npx vite build --config apps\/web\/vite.config.mts/,
    );
  });

  it('gives one notification key to user-service, order-service and notification-worker', () => {
    const keys = ['user-service', 'order-service', 'notification-worker'].map(
      (n) => svc(n).environment?.NOTIFICATION_SECRET_KEY,
    );
    expect(Buffer.from(keys[0] ?? '', 'base64')).toHaveLength(32);
    expect(new Set(keys).size).toBe(1);
  });

  it('gives one service secret to every app that has one, and payment-service and its gateway one key and callback secret', () => {
    // every app that signs or checks service tokens (notification-worker calls no one, nor is called)
    const signers = SERVICE_NAMES.filter((n) => 'SERVICE_TOKEN_SECRET' in objectOf(schemaOf(n)).shape);
    expect(signers).toHaveLength(SERVICE_NAMES.length - 1);
    expect(new Set(signers.map((n) => svc(n).environment?.SERVICE_TOKEN_SECRET)).size).toBe(1);
    const payments = svc('payment-service').environment ?? {};
    const gateway = svc('payment-gateway-simulator').environment ?? {};
    for (const key of ['GATEWAY_API_KEY', 'PAYMENT_GATEWAY_WEBHOOK_SECRET', 'PAYMENT_GATEWAY_CALLBACK_URL'])
      expect(gateway[key]).toBe(payments[key]);
    expect(payments.PAYMENT_GATEWAY_CALLBACK_URL).toBe(
      'http://payment-service:3003/api/webhooks/payment-gateway',
    );
    const orders = svc('order-service').environment ?? {};
    const supplier = svc('supplier-simulator').environment ?? {};
    expect(supplier.SUPPLIER_WEBHOOK_SECRET).toBe(orders.SUPPLIER_WEBHOOK_SECRET);
    expect(supplier.SUPPLIER_WEBHOOK_URL).toBe('http://order-service:3001/api/webhooks/supplier');
  });

  it("puts ml-engine's artifacts and data-pipeline's training data in two buckets the init job creates", () => {
    const ml = svc('ml-engine').environment ?? {};
    const pipeline = svc('data-pipeline').environment ?? {};
    expect(ml.TRAINING_DATA_BUCKET).toBe(pipeline.S3_BUCKET);
    expect(ml.S3_BUCKET).not.toBe(ml.TRAINING_DATA_BUCKET);
    for (const env of [ml, pipeline]) {
      expect(env.S3_ENDPOINT).toBe('http://minio:9000');
      expect(env.OBJECT_STORE_DIR).toBeUndefined();
    }
    const minio = svc('minio').environment ?? {};
    expect([ml.S3_ACCESS_KEY_ID, ml.S3_SECRET_ACCESS_KEY]).toEqual([
      minio.MINIO_ROOT_USER,
      minio.MINIO_ROOT_PASSWORD,
    ]);
    const init = (svc('minio-init').command ?? []).join(' ');
    for (const bucket of [ml.S3_BUCKET, ml.TRAINING_DATA_BUCKET]) expect(init).toContain(`shop/${bucket}`);
  });

  it('gives the web gateway the six services on their ports', () => {
    const env = svc('web').environment ?? {};
    for (const name of SERVICE_NAMES.filter((n) => n !== 'web'))
      expect(env[`${name.toUpperCase().replace('-', '_')}_URL`]).toBe(`http://${name}:${SERVICES[name]}`);
  });

  it('takes every secret from the environment when set (the file holds development values only)', () => {
    const vars = Object.fromEntries(
      SECRETS.map((k) => [
        k,
        k === 'NOTIFICATION_SECRET_KEY'
          ? Buffer.alloc(32, 7).toString('base64')
          : `from-env-${k}-0123456789abcdef0123456789`,
      ]),
    );
    const overridden = composeConfig(command, vars);
    const leftovers: string[] = [];
    for (const [name, s] of Object.entries(compose.services))
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        const after = overridden.services[name].environment?.[key];
        const secret =
          /SECRET|PASSWORD|API_KEY|ACCESS_KEY/.test(key) || SECRETS.some((v) => after?.includes(vars[v]));
        if (secret && !SECRETS.some((v) => after?.includes(vars[v]))) leftovers.push(`${name}.${key}`);
        if (secret && value === after) leftovers.push(`${name}.${key} unchanged`);
      }
    expect(leftovers).toEqual([]);
    expect(overridden.services['user-service'].environment?.DATABASE_URL).toContain(vars.POSTGRES_PASSWORD);
  });

  /** The repository file or folder compose mounts at `target` in `name` (compose config gives absolute paths). */
  const mounted = (name: string, target: string) => {
    const m = (svc(name).volumes ?? []).find((v) => v.target === target);
    if (!m || m.type !== 'bind') throw new Error(`${name} mounts nothing of the repository at ${target}`);
    return m.source;
  };

  it('scrapes exactly the app containers every 15 s, one job each, on their compose names and ports', () => {
    const config = parse(readFileSync(mounted('prometheus', '/etc/prometheus/prometheus.yml'), 'utf8')) as {
      global: { scrape_interval: string };
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    expect(config.global.scrape_interval).toBe('15s');
    const scraped = Object.fromEntries(
      config.scrape_configs.map((j) => [j.job_name, j.static_configs.flatMap((c) => c.targets)]),
    );
    // the app containers: built with APP and run as the app (the simulators share images, not the app)
    const apps = Object.entries(compose.services).filter(([, s]) => s.build?.args?.APP && !s.command);
    expect(scraped).toEqual(
      Object.fromEntries(apps.map(([name, s]) => [name, [`${name}:${s.environment?.PORT}`]])),
    );
    expect(Object.keys(scraped).sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('provisions Grafana from the repository: Prometheus as its data source and the platform dashboard', () => {
    const provisioning = mounted('grafana', '/etc/grafana/provisioning');
    const dashboards = mounted('grafana', '/var/lib/grafana/dashboards');
    expect(path.relative(root, provisioning)).toBe('docker/grafana/provisioning');
    expect(path.relative(root, dashboards)).toBe('docker/grafana/dashboards');
    const yamlIn = (dir: string) =>
      readdirSync(path.join(provisioning, dir))
        .filter((f) => f.endsWith('.yml'))
        .map((f) => parse(readFileSync(path.join(provisioning, dir, f), 'utf8')) as Record<string, unknown>);
    const sources = yamlIn('datasources').flatMap(
      (f) => f.datasources as { uid: string; type: string; url: string }[],
    );
    const prometheusPort = svc('prometheus').ports?.[0].target;
    expect(sources).toEqual([
      expect.objectContaining({ type: 'prometheus', url: `http://prometheus:${prometheusPort}` }),
    ]);
    const providers = yamlIn('dashboards').flatMap((f) => f.providers as { options: { path: string } }[]);
    expect(providers.map((p) => p.options.path)).toEqual(['/var/lib/grafana/dashboards']);
    // the dashboard's panels name the provisioned data source by its uid
    const dashboard = JSON.parse(readFileSync(path.join(dashboards, 'platform.json'), 'utf8')) as {
      panels: { type: string; datasource?: { uid: string } }[];
    };
    const uids = new Set(dashboard.panels.filter((p) => p.type !== 'row').map((p) => p.datasource?.uid));
    expect([...uids]).toEqual([sources[0].uid]);
    expect(svc('grafana').depends_on).toEqual({
      prometheus: expect.objectContaining({ condition: 'service_healthy' }),
    });
  });

  it('publishes Prometheus on 9090 and Grafana on 3005, ports no other container and no devstack server uses', () => {
    const published = (name: string) => svc(name).ports?.map((p) => p.published);
    expect([published('prometheus'), published('grafana')]).toEqual([['9090'], ['3005']]);
    expect(svc('grafana').environment?.GF_SERVER_HTTP_PORT).toBe('3005');
    const others = Object.entries(compose.services)
      .filter(([name]) => name !== 'prometheus' && name !== 'grafana')
      .flatMap(([, s]) => (s.ports ?? []).map((p) => Number(p.published)));
    const devstack = [
      ...Object.values(stack).map((s) => s.port),
      SMTP_CATCHER.webPort,
      ...Object.values(SERVICES),
    ];
    expect([9090, 3005].filter((p) => others.includes(p) || devstack.includes(p))).toEqual([]);
  });
});
