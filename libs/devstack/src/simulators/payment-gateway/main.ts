// payment-gateway-simulator as its own process (devstack up, docker compose, k8s): settings from the environment.
import { startPaymentGatewaySimulator } from './simulator';

const env = process.env;
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
startPaymentGatewaySimulator({
  port: Number(env.PAYMENT_GATEWAY_SIMULATOR_PORT ?? env.PORT ?? 4020),
  host: env.PAYMENT_GATEWAY_SIMULATOR_HOST ?? '127.0.0.1',
  apiKey: env.GATEWAY_API_KEY,
  webhookSecret: env.PAYMENT_GATEWAY_WEBHOOK_SECRET,
  callbackUrl: env.PAYMENT_GATEWAY_CALLBACK_URL ?? 'http://127.0.0.1:3003/api/webhooks/payment-gateway',
  callbackDelayMs: num(env.CALLBACK_DELAY_MS),
  slowMs: num(env.PAYMENT_GATEWAY_SLOW_MS),
}).then(
  (sim) => process.stdout.write(`payment-gateway-simulator listening on ${sim.url}\n`),
  (err: Error) => {
    process.stderr.write(`payment-gateway-simulator: ${err.message}\n`);
    process.exit(1);
  },
);
