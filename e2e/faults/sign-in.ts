import { shopAccounts } from '@platform/devstack/testing';
import { decode } from 'jsonwebtoken';
import { type Account } from './seed';

/** How long before its expiry an access token is replaced. */
const MARGIN_MS = 5 * 60_000;

const expiresAt = (token: string): number => {
  const claims = decode(token);
  return typeof claims === 'object' && claims?.exp ? claims.exp * 1000 : 0;
};

/**
 * Keeps the run's accounts (those of the moment: the stream signs new buyers up) signed in, as a real client would: each access token is replaced (a new
 * sign-in with the account's password) some minutes before it expires, so that a run longer than a
 * token's life (bench:faults) is not answered 401 from then on. A sign-in that fails (user-service
 * down in a fault) is tried again at the next check; the old token stays meanwhile.
 */
export function keepSignedIn(usersUrl: string, accounts: () => Account[], checkEveryMs = 10_000) {
  const accountsApi = shopAccounts(usersUrl);
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    for (const account of accounts()) {
      if (expiresAt(account.token) - Date.now() > MARGIN_MS) continue;
      try {
        account.token = (await accountsApi.signIn(account.email, account.password)).access_token;
      } catch {
        // user-service is down or busy (a fault): the next check tries again
      }
    }
  };
  const timer = setInterval(() => {
    renewing = renewing.then(renew);
  }, checkEveryMs);
  return {
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
}
