import {
  eventually,
  shopAccounts,
  startUserServiceProcess,
  uniqueTopicPrefix,
  type UserServiceProcess,
} from '@platform/devstack/testing';
import { keepSignedIn } from './sign-in';

// A run longer than an access token's life (bench:faults) keeps its accounts signed in.
describe('keepSignedIn', () => {
  let users: UserServiceProcess;
  // access tokens of two seconds: always within the keeper's margin, and quick to expire
  beforeAll(
    async () =>
      void (users = await startUserServiceProcess(uniqueTopicPrefix(), { ACCESS_TOKEN_TTL_SECONDS: '2' })),
  );
  afterAll(async () => users?.stop());

  const tenantAs = (token: string) =>
    fetch(`${users.url}/api/v1/tenant`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.status,
    );

  it('replaces a token before it expires, so that the account still gets answers after the first expired', async () => {
    const shop = await shopAccounts(users.url).newShop();
    const account = { email: shop.admin.user.email, password: shop.password, token: shop.token };
    const first = account.token;
    const keeper = keepSignedIn(users.url, () => [account], 50);
    try {
      await eventually(async () => (await tenantAs(first)) === 401, {
        what: 'the first token to expire',
        timeoutMs: 10_000,
      });
      expect(account.token).not.toBe(first);
      expect(await tenantAs(account.token)).toBe(200);
    } finally {
      await keeper.stop();
    }
  });
});
