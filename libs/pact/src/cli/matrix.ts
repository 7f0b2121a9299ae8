// `nx run pact:matrix`: the consumer × provider × interaction matrix with each provider's last
// verification on this machine (`npm test` verifies them all); exits 1 when any is not passed.
import { canIDeploy, pactMatrix } from '../matrix';

const rows = pactMatrix();
const widths = {
  consumer: Math.max(8, ...rows.map((r) => r.consumer.length)),
  provider: Math.max(8, ...rows.map((r) => r.provider.length)),
  interaction: Math.max(11, ...rows.map((r) => r.interaction.length)),
};
const line = (c: string, p: string, i: string, r: string) =>
  `${c.padEnd(widths.consumer)}  ${p.padEnd(widths.provider)}  ${i.padEnd(widths.interaction)}  ${r}\n`;
process.stdout.write(line('consumer', 'provider', 'interaction', 'last verification'));
for (const r of rows)
  process.stdout.write(
    line(r.consumer, r.provider, r.interaction, r.verified_at ? `${r.result} (${r.verified_at})` : r.result),
  );
const ok = canIDeploy(rows);
process.stdout.write(
  `\ncan-i-deploy: ${ok ? 'yes' : 'no'} (${rows.filter((r) => r.result === 'passed').length}/${rows.length} interactions verified)\n`,
);
process.exit(ok ? 0 : 1);
