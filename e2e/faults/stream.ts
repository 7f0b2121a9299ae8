/**
 * A steady stream at a fixed rate: `perSecond` arrivals, each one flow of `next()`, whatever the flows
 * before it still do (an open loop, as real traffic is), at most `maxInFlight` at once so that a stalled
 * service cannot make the stream pile up without bound.
 */
export function startStream(next: () => Promise<void>, perSecond: number, maxInFlight = 40) {
  const inFlight = new Set<Promise<void>>();
  let completed = 0;
  const errors: string[] = [];
  const timer = setInterval(() => {
    if (inFlight.size >= maxInFlight) return;
    const flow = next()
      .catch((err: unknown) => {
        // a flow records its own answers; one that throws is a bug of the workload, reported here
        errors.push(err instanceof Error ? err.message : String(err));
      })
      .finally(() => {
        completed++;
        inFlight.delete(flow);
      });
    inFlight.add(flow);
  }, 1000 / perSecond);
  return {
    /** Flows finished so far. */
    completed: () => completed,
    /** Why flows threw (a defect of the workload itself, reported as a violation). */
    errors: () => [...errors],
    /** Stops new arrivals and waits for the flows under way. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
export type Stream = ReturnType<typeof startStream>;
