import { createContext, useContext } from 'react';

/**
 * Whether the server answers. While it does not, the tab keeps showing what it last knew, says since when, and
 * pauses every action; `epoch` goes up each time the server answers again, so that views reload what failed.
 */
export interface Connectivity {
  readonly offline: boolean;
  /** When the server last answered (the time the shown data is "as of"). */
  readonly asOf?: Date;
  readonly epoch: number;
}

export const ConnectivityContext = createContext<Connectivity>({ offline: false, epoch: 0 });

export function useConnectivity(): Connectivity {
  return useContext(ConnectivityContext);
}
