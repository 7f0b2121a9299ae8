import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES, SERVICE_NAMES, SMTP_CATCHER, SmtpServer, maildevVersion } from '@platform/devstack';
import { parse } from 'yaml';

/** docker-compose.yml cannot be run on every machine; this keeps it in step with the code. */
const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true });

  it.each(SERVICE_NAMES)('runs %s on its port, built from the shared Dockerfile, after Kafka', (name) => {
    const svc = compose.services[name];
    expect(svc.build.args.APP).toBe(name);
    expect(svc.ports).toEqual([`${SERVICES[name]}:${SERVICES[name]}`]);
    expect(svc.environment).toMatchObject({ PORT: SERVICES[name], KAFKA_BROKERS: 'kafka:9092' });
    expect(svc.depends_on.kafka).toEqual({ condition: 'service_healthy' });
  });

  it('gives user-service and notification-worker one notification key (sealed links can be opened)', () => {
    const key = compose.services['user-service'].environment.NOTIFICATION_SECRET_KEY;
    expect(key).toMatch(/^\$\{NOTIFICATION_SECRET_KEY:-[A-Za-z0-9+/]{43}=\}$/);
    expect(compose.services['notification-worker'].environment.NOTIFICATION_SECRET_KEY).toBe(key);
    // order-service seals the keys of a fulfilled order for the worker with it too
    expect(compose.services['order-service'].environment.NOTIFICATION_SECRET_KEY).toBe(key);
  });

  it('gives payment-service and the gateway simulator one API key and one callback secret, and calls back payment-service', () => {
    const payments = compose.services['payment-service'].environment;
    const gateway = compose.services['payment-gateway-simulator'].environment;
    for (const name of ['GATEWAY_API_KEY', 'PAYMENT_GATEWAY_WEBHOOK_SECRET']) {
      expect(payments[name]).toMatch(/^\$\{\w+:-.{16,}\}$/);
      expect(gateway[name]).toBe(payments[name]);
    }
    expect(payments.PAYMENT_GATEWAY_URL).toBe('http://payment-gateway-simulator:4020');
    expect(gateway.PAYMENT_GATEWAY_CALLBACK_URL).toBe(payments.PAYMENT_GATEWAY_CALLBACK_URL);
    expect(payments.PAYMENT_GATEWAY_CALLBACK_URL).toBe(
      'http://payment-service:3003/api/webhooks/payment-gateway',
    );
  });
});

describe('docker-compose.yml: data-pipeline', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true });

  it('checks API keys and tokens with user-service, with the shared service secret, on Redis database 3', () => {
    const env = compose.services['data-pipeline'].environment;
    expect(env).toMatchObject({
      USER_SERVICE_URL: 'http://user-service:3002',
      REDIS_URL: 'redis://redis:6379/3',
      DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/data_pipeline',
    });
    expect(env.SERVICE_TOKEN_SECRET).toBe(compose.services['user-service'].environment.SERVICE_TOKEN_SECRET);
  });
});

describe('docker-compose.yml: ml-engine', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true });
  const svc = compose.services['ml-engine'];

  it("reads data-pipeline's volume for training data, keeps artifacts in its own, on Redis database 4", () => {
    expect(svc.environment).toMatchObject({
      USER_SERVICE_URL: 'http://user-service:3002',
      REDIS_URL: 'redis://redis:6379/4',
      DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/ml_engine',
      OBJECT_STORE_DIR: '/data/object-store',
      TRAINING_DATA_DIR: '/data/training-data',
    });
    expect(svc.environment.SERVICE_TOKEN_SECRET).toBe(
      compose.services['user-service'].environment.SERVICE_TOKEN_SECRET,
    );
    const pipeline = compose.services['data-pipeline'];
    const pipelineVolume = pipeline.volumes
      .find((v: string) => v.endsWith(`:${pipeline.environment.OBJECT_STORE_DIR}`))
      .split(':')[0];
    expect(svc.volumes).toContain(`${pipelineVolume}:/data/training-data:ro`);
    expect(svc.volumes.map((v: string) => v.split(':')[0])).not.toEqual([pipelineVolume]);
    expect(Object.keys(svc.depends_on)).toEqual(
      expect.arrayContaining(['kafka', 'postgres', 'redis', 'user-service', 'data-pipeline']),
    );
  });
});

// k8s/ has its own spec (e2e/test/k8s-manifests.spec.ts): the overlays rendered and validated.
describe('the SMTP catcher: one name, one image and one set of ports in devstack and compose', () => {
  const { name, image, smtpPort, webPort } = SMTP_CATCHER;
  const smtpUrl = `smtp://${name}:${smtpPort}`;
  const compose = parse(read('docker-compose.yml'), { merge: true });

  it('is the MailDev devstack runs, on its ports', () => {
    const devstack = new SmtpServer();
    expect([devstack.port, devstack.webPort]).toEqual([smtpPort, webPort]);
    expect(devstack.env().SMTP_URL).toBe(`smtp://127.0.0.1:${smtpPort}`);
  });

  it('runs in docker-compose.yml as the same MailDev version, and notification-worker sends to it', () => {
    expect(compose.services[name].image).toBe(`${image}:${maildevVersion()}`);
    expect(compose.services[name].ports).toEqual([`${webPort}:${webPort}`]);
    const worker = compose.services['notification-worker'];
    expect(worker.environment.SMTP_URL).toBe(smtpUrl);
    expect(worker.depends_on[name]).toEqual({ condition: 'service_healthy' });
  });

  it('has no second catcher left in compose (mailpit, port 8025)', () => {
    expect(read('docker-compose.yml')).not.toMatch(/mailpit|8025/i);
  });
});

describe('the web app: compose gateway', () => {
  const upstreams = {
    USER_SERVICE_URL: 'user-service',
    ORDER_SERVICE_URL: 'order-service',
    PAYMENT_SERVICE_URL: 'payment-service',
    NOTIFICATION_WORKER_URL: 'notification-worker',
    ML_ENGINE_URL: 'ml-engine',
    DATA_PIPELINE_URL: 'data-pipeline',
  } as const;
  const urlOf = (service: keyof typeof SERVICES) => `http://${service}:${SERVICES[service]}`;

  it('runs in compose on 3000 with the six URLs and the service secret, after the six', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true });
    const web = compose.services.web;
    for (const [name, service] of Object.entries(upstreams))
      expect(web.environment[name]).toBe(urlOf(service));
    expect(web.environment.SERVICE_TOKEN_SECRET).toBe(
      compose.services['ml-engine'].environment.SERVICE_TOKEN_SECRET,
    );
    expect(Object.keys(web.depends_on)).toEqual(expect.arrayContaining(Object.values(upstreams)));
  });

  it('builds the pages into the image (vite build when APP=web)', () => {
    expect(read('Dockerfile')).toMatch(
      /if \[ "\$APP" = web \]; then npx vite build --config apps\/web\/vite.config.mts/,
    );
  });
});
