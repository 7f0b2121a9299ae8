// `nx run e2e:fuzz` (npm test, after Jest) and `npm run bench:fuzz` (FUZZ_MAX_EXAMPLES=300): schemathesis
// over every service's committed OpenAPI document, against the six services started once as processes,
// with valid credentials of each operation's kind. Any failure fails the run.
import path from 'node:path';
import { type ServiceName } from '@platform/devstack';
import { checkDocument, documentPath } from './documents';
import { ensureSchemathesis, runPass, say, type Pass } from './schemathesis';
import { startFuzzStack, type FuzzStack } from './stack';
import { addFigures, closingReport, figuresOf, summaryLine, type PassFigures } from './summary';

/** 30 examples per operation in npm test (FUZZ_MAX_EXAMPLES for more) and a fixed seed: the same cases every run. */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 30);
const SEED = '20261123';
const SELF_DELETE = 'DELETE /api/users/{user_id}';
/** data-pipeline's operations for a signed-in user only, and the one for a producer's key. */
const DASHBOARD = '^[A-Z]+ /api/v1/(producers|consumers)';
const EVENTS_IN = '^POST /api/v1/events$';

type PassPlan = Pick<Pass, 'env' | 'filter'> & { name: string };

/** Each service's passes: one, but user-service's self-delete, which revokes its own caller's token. */
function plans(stack: FuzzStack): [ServiceName, PassPlan[]][] {
  const s = stack.seeds;
  return [
    [
      'user-service',
      [
        { name: 'all but the self-delete', env: s.userService, filter: ['--exclude-name', SELF_DELETE] },
        { name: 'the self-delete', env: s.selfDeleteEnv, filter: ['--include-name', SELF_DELETE] },
      ],
    ],
    // an item's supplier stock is a 404 for an item the supplier does not list, which every item the
    // stateful phase creates is: right, not "a created resource was not found" (schemathesis 4.32 applies
    // that check's switch from a config file to no phase, so it is turned off on the command line)
    [
      'order-service',
      [{ name: 'all', env: s.orderService, filter: ['--exclude-checks', 'ensure_resource_availability'] }],
    ],
    ['payment-service', [{ name: 'all', env: s.paymentService }]],
    ['ml-engine', [{ name: 'all', env: s.mlEngine }]],
    [
      'data-pipeline',
      [
        {
          name: 'with an API key',
          env: { ...s.dataPipeline, FUZZ_BEARER: s.dataPipeline.FUZZ_API_KEY },
          filter: ['--exclude-name-regex', `${DASHBOARD}|${EVENTS_IN}`],
        },
        {
          name: "the dashboard's, with the admin",
          env: { ...s.dataPipeline, FUZZ_BEARER: s.dataPipeline.FUZZ_ADMIN_TOKEN },
          filter: ['--include-name-regex', DASHBOARD],
        },
        {
          name: 'an event in, with a producer key',
          env: { ...s.dataPipeline, FUZZ_BEARER: s.dataPipeline.FUZZ_PRODUCER_KEY },
          filter: ['--include-name-regex', EVENTS_IN],
        },
      ],
    ],
    ['notification-worker', [{ name: 'all', env: {} }]],
  ];
}

async function fuzzService(stack: FuzzStack, service: ServiceName, passes: PassPlan[]): Promise<boolean> {
  const started = Date.now();
  const problems = await checkDocument(service, stack.url(service));
  for (const p of problems) say(`${service}: ${p}`);
  let total: PassFigures = { operations: 0, cases: 0, failures: problems.length, errors: 0 };
  let ok = problems.length === 0;
  for (const plan of passes) {
    const { status, output } = await runPass({
      document: documentPath(service),
      url: stack.url(service),
      config: path.join(__dirname, 'config', `${service}.toml`),
      maxExamples: MAX_EXAMPLES,
      seed: SEED,
      ...plan,
    });
    const figures = figuresOf(output);
    if (status !== 0 && figures.failures + figures.errors === 0) figures.errors = 1; // e.g. a config error
    total = addFigures(total, figures);
    // the whole report when something failed; else the summary block only, to keep npm test's log short
    const report = closingReport(output);
    const shown = status === 0 ? report.slice(report.lastIndexOf('=== SUMMARY ===') - 32) : report;
    say(`${service}, ${plan.name}: ${status === 0 ? 'passed' : 'FAILED'}\n${shown}`);
    if (status !== 0) ok = false;
  }
  say(summaryLine(service, total, Math.round((Date.now() - started) / 1000)));
  return ok;
}

async function main(): Promise<number> {
  ensureSchemathesis();
  say(`--checks all, ${MAX_EXAMPLES} examples per operation, seed ${SEED}`);
  const stack = await startFuzzStack();
  let failed = 0;
  // two lanes: order-service (FerretDB's writes are the slowest) beside the others one after another
  const all = plans(stack);
  const lanes = [all.filter(([s]) => s === 'order-service'), all.filter(([s]) => s !== 'order-service')];
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        for (const [service, passes] of lane) if (!(await fuzzService(stack, service, passes))) failed += 1;
      }),
    );
  } finally {
    await stack.stop();
  }
  say(failed === 0 ? 'every service passed' : `${failed} service(s) FAILED`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (err: unknown) => {
    process.stderr.write(
      `[fuzz] ${err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err)}\n`,
    );
    process.exit(1);
  },
);
