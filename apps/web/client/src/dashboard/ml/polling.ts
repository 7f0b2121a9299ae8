import { useEffect, useRef } from 'react';

export interface PollOptions<T> {
  /** One load (a GET). */
  load: () => Promise<T>;
  /** Milliseconds between the end of one load and the start of the next. */
  every: number;
  onData: (data: T) => void;
  onError?: (err: unknown) => void;
  /** Stop once this is true of an answer (a job at a final status). */
  done?: (data: T) => boolean;
}

/**
 * Loads now, then again `every` ms after each answer, until stopped or `done` says the answer is final.
 * A failed load is reported and the polling goes on (the next answer may come). Never two loads at once.
 */
export function poll<T>(opts: PollOptions<T>): { stop(): void } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async () => {
    if (stopped) return;
    try {
      const data = await opts.load();
      if (stopped) return;
      opts.onData(data);
      if (opts.done?.(data)) {
        stopped = true;
        return;
      }
    } catch (err) {
      if (stopped) return;
      opts.onError?.(err);
    }
    timer = setTimeout(() => void round(), opts.every);
  };
  void round();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * poll() for a component: runs while `active` (and again when `key` changes), stopped on unmount. The
 * latest callbacks are used without restarting the polling.
 */
export function usePoll<T>(
  active: boolean,
  key: unknown,
  every: number,
  opts: Omit<PollOptions<T>, 'every'>,
): void {
  const latest = useRef(opts);
  latest.current = opts;
  useEffect(() => {
    if (!active) return;
    const p = poll<T>({
      every,
      load: () => latest.current.load(),
      onData: (d) => latest.current.onData(d),
      onError: (e) => latest.current.onError?.(e),
      done: (d) => latest.current.done?.(d) ?? false,
    });
    return () => p.stop();
  }, [active, key, every]);
}
