import { useEffect } from 'react';

/**
 * Calls `poll` every `everyMs` while the page is visible, and at once when the tab comes back into view or gets the
 * focus: a hidden tab costs the server nothing, and a returning one is brought up to date without waiting.
 */
export function usePolling(poll: () => unknown, everyMs: number, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void poll();
    };
    const timer = setInterval(onVisible, everyMs);
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [poll, everyMs, enabled]);
}
