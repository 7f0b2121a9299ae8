import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runFaultSuite } from './run';

/** npm test prints it after the Jest phase: nx's output of a Jest task drops what a test writes itself. */
const TABLE_FILE = path.resolve(__dirname, '../../dist/faults/table.txt');

/**
 * Issue 13, faults under load: a steady stream of real work through the six services while each
 * service is killed (kill -9) and restarted, Kafka, PostgreSQL, FerretDB and Redis are restarted, and
 * the payment gateway and the supplier fail for a while; then, once the system has settled, nothing
 * that got a 2xx is lost, nothing was done twice, and every order agrees with its money and stock.
 * The table (operations, faults, invariants) goes to the test output.
 */
describe('faults under load', () => {
  it('loses nothing and doubles nothing through kills, restarts and failing providers', async () => {
    const run = await runFaultSuite({ rounds: 1, perSecond: 3, flowsBetween: 10 });
    process.stdout.write(run.table);
    mkdirSync(path.dirname(TABLE_FILE), { recursive: true });
    writeFileSync(TABLE_FILE, run.table);
    expect(run.violations).toEqual([]);
    expect(run.invariants.every((i) => i.checked > 0)).toBe(true);
  }, 600_000);
});
