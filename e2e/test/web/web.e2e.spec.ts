import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/devstack/testing';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { accessibilityProblems, checkPage, launchBrowser, newVisitor } from './browser';
import {
  accessTokenOf,
  addToCartFromCatalog,
  CARDS,
  checkOutWithCard,
  dashboardSignIn,
  heading,
  signInToShop,
  signUpInShop,
  statusOfGet,
} from './pages';
import { shopSetup, type Shop, type ShopSetup } from './shop-setup';
import { startWebStack, type WebStack } from './web-stack';

/**
 * The web app in a real Chromium (Debian's, driven by playwright-core) against the whole system: the six
 * services as processes and the web server in front of them, the one origin the browser talks to. One
 * stack and one browser for the file; a fresh browser context (a new visitor) per scenario. Each main
 * page is checked with axe (no serious or critical violation) and, with SCREENSHOT_DIR, photographed.
 */
let web: WebStack;
let browser: Browser;
let setup: ShopSetup;
beforeAll(async () => {
  [web, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  setup = shopSetup(web);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** Runs `scenario` in a fresh visitor's page, closed afterwards; no page script may have failed. */
async function asVisitor(scenario: (page: Page) => Promise<void>): Promise<void> {
  const visitor = await newVisitor(browser, web.url);
  try {
    await scenario(visitor.page);
    expect(visitor.pageErrors).toEqual([]);
  } catch (err) {
    // what the page showed when it failed: the failure then says more than a timeout
    const shown = await visitor.page.evaluate('document.body.innerText').catch(() => '(no page)');
    if (err instanceof Error) {
      const more = `\n\nThe page (${visitor.page.url()}) showed:\n${String(shown).slice(0, 1500)}\nPage errors: ${visitor.pageErrors.join('; ') || 'none'}`;
      err.stack = (err.stack ?? '').replace(err.message, err.message + more);
      err.message += more;
    }
    throw err;
  } finally {
    await visitor.close();
  }
}

const newEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.com`;

/** The number of drawn (non-empty) bars of a recharts chart inside `chart`. */
const barsDrawn = (chart: Locator) =>
  chart.evaluate(
    (el) =>
      [...el.querySelectorAll('.recharts-bar-rectangle path, path.recharts-rectangle')].filter(
        (p) => (p as unknown as { getBBox(): { height: number } }).getBBox().height > 0,
      ).length,
  );

/** Opens `path`, waits for its h1 `title` and until nothing on it is loading, then runs axe over it. */
async function axeOn(page: Page, path: string, title: string | RegExp) {
  await page.goto(path);
  await heading(page, title);
  await eventually(async () => (await page.getByRole('status').filter({ hasText: /…$/ }).count()) === 0, {
    what: `${path} to finish loading`,
  });
  return { path, serious: await accessibilityProblems(page, path) };
}

/** An error shown as a sentence for a person: text, no JSON, no error code, no stack. */
function expectSentence(text: string | null): void {
  expect(text?.trim()).toMatch(/^[A-Z][^{}[\]<>]*[a-z.!?]$/s);
  expect(text).not.toMatch(/"error"|[A-Z]+_(FAILED|ERROR|\d{3})|\bat .*\(/);
}

describe('the start page', () => {
  it('offers to open a shop or sign in to a dashboard', () =>
    asVisitor(async (page) => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('link', { name: /open a shop/i }).waitFor();
      await checkPage(page, 'home');
    }));
});

describe('the storefront', () => {
  let shop: Shop;
  let game: { item_id: string; title: string };
  let book: { item_id: string; title: string };
  beforeAll(async () => {
    shop = await setup.newShop();
    game = await setup.newItem(shop, { title: `Starfall Quest ${randomUUID().slice(0, 4)}`, price: 19.99 });
    book = await setup.newItem(shop, { title: `River Atlas ${randomUUID().slice(0, 4)}`, price: 7.5 });
  }, 60_000);

  it('a guest fills a cart, signs up, finds the cart in the account, pays by test card and sees the order confirmed', () =>
    asVisitor(async (page) => {
      await page.goto(`/shop/${shop.tenantId}`);
      await heading(page, 'Catalog');
      await page.getByRole('article', { name: game.title }).waitFor();
      await checkPage(page, 'storefront-catalog');

      await page.getByRole('link', { name: book.title }).click();
      await heading(page, book.title);
      await checkPage(page, 'storefront-item');
      await page.getByRole('link', { name: 'Catalog', exact: true }).click();

      await addToCartFromCatalog(page, game.title);
      await addToCartFromCatalog(page, book.title);
      await page.getByRole('link', { name: 'Cart (2)' }).click();
      await heading(page, 'Your cart');
      await page.getByRole('cell', { name: game.title, exact: true }).waitFor();
      await checkPage(page, 'storefront-cart');

      await signUpInShop(page, newEmail('buyer'), `pw-${randomUUID()}`);
      // the guest cart moved to the new account: the cart page says so and shows both lines
      await heading(page, 'Your cart');
      await page.getByRole('status').filter({ hasText: 'Your cart moved to your account' }).waitFor();
      await page.getByRole('cell', { name: game.title, exact: true }).waitFor();
      await page.getByRole('cell', { name: book.title, exact: true }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();

      await page.getByRole('button', { name: 'Checkout' }).click();
      await heading(page, 'Checkout');
      await checkPage(page, 'storefront-checkout');
      await page.getByRole('link', { name: /^Cart/ }).click();
      await checkOutWithCard(page, CARDS.approved);

      // the order's page follows the saga without a reload: a mark left in the page survives until confirmed
      await page.waitForURL(/\/orders\/[^/]+$/);
      await heading(page, /order/i);
      await page.evaluate('window.__sameDocument = true');
      await page
        .getByRole('status')
        .filter({ hasText: /confirmed/i })
        .waitFor({ timeout: 30_000 });
      expect(await page.evaluate('window.__sameDocument')).toBe(true);
      await checkPage(page, 'storefront-order');
    }));

  it("signing up with an email the shop already has reads as the service's sentence, never its envelope", () =>
    asVisitor(async (page) => {
      await page.goto(`/shop/${shop.tenantId}`);
      await signUpInShop(page, shop.email, `pw-${randomUUID()}`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expectSentence(await alert.textContent());
      expect(await alert.textContent()).toMatch(/email/i);
      expect(await page.content()).not.toContain('USER_001');
      await heading(page, 'Sign up');
    }));

  it('a declined test card shows why, as a sentence', async () => {
    const buyer = await setup.accounts.addMember(shop.admin, 'viewer');
    await asVisitor(async (page) => {
      await page.goto(`/shop/${shop.tenantId}`);
      await signInToShop(page, buyer.email, buyer.password);
      // signing in ends on the cart, after the guest visit has moved: a click before then is undone
      await heading(page, 'Your cart');
      await page.getByRole('link', { name: 'Catalog', exact: true }).click();
      await addToCartFromCatalog(page, game.title);
      await page.getByRole('link', { name: /^Cart/ }).click();
      await heading(page, 'Your cart');
      await checkOutWithCard(page, CARDS.declined);

      const reason = page.getByText(/declined: insufficient funds/i);
      await reason.waitFor({ timeout: 30_000 });
      expectSentence(await reason.textContent());
      await page
        .getByRole('status')
        .filter({ hasText: /failed/i })
        .waitFor();
    });
  });
});

describe('the other pages', () => {
  it('the storefront pages besides the main ones have no serious accessibility problem', async () => {
    const shop = await setup.newShop();
    await setup.newItem(shop);
    const buyer = await setup.accounts.addMember(shop.admin, 'viewer');
    await asVisitor(async (page) => {
      const shopPath = `/shop/${shop.tenantId}`;
      const found = [
        await axeOn(page, `${shopPath}/signup`, 'Sign up'),
        await axeOn(page, `${shopPath}/login`, 'Sign in'),
        await axeOn(page, `${shopPath}/wishlist`, 'Your wishlist'),
        await axeOn(page, '/dashboard/signup', 'Open a shop'),
        await axeOn(page, '/dashboard/login', /sign in/i),
      ];
      await page.goto(shopPath);
      await signInToShop(page, buyer.email, buyer.password);
      await heading(page, 'Your cart');
      found.push(await axeOn(page, `${shopPath}/orders`, 'Your orders'));
      expect(found.filter((f) => f.serious.length > 0)).toEqual([]);
    });
  });
});

describe('the dashboard', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await setup.newShop();
  }, 30_000);

  it('a wrong password at sign-in reads as a sentence, never the error envelope', () =>
    asVisitor(async (page) => {
      await page.goto('/dashboard/login');
      await page.getByLabel('Email').fill(shop.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expectSentence(await alert.textContent());
      expect(await alert.textContent()).toMatch(/password/i);
      expect(await page.content()).not.toContain('AUTHENTICATION_FAILED');
      await heading(page, /sign in/i);
    }));

  it('shows the tenant and its plan', () =>
    asVisitor(async (page) => {
      await dashboardSignIn(page, shop.email, shop.password);
      await page.getByRole('navigation', { name: 'Dashboard' }).waitFor();
      await page
        .getByText(/free|pro|enterprise|starter/i)
        .first()
        .waitFor();
      await checkPage(page, 'dashboard-tenant');
    }));

  it('an admin creates an API key, sees it once, and the key reads the catalog through the web origin', async () => {
    const item = await setup.newItem(shop, { title: `Keyed item ${randomUUID().slice(0, 4)}` });
    let key = '';
    await asVisitor(async (page) => {
      await dashboardSignIn(page, shop.email, shop.password, '/dashboard/api-keys');
      await heading(page, 'API keys');
      const name = `storefront-${randomUUID().slice(0, 6)}`;
      await page.getByLabel('Key name').fill(name);
      await page.getByRole('button', { name: 'Create key' }).click();
      const shown = page.getByText(/^sk_(live|test)_[A-Za-z0-9_-]+$/);
      await shown.waitFor();
      key = (await shown.textContent())!.trim();
      await page.getByText(/will not be shown again/i).waitFor();
      await page.getByRole('button', { name: 'Copy' }).waitFor();
      await page.getByRole('cell', { name, exact: true }).waitFor();
      await checkPage(page, 'dashboard-api-keys');

      // the list has its prefix only; a reload never shows the key again
      expect(await page.getByRole('table').textContent()).not.toContain(key);
      await page.reload();
      await heading(page, 'API keys');
      await page.getByRole('cell', { name, exact: true }).waitFor();
      expect(await page.content()).not.toContain(key);
    });

    const res = await setup.edge().get('/api/items').set('authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect((res.body as { items: { item_id: string }[] }).items.map((i) => i.item_id)).toContain(
      item.item_id,
    );
    const wrong = await setup.edge().get('/api/items').set('authorization', `Bearer ${key}x`);
    expect(wrong.status).toBe(401);
  });

  it("the usage chart draws the shop's API calls against its quota", async () => {
    const key = await setup.apiKey(shop, ['read', 'write']);
    for (let i = 0; i < 5; i++) {
      await setup
        .edge()
        .post('/api/v1/interactions')
        .set('authorization', `Bearer ${key}`)
        .send({ user_id: `visitor-${i}`, item_id: `item-${i}`, interaction_type: 'view' })
        .expect(202);
    }
    await eventually(async () => (await setup.usageToday(shop)).metrics.api_calls >= 5, {
      what: 'the API calls to be metered',
      timeoutMs: 30_000,
      intervalMs: 500,
    });
    await asVisitor(async (page) => {
      await dashboardSignIn(page, shop.email, shop.password, '/dashboard/usage');
      await heading(page, 'Usage');
      const chart = page.getByTestId('usage-chart');
      await chart.locator('svg').first().waitFor();
      await eventually(async () => (await barsDrawn(chart)) > 0, { what: 'bars in the usage chart' });
      await page.getByText('The numbers per day').click();
      const today = new Date().toISOString().slice(0, 10);
      const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: today, exact: true }) });
      expect(Number(await row.getByRole('cell').nth(1).textContent())).toBeGreaterThanOrEqual(5);
      await page.getByText(/API calls used/).waitFor();
      await checkPage(page, 'dashboard-usage');
    });
  });

  it('training jobs started on the training page complete, and their versions are charted on the models page', async () => {
    await setup.plantTrainingData(shop);
    /** Starts a job of `modelType` and waits until the page shows it completed (it polls the job). */
    const train = async (page: Page, modelType: string) => {
      await page.getByLabel('Model type').selectOption(modelType);
      await page.getByRole('button', { name: 'Start training' }).click();
      const started = page.getByRole('status').filter({ hasText: /Training job \S+ is/ });
      await started.waitFor();
      const jobId = /Training job (\S+) is/.exec((await started.textContent()) ?? '')![1];
      const job = page.getByRole('region', { name: new RegExp(`job ${jobId}`) });
      await job.getByLabel('Training progress').waitFor();
      await job
        .getByRole('status')
        .filter({ hasText: /Completed/ })
        .waitFor({ timeout: 120_000 });
      await job.getByText('NDCG@10').waitFor();
    };
    await asVisitor(async (page) => {
      await dashboardSignIn(page, shop.email, shop.password, '/dashboard/training');
      await heading(page, 'Training');
      await train(page, 'matrix_factorization');
      await train(page, 'two_tower');
      await checkPage(page, 'dashboard-training');

      await page.getByRole('link', { name: 'Model versions' }).first().click();
      await heading(page, 'Model versions');
      const chart = page.getByRole('figure', { name: /NDCG@10 and Recall@10/ });
      await chart.locator('svg').first().waitFor();
      // NDCG@10 and Recall@10 of each of the two versions
      await eventually(async () => (await barsDrawn(chart)) >= 4, { what: 'four bars in the models chart' });
      expect(await page.getByRole('rowheader', { name: /^v\d+\.\d+\.\d+$/ }).count()).toBe(2);
      await checkPage(page, 'dashboard-models');
    });
  }, 300_000);

  it('the EventFlow page opens for an admin', () =>
    asVisitor(async (page) => {
      await dashboardSignIn(page, shop.email, shop.password, '/dashboard/eventflow');
      await heading(page, /EventFlow/i);
      await page
        .getByRole('heading', { name: /producers/i })
        .first()
        .waitFor();
      await checkPage(page, 'dashboard-eventflow');
    }));

  it('a buyer who signed up in the shop sees "Not allowed" on admin pages, and the services refuse their token', () =>
    asVisitor(async (page) => {
      const email = newEmail('viewer');
      const password = `pw-${randomUUID()}`;
      await page.goto(`/shop/${shop.tenantId}`);
      await signUpInShop(page, email, password);
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      // the same person opens the dashboard (the session comes along): a viewer of the shop
      await page.goto('/dashboard/users');
      await heading(page, 'Not allowed');
      await page.goto('/dashboard/api-keys');
      await heading(page, 'Not allowed');
      expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
      // the pages hide it, and the services refuse it too, for the very token the browser holds
      const token = await accessTokenOf(page);
      expect(await statusOfGet(page, '/api/users', token)).toBe(403);
      expect(await statusOfGet(page, '/api/v1/api-keys', token)).toBe(403);
      expect(await statusOfGet(page, '/web-api/ml/models', token)).toBe(403);
    }));

  it('the dashboard pages besides the main ones have no serious accessibility problem', () =>
    asVisitor(async (page) => {
      await dashboardSignIn(page, shop.email, shop.password);
      const found = [
        await axeOn(page, '/dashboard/users', 'Users and roles'),
        await axeOn(page, '/dashboard/catalog', 'Catalog'),
        await axeOn(page, '/dashboard/orders', 'Orders and payments'),
        await axeOn(page, '/dashboard/try', 'Try recommendations'),
      ];
      expect(found.filter((f) => f.serious.length > 0)).toEqual([]);
    }));
});
