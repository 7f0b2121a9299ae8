import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES, SMTP_CATCHER, SmtpServer, maildevVersion } from '@platform/devstack';
import { parse } from 'yaml';

/** docker-compose.yml cannot be run on every machine; this keeps it in step with the code. */
const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

// docker-compose.yml: e2e/test/compose.spec.ts (docker compose config against the config schemas)

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
