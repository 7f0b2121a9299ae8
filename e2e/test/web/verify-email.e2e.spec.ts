import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SERVICE_NAMES } from '@platform/devstack';
import { bearer, Mailbox } from '@platform/devstack/testing';
import { type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { checkPage, launchBrowser, newVisitor } from './browser';
import { accessTokenOf, heading, signUpInShop } from './pages';
import { shopSetup, type Shop } from './shop-setup';
import { startWebStack, type WebStack } from './web-stack';

/**
 * The verification e-mail's link, end to end: a buyer signs up in the shop in Chromium, notification-worker
 * mails the link (caught by devstack's SMTP catcher), and opening it on the web origin verifies the address.
 */
let web: WebStack;
let browser: Browser;
let shop: Shop;
beforeAll(async () => {
  [web, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  // as a deployment does: user-service's PUBLIC_URL is the shop's one origin (here on a free port); the
  // processes that see the token log everything (debug), so the test can tell none of them logs it
  for (const name of ['user-service', 'notification-worker', 'web'] as const) {
    await web.stack.service(name).stop();
    await web.stack.start(name, {
      LOG_LEVEL: 'debug',
      ...(name === 'user-service' ? { PUBLIC_URL: web.url } : {}),
    });
  }
  shop = await shopSetup(web).newShop();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** Runs `scenario` in a fresh visitor's page; no page script may have failed. */
async function asVisitor(scenario: (page: Page) => Promise<void>): Promise<void> {
  const visitor = await newVisitor(browser, web.url);
  try {
    await scenario(visitor.page);
    expect(visitor.pageErrors).toEqual([]);
  } finally {
    await visitor.close();
  }
}

/** The link of the verification mail to `email` (its plain-text part names it as it is). */
async function verificationLink(email: string): Promise<URL> {
  const mails = await new Mailbox().waitFor(email, { count: 2, timeoutMs: 30_000 });
  const mail = mails.find((m) => m.subject === 'Verify your e-mail address');
  const link = /https?:\/\/\S+\/verify-email\?[^\s<>"]+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no verification link in the mails to ${email}: ${JSON.stringify(mails)}`);
  return new URL(link);
}

/** The page after it has settled on `title`: the token neither in the address bar nor on the page. */
async function expectTokenGone(page: Page, token: string) {
  expect(new URL(page.url()).pathname).toBe('/verify-email');
  expect(page.url()).not.toContain(token);
  expect(await page.evaluate('document.body.innerText')).not.toContain(token);
}

describe('the verification e-mail link', () => {
  it('verifies the address of a buyer who signed up in the shop, once; the second open tells why not', async () => {
    const email = `buyer-${randomUUID().slice(0, 8)}@example.com`;
    let accessToken = '';
    await asVisitor(async (page) => {
      await page.goto(`/shop/${shop.tenantId}`);
      await signUpInShop(page, email, 'long-enough-pw');
      await heading(page, 'Your cart');
      accessToken = await accessTokenOf(page);
    });

    const link = await verificationLink(email);
    expect(link.origin).toBe(web.url); // the web app's page, not user-service
    const userId = link.searchParams.get('user_id') ?? '';
    const token = link.searchParams.get('token') ?? '';
    expect(token).not.toBe('');
    const user = () => request(web.url).get(`/api/users/${userId}`).set(bearer(accessToken)).expect(200);
    expect((await user()).body).toMatchObject({ email, is_verified: false });

    await asVisitor(async (page) => {
      await page.goto(link.href);
      await heading(page, 'Your e-mail address is verified');
      await expectTokenGone(page, token);
      const signIn = page.getByRole('link', { name: 'Sign in to the shop' });
      expect(await signIn.getAttribute('href')).toBe(`/shop/${shop.tenantId}/login`);
      await checkPage(page, 'verify-email');
      await signIn.click();
      await heading(page, 'Sign in');
    });
    expect((await user()).body).toMatchObject({ email, is_verified: true });

    await asVisitor(async (page) => {
      await page.goto(link.href);
      await heading(page, 'Your e-mail address could not be verified');
      const said = await page.getByRole('alert').innerText();
      // a sentence for a person: no JSON, no error code, no stack
      expect(said.trim()).toMatch(/^[A-Z][^{}[\]<>]*[a-z.!?]$/s);
      expect(said).not.toMatch(/"error"|[A-Z]+_(FAILED|ERROR|\d{3})|\bat .*\(/);
      await page.getByText(/been used already/).waitFor();
      await expectTokenGone(page, token);
      await checkPage(page, 'verify-email-used');
    });
    expect((await user()).body).toMatchObject({ is_verified: true });
    // the token was a credential until spent: no process of the stack (web's included) logged it
    for (const name of SERVICE_NAMES)
      expect({ name, logged: readFileSync(web.stack.service(name).log, 'utf8').includes(token) }).toEqual({
        name,
        logged: false,
      });
  });
});
