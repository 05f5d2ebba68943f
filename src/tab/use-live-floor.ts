import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from './api-client';
import { ApiError } from './api-client';
import type { FloorViewDto } from './api-types';
import { usePolling } from './use-polling';

/**
 * Changes made elsewhere reach an open tab within two seconds: a conditional GET this often (a 304 when nothing
 * changed; see ApiClient.floor and the bench for the server's cost with 600 open tabs).
 */
export const POLL_MS = 1500;

export interface LiveFloor {
  /** The floor for the requested floor and day; undefined while it loads. */
  readonly data?: FloorViewDto;
  readonly error?: ApiError;
  readonly loading: boolean;
  /** Reads the floor again now; resolves when the new state is shown. */
  readonly refresh: () => Promise<void>;
}

/**
 * One floor on one day, kept fresh: read again every POLL_MS while the page is visible, and at once when the tab
 * comes back into view or gets the focus, so that bookings made by others (the bot, another browser) appear
 * without a reload. Answers to superseded requests are dropped.
 */
export function useLiveFloor(api: ApiClient, floorId: string | undefined, date: string | undefined, options: { readonly pollMs?: number; readonly forPersonId?: string } = {}): LiveFloor {
  const { pollMs = POLL_MS, forPersonId } = options;
  const [state, setState] = useState<{ data?: FloorViewDto; error?: ApiError; key?: string }>({});
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const latest = useRef(state);
  latest.current = state;
  const key = floorId ? `${floorId}|${date ?? ''}|${forPersonId ?? ''}` : undefined;

  const load = useCallback(async (): Promise<void> => {
    if (!floorId) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const data = await api.floor(floorId, date, undefined, forPersonId);
      if (mine !== seq.current) return;
      setState({ data, key: `${floorId}|${date ?? ''}|${forPersonId ?? ''}` });
    } catch (error) {
      if (mine !== seq.current) return;
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));
      // Keep showing the last good floor of the same key; a polling hiccup should not blank the map.
      const k = `${floorId}|${date ?? ''}|${forPersonId ?? ''}`;
      setState((s) => ({ ...(s.key === k && s.data && { data: s.data }), error: apiError, key: k }));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [api, floorId, date, forPersonId]);

  useEffect(() => {
    if (!floorId) return;
    // The floor asked for without a day comes back for today; when the day is then set to it, the data already fits.
    const have = latest.current.data;
    const fits = have && have.floor.id === floorId && have.date === date && have.forPerson?.id === forPersonId && !latest.current.error;
    if (!fits) void load();
  }, [load, floorId, date, forPersonId]);
  usePolling(load, pollMs, Boolean(floorId));

  // A view of someone else's day never stands in for one's own, nor the other way round.
  const fits = (d: FloorViewDto | undefined): d is FloorViewDto => !!d && d.floor.id === floorId && (date === undefined || d.date === date) && d.forPerson?.id === forPersonId;
  return {
    ...(fits(state.data) && { data: state.data }),
    ...(state.error && state.key === key && { error: state.error }),
    loading,
    refresh: load,
  };
}
