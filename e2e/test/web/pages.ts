import { rememberSecret } from '@platform/devstack/testing';
import { type Page } from 'playwright-core';

/** What a person does on the pages, by role, label and text (never by CSS class). */

export const CARDS = { approved: '4242 4242 4242 4242', declined: '4000 0000 0000 9995' };
const nextYear = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, '0');

/** The page's h1 once it reads `name`. */
export const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

/** "Add to cart" on the catalog card of `title`, and the status line that says it worked. */
export async function addToCartFromCatalog(page: Page, title: string): Promise<void> {
  await page.getByRole('article', { name: title }).getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('status').filter({ hasText: title }).waitFor();
}

/** Sign up in the shop open in `page` (the header's "Sign up"). */
export async function signUpInShop(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Shop' }).waitFor();
  await page.getByRole('link', { name: 'Sign up', exact: true }).first().click();
  await heading(page, 'Sign up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(rememberSecret('password', password));
  await page.getByRole('button', { name: 'Sign up' }).click();
}

/** Sign in to the shop open in `page` (the header's "Sign in"). */
export async function signInToShop(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('link', { name: 'Sign in', exact: true }).first().click();
  await heading(page, 'Sign in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(rememberSecret('password', password));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** From the cart: Checkout, Place order, then pay with the test card `card`; ends on the order's page. */
export async function checkOutWithCard(page: Page, card: string): Promise<void> {
  await page.getByRole('button', { name: 'Checkout' }).click();
  await heading(page, 'Checkout');
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.getByRole('form', { name: 'Payment' }).waitFor();
  await page.getByLabel('Card number').fill(rememberSecret('card-number', card));
  await page.getByLabel(/^Expiry/).fill(`12/${nextYear}`);
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay / }).click();
}

/** Sign in at /dashboard/login; waits until the dashboard has left the sign-in page. */
export async function dashboardSignIn(page: Page, email: string, password: string, goTo = '/dashboard') {
  await page.goto('/dashboard/login');
  await heading(page, /sign in/i);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(rememberSecret('password', password));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dashboard/login'));
  if (goTo !== '/dashboard') await page.goto(goTo);
}

/**
 * The access token of the signed-in user of `page`, as the page gets it (a refresh through the web
 * server's session cookie): to check what the services allow that token, whatever the pages show.
 */
export async function accessTokenOf(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/web-api/session/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`refresh answered ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  });
}

/** A GET from inside the page (same origin, the browser's own fetch) with `token`: its status. */
export async function statusOfGet(page: Page, path: string, token: string): Promise<number> {
  return page.evaluate(
    async ([p, t]) => (await fetch(p, { headers: { authorization: `Bearer ${t}` } })).status,
    [path, token] as const,
  );
}
