import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SERVICES, SERVICE_NAMES, SMTP_CATCHER, SmtpServer, maildevVersion } from '@platform/devstack';
import { parse, parseAllDocuments } from 'yaml';

/** docker-compose.yml and k8s/ cannot be run on every machine; this keeps them in step with the code. */
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

describe('k8s/', () => {
  const kustomization = parse(read('k8s/kustomization.yaml'));
  const docs = readdirSync(path.join(root, 'k8s/services')).flatMap((f) =>
    parseAllDocuments(read(`k8s/services/${f}`)).map((d) => d.toJS()),
  );

  it('gives user-service its signing key and service secret from the shop-auth Secret', () => {
    const container = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'user-service').spec
      .template.spec.containers[0];
    for (const name of ['JWT_PRIVATE_KEY', 'SERVICE_TOKEN_SECRET']) {
      expect(container.env).toContainEqual({
        name,
        valueFrom: { secretKeyRef: { name: 'shop-auth', key: name } },
      });
    }
  });

  it('gives user-service and notification-worker the same notification key from the shop-auth Secret', () => {
    for (const app of ['user-service', 'notification-worker']) {
      const container = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === app).spec.template
        .spec.containers[0];
      expect(container.env).toContainEqual({
        name: 'NOTIFICATION_SECRET_KEY',
        valueFrom: { secretKeyRef: { name: 'shop-auth', key: 'NOTIFICATION_SECRET_KEY' } },
      });
    }
  });

  it('gives payment-service the gateway key and callback secret, and order-service the notification key, from shop-auth', () => {
    const envOf = (app: string) =>
      docs.find((d) => d.kind === 'Deployment' && d.metadata.name === app).spec.template.spec.containers[0]
        .env;
    for (const name of ['GATEWAY_API_KEY', 'PAYMENT_GATEWAY_WEBHOOK_SECRET', 'SERVICE_TOKEN_SECRET'])
      expect(envOf('payment-service')).toContainEqual({
        name,
        valueFrom: { secretKeyRef: { name: 'shop-auth', key: name } },
      });
    expect(envOf('order-service')).toContainEqual({
      name: 'NOTIFICATION_SECRET_KEY',
      valueFrom: { secretKeyRef: { name: 'shop-auth', key: 'NOTIFICATION_SECRET_KEY' } },
    });
  });

  it('gives data-pipeline its database from shop-db, Redis database 3 and the service secret from shop-auth', () => {
    const env = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'data-pipeline').spec.template
      .spec.containers[0].env;
    expect(env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'shop-db', key: 'DATA_PIPELINE_DATABASE_URL' } },
    });
    expect(env).toContainEqual({ name: 'REDIS_URL', value: 'redis://redis:6379/3' });
    expect(env).toContainEqual({
      name: 'SERVICE_TOKEN_SECRET',
      valueFrom: { secretKeyRef: { name: 'shop-auth', key: 'SERVICE_TOKEN_SECRET' } },
    });
  });

  it("gives ml-engine Redis database 4, the service secret, and S3 buckets for its artifacts and data-pipeline's training data", () => {
    const envOf = (app: string) =>
      docs.find((d) => d.kind === 'Deployment' && d.metadata.name === app).spec.template.spec.containers[0]
        .env as { name: string; value?: string }[];
    const env = envOf('ml-engine');
    expect(env).toContainEqual({ name: 'REDIS_URL', value: 'redis://redis:6379/4' });
    expect(env).toContainEqual({
      name: 'SERVICE_TOKEN_SECRET',
      valueFrom: { secretKeyRef: { name: 'shop-auth', key: 'SERVICE_TOKEN_SECRET' } },
    });
    const value = (name: string, e = env) => e.find((v) => v.name === name)?.value;
    expect(value('S3_BUCKET')).toBeDefined();
    expect(value('TRAINING_DATA_BUCKET')).toBe(value('S3_BUCKET', envOf('data-pipeline')));
    expect(value('S3_BUCKET')).not.toBe(value('TRAINING_DATA_BUCKET'));
  });

  it('lists every manifest file in the kustomization', () => {
    for (const f of readdirSync(path.join(root, 'k8s/services')))
      expect(kustomization.resources).toContain(`services/${f}`);
  });

  it.each(SERVICE_NAMES)('deploys %s with its port, readiness on /ready and a Service', (name) => {
    const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === name);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.ports[0].containerPort).toBe(SERVICES[name]);
    expect(container.env).toContainEqual({ name: 'PORT', value: String(SERVICES[name]) });
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet).toBeUndefined(); // a database outage must not restart pods
    const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === name);
    expect(service.spec.ports[0].port).toBe(SERVICES[name]);
  });
});

describe('the SMTP catcher: one name, one image and one set of ports in devstack, compose and k8s', () => {
  const { name, image, smtpPort, webPort } = SMTP_CATCHER;
  const smtpUrl = `smtp://${name}:${smtpPort}`;
  const compose = parse(read('docker-compose.yml'), { merge: true });
  const k8s = parseAllDocuments(read(`k8s/infra/${name}.yaml`)).map((d) => d.toJS());

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

  it('runs in k8s/ as the same MailDev version behind a Service of its name, and the services send to it', () => {
    const container = k8s.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.image).toBe(`${image}:${maildevVersion()}`);
    expect(container.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([
      smtpPort,
      webPort,
    ]);
    const service = k8s.find((d) => d.kind === 'Service');
    expect(service.metadata.name).toBe(name);
    expect(service.spec.ports).toEqual([
      { name: 'smtp', port: smtpPort },
      { name: 'web', port: webPort },
    ]);
    expect(parse(read('k8s/kustomization.yaml')).resources).toContain(`infra/${name}.yaml`);
    const config = parseAllDocuments(read('k8s/config.yaml'))
      .map((d) => d.toJS())
      .find((d) => d.kind === 'ConfigMap');
    expect(config.data.SMTP_URL).toBe(smtpUrl);
  });

  it('has no second catcher left in compose or k8s (mailpit, port 8025)', () => {
    const files = ['docker-compose.yml', 'k8s/kustomization.yaml', 'k8s/config.yaml'].concat(
      readdirSync(path.join(root, 'k8s/infra')).map((f) => `k8s/infra/${f}`),
    );
    expect(files.filter((file) => /mailpit|8025/i.test(read(file)))).toEqual([]);
  });
});

describe('the web app: compose gateway and k8s default backend', () => {
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

  it('deploys in k8s with the six URLs, the service secret, and the Ingress in the kustomization', () => {
    const docs = parseAllDocuments(read('k8s/services/web.yaml')).map((d) => d.toJS());
    const env = docs.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].env;
    for (const [name, service] of Object.entries(upstreams))
      expect(env).toContainEqual({ name, value: urlOf(service) });
    expect(env).toContainEqual({
      name: 'SERVICE_TOKEN_SECRET',
      valueFrom: { secretKeyRef: { name: 'shop-auth', key: 'SERVICE_TOKEN_SECRET' } },
    });
    const kustomization = parse(read('k8s/kustomization.yaml'));
    expect(kustomization.resources).toContain('ingress.yaml');
    expect(kustomization.images).toContainEqual({ name: 'shop/web', newTag: 'latest' });
    const [ingress] = parseAllDocuments(read('k8s/ingress.yaml')).map((d) => d.toJSON());
    expect(ingress.spec.defaultBackend.service).toEqual({ name: 'web', port: { number: SERVICES.web } });
  });

  it('builds the pages into the image (vite build when APP=web)', () => {
    expect(read('Dockerfile')).toMatch(
      /if \[ "\$APP" = web \]; then npx vite build --config apps\/web\/vite.config.mts/,
    );
  });
});
