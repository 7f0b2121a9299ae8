export interface EventuallyOptions {
  /** How long the condition may take before the test fails (default 20 s). */
  timeoutMs?: number;
  /** What is awaited, for the failure message ("the lease to expire"); a function is asked at the end. */
  what?: string | (() => string);
  /** Pause between probes (default 20 ms). */
  intervalMs?: number;
}

/**
 * Waits for a condition instead of sleeping a fixed time: probes until it holds, fails the test with
 * `what` when it does not within `timeoutMs`. A probe that throws fails at once (a broken probe should
 * not look like a slow condition).
 */
export async function eventually(
  probe: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, what = 'the condition', intervalMs = 20 }: EventuallyOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      const described = typeof what === 'function' ? what() : what;
      throw new Error(`${described} did not happen within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
