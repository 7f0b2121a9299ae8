import { mintServiceToken } from '../mint-token';

// `npm run token -- <caller> <target> [ttl-seconds]`: prints a service token (see mint-token.ts)
const result = mintServiceToken(process.argv.slice(2));
if (result.ok) process.stdout.write(`${result.token}\n`);
else {
  process.stderr.write(`${result.error}\n`);
  process.exitCode = 2;
}
