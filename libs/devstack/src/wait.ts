import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until it resolves truthy; throws with the last error after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  {
    timeoutMs = 60_000,
    intervalMs = 250,
    failed,
  }: { timeoutMs?: number; intervalMs?: number; failed?: () => string | undefined } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const reason = failed?.();
    if (reason) throw new Error(`${what} failed: ${reason}`);
    try {
      if (await probe()) return;
    } catch (err) {
      last = err;
    }
    await sleep(intervalMs);
  }
  const reason = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`${what} did not become ready within ${timeoutMs} ms${reason}`);
}
