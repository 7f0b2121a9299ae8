// devstack is a command-line tool: it reports on stderr so stdout stays free for `env` output.
export const say = (msg: string): void => {
  process.stderr.write(`[devstack] ${msg}\n`);
};

/** Seconds since `startedMs`, as people read them in a progress line. */
export const elapsed = (startedMs: number, now = Date.now()): string => {
  const s = (now - startedMs) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
};

/**
 * Runs a long step (apt-get, mvn, go build) between two progress lines: one before, so a cold first run
 * is not silent for minutes, and one after with the time it took (or that it failed); in between, a
 * line every `heartbeatMs`.
 */
export async function step<T>(
  what: string,
  work: () => T | Promise<T>,
  {
    report = say,
    now = Date.now,
    heartbeatMs = 30_000,
  }: { report?: (msg: string) => void; now?: () => number; heartbeatMs?: number } = {},
): Promise<T> {
  const started = now();
  report(`${what} …`);
  // a step of minutes says now and then that it is still at work, rather than looking hung
  const heartbeat = setInterval(
    () => report(`${what}: still running after ${elapsed(started, now())}`),
    heartbeatMs,
  );
  heartbeat.unref();
  try {
    const result = await work();
    report(`${what}: done in ${elapsed(started, now())}`);
    return result;
  } catch (err) {
    report(`${what}: failed after ${elapsed(started, now())}`);
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
}
