import { performance } from 'node:perf_hooks';

/** Elapsed time and waiting, for rate limits and back-off; tests pass a virtual one. */
export interface NotifierTime {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves true after `ms`, or false as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

export const realNotifierTime: NotifierTime = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      if (ms <= 0) return resolve(true);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
