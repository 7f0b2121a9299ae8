import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, stackEnv, waitFor } from '@platform/devstack';
import { startSagaStack, type SagaStack } from '../saga/stack';

const repoRoot = path.resolve(__dirname, '../../..');

/** What the web server needs to find each service of `stack` (its six *_URL settings). */
export function upstreamEnv(stack: SagaStack): Record<string, string> {
  return {
    USER_SERVICE_URL: stack.url('user-service'),
    ORDER_SERVICE_URL: stack.url('order-service'),
    PAYMENT_SERVICE_URL: stack.url('payment-service'),
    NOTIFICATION_WORKER_URL: stack.url('notification-worker'),
    ML_ENGINE_URL: stack.url('ml-engine'),
    DATA_PIPELINE_URL: stack.url('data-pipeline'),
  };
}

/**
 * The whole system as a browser sees it: the six services as processes (the saga stack: free ports,
 * stores of their own) and the web app's server (dist/apps/web: main.js and the built pages) in front of
 * them on a free port, the one origin the browser talks to.
 */
export async function startWebStack() {
  for (const file of ['dist/apps/web/main.js', 'dist/apps/web/public/index.html']) {
    if (!existsSync(path.join(repoRoot, file)))
      throw new Error(`${file} is missing: run npx nx run web:build`);
  }
  const stack = await startSagaStack();
  try {
    const port = await freePort();
    const env = { ...stackEnv(), ...upstreamEnv(stack), LOG_LEVEL: 'warn', NODE_ENV: 'development' };
    const web = await startWeb(port, env);
    return { stack, web, url: web.url, stop: async () => (await web.stop(), await stack.stop()) };
  } catch (err) {
    await stack.stop();
    throw err;
  }
}
export type WebStack = Awaited<ReturnType<typeof startWebStack>>;

/** TEMPORARY until libs/devstack knows the web service: node dist/apps/web/main.js as a child. */
async function startWeb(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/web/main.js'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('web', async () => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) })).ok, {
    timeoutMs: 30_000,
    failed: () => (child.exitCode !== null ? `exited with ${child.exitCode}` : undefined),
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
