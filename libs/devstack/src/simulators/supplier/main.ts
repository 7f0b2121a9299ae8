// supplier-simulator as its own process (devstack up, docker compose, k8s): settings from the environment.
import { startSupplierSimulator } from './simulator';

const env = process.env;
startSupplierSimulator({
  port: Number(env.SUPPLIER_SIMULATOR_PORT ?? env.PORT ?? 4010),
  host: env.SUPPLIER_SIMULATOR_HOST ?? '127.0.0.1',
  products: Number(env.SUPPLIER_SIMULATOR_PRODUCTS ?? 3000),
  webhookUrl: env.SUPPLIER_WEBHOOK_URL ?? 'http://127.0.0.1:3001/api/webhooks/supplier',
  webhookSecret: env.SUPPLIER_WEBHOOK_SECRET,
}).then(
  (sim) => process.stdout.write(`supplier-simulator listening on ${sim.url}\n`),
  (err: Error) => {
    process.stderr.write(`supplier-simulator: ${err.message}\n`);
    process.exit(1);
  },
);
