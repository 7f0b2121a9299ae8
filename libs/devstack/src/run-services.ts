import { say } from './log';
import { SERVICE_NAMES, startService, stopServices, type RunningService } from './services';
import { down } from './stack';

/**
 * `npm run up`, after the servers are up and the apps built: starts the six services, then the web app,
 * waits until each answers /ready, prints their URLs (the web app's to open), and on Ctrl-C (SIGINT,
 * SIGTERM, SIGHUP) stops the services and the servers.
 */
export async function runServices(): Promise<number> {
  await stopServices(); // a stack left running by an earlier `up` is replaced, not doubled
  const started: RunningService[] = [];
  const stopAll = async () => {
    say('stopping the services and the servers');
    await stopServices();
    await down();
  };
  try {
    // order-service first: payment-service's /ready does not need it, but its first health check does
    for (const name of SERVICE_NAMES) {
      started.push(await startService(name));
      say(`${name} ready`);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  process.stdout.write('\nThe shop is up:\n');
  for (const s of started)
    process.stdout.write(`  ${s.name.padEnd(20)} ${s.url}   (logs: .devstack/logs/svc-${s.name}.log)\n`);
  const web = started.find((s) => s.name === 'web');
  if (web) process.stdout.write(`\nOpen the storefront and the dashboard: ${web.url}\n`);
  process.stdout.write('\nCtrl-C stops everything.\n');
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      clearInterval(watchdog);
      void stopAll().then(() => resolve(code));
    };
    // the watchdog reports a service that died, ends the run when none is left (npm run down from
    // another terminal), and keeps this process, and so the Ctrl-C handler, alive
    const reported = new Set<string>();
    const watchdog = setInterval(() => {
      const dead = started.filter((svc) => !svc.alive());
      for (const s of dead.filter((d) => !reported.has(d.name))) {
        reported.add(s.name);
        say(`${s.name} has exited; see its log`);
      }
      if (dead.length === started.length) stop(1);
    }, 2000);
    // Ctrl-C, `kill`, or the terminal closing
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(0));
  });
}
