import { existsSync } from 'node:fs';
import { aptInstall } from './apt';
import { commandExists } from './process';

/**
 * Debian's Chromium, the browser of the web app's end-to-end tests (playwright-core drives it; the
 * browsers Playwright downloads do not run here). CHROMIUM_PATH names another one.
 */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The path of a Chromium binary, or undefined when none is installed. */
export function findChromium(): string | undefined {
  const own = process.env.CHROMIUM_PATH;
  if (own) return existsSync(own) ? own : undefined;
  return (
    CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? (commandExists('chromium') ? 'chromium' : undefined)
  );
}

/**
 * The path of Chromium, installed with apt-get when missing (`chromium` and `fonts-liberation`, so pages
 * render with real fonts), so the browser tests of a fresh machine get it by themselves.
 */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
  await aptInstall(['chromium', 'fonts-liberation']);
  const installed = findChromium();
  if (!installed) throw new Error('chromium is still missing after apt-get install chromium');
  return installed;
}
