/** Order statuses after which nothing changes by itself (pending moves on; these do not, for the buyer's wait). */
export const FINAL_STATUSES = new Set(['confirmed', 'failed', 'cancelled', 'expired', 'fulfilled']);

/**
 * Loads `load()` now and then every `everyMs` after each answer (never two at once) until `isFinal`
 * says so; each answer goes to `onValue`, each failure to `onError` (and polling goes on: a blip is not
 * the end). Returns stop(), which ends it for good (call it on unmount).
 */
export function pollUntil<T>(
  load: () => Promise<T>,
  isFinal: (value: T) => boolean,
  onValue: (value: T) => void,
  onError: (err: unknown) => void,
  everyMs = 1000,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async () => {
    let done = false;
    try {
      const value = await load();
      if (stopped) return;
      onValue(value);
      done = isFinal(value);
    } catch (err) {
      if (stopped) return;
      onError(err);
    }
    if (!done && !stopped) timer = setTimeout(() => void round(), everyMs);
  };
  void round();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Whether the buyer may still cancel (the service takes pending and confirmed orders). */
export const cancellable = (status: string) => status === 'pending' || status === 'confirmed';
