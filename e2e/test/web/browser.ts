import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ensureChromium } from '@platform/devstack';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const VIEWPORT = { width: 1280, height: 800 };

/** Debian's Chromium (installed when missing), headless, driven by playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/**
 * A fresh context (its own cookies and localStorage: a new visitor) on the web origin, 1280×800. Page
 * errors and failed page scripts are collected: a scenario checks none happened.
 */
export async function newVisitor(browser: Browser, baseURL: string) {
  const context: BrowserContext = await browser.newContext({ baseURL, viewport: VIEWPORT });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { context, page, pageErrors, close: () => context.close() };
}

/** A full-page PNG of the page under SCREENSHOT_DIR (docs/screenshots with npm run screenshots); else nothing. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // wait for web fonts and the charts' first paint: the picture is of the settled page
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export interface A11yFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * axe over the page as it is now (WCAG 2.x A and AA and best practices). Returns the serious and critical
 * violations (a test expects none) and prints the others, so they are seen without failing the run.
 */
export async function accessibilityProblems(page: Page, name: string): Promise<A11yFinding[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const findings = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  const minor = findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
  if (minor.length > 0) {
    process.stdout.write(
      `[axe] ${name}: ${minor.map((f) => `${f.impact} ${f.id} (${f.help}) at ${f.nodes.join(', ')}`).join('; ')}\n`,
    );
  }
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** The main page checked the same way everywhere: axe without serious violations, then its screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect(await accessibilityProblems(page, name)).toEqual([]);
  await screenshot(page, name);
}
