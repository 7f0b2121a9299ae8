import { existsSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '@platform/devstack';
import { startSagaStack } from '../saga/stack';

const repoRoot = path.resolve(__dirname, '../../..');

/**
 * The whole system as a browser sees it: the six services as processes (the saga stack: free ports,
 * stores of their own) and, started after them, the web app's server (dist/apps/web: main.js and the
 * built pages) in front of them on a free port, the one origin the browser talks to.
 */
export async function startWebStack() {
  for (const file of ['dist/apps/web/main.js', 'dist/apps/web/public/index.html']) {
    if (!existsSync(path.join(repoRoot, file)))
      throw new Error(`${file} is missing: run npx nx run web:build`);
  }
  // SERVICES lists web last: it starts once the six it routes to are ready
  const stack = await startSagaStack({ services: SERVICE_NAMES });
  return { stack, url: stack.url('web'), stop: () => stack.stop() };
}
export type WebStack = Awaited<ReturnType<typeof startWebStack>>;
