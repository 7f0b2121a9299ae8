import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from './service-token';

const NAME = /^[a-z][a-z0-9-]{1,62}$/;
export const MINT_TOKEN_USAGE =
  'usage: npm run token -- <caller> <target> [ttl-seconds]   e.g. npm run token -- data-pipeline user-service';

/**
 * What `npm run token -- <caller> <target>` prints: a service token from `caller` for `target`, to try
 * an `/internal/*` route by hand. Signed with SERVICE_TOKEN_SECRET, or the development default the
 * services use when it is unset.
 */
export function mintServiceToken(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; token: string } | { ok: false; error: string } {
  const [caller, target, ttl = '300', ...extra] = args;
  const valid = caller && target && NAME.test(caller) && NAME.test(target) && /^[1-9]\d{0,5}$/.test(ttl);
  if (!valid || extra.length) return { ok: false, error: MINT_TOKEN_USAGE };
  const secret = env.SERVICE_TOKEN_SECRET || DEV_SERVICE_TOKEN_SECRET;
  return { ok: true, token: createServiceTokens(secret).token(caller, target, Number(ttl)) };
}
