import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  // the pages as built now, in a folder of the run's own: a build meanwhile (vite's) cannot pull them away
  const pages = mkdtempSync(path.join(tmpdir(), 'web-pages-'));
  cpSync(path.join(repoRoot, 'dist/apps/web/public'), pages, { recursive: true });
  const dispose = () => rmSync(pages, { recursive: true, force: true });
  try {
    // SERVICES lists web last: it starts once the six it routes to are ready
    const stack = await startSagaStack({ services: SERVICE_NAMES, env: { web: { PUBLIC_DIR: pages } } });
    return { stack, url: stack.url('web'), stop: () => stack.stop().finally(dispose) };
  } catch (err) {
    dispose();
    throw err;
  }
}
export type WebStack = Awaited<ReturnType<typeof startWebStack>>;
