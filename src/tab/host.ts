/**
 * Where the tab runs: inside Teams (teams-js context, SSO token for every call), or outside it in development
 * (a dev identity sent as x-dev-user). teams-js rejects at once in a top-level window but waits 60 s in a foreign
 * iframe, so the tab gives it a short head start of its own and then carries on as "outside Teams".
 */
import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

export const INIT_TIMEOUT_MS = 2000;

export interface TeamsHost {
  readonly kind: 'teams';
  readonly locale: string;
  readonly theme: ThemeName;
  readonly userName?: string;
  /** The deep link's sub-entity: "YYYY-MM-DD|floorId" or "YYYY-MM-DD". */
  readonly subEntityId?: string;
  /** A bearer token for the API; teams-js caches it and renews it when it expires. */
  readonly token: () => Promise<string>;
  readonly onThemeChange: (handler: (theme: ThemeName) => void) => void;
}

export interface OutsideTeams {
  readonly kind: 'outside';
  /** Why teams-js gave up: "No Parent window found", or our own timeout. */
  readonly why: string;
  /** teams-js may still answer later (a slow Teams client): then the tab switches to Teams. */
  readonly lateTeams: Promise<TeamsHost | undefined>;
}

export type Host = TeamsHost | OutsideTeams;

export function themeName(value: unknown): ThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

async function teamsHost(): Promise<TeamsHost> {
  const context = await app.getContext();
  // Tell Teams the app loaded (a no-op unless the manifest shows the loading indicator).
  void app.notifySuccess().catch(() => undefined);
  return {
    kind: 'teams',
    locale: context.app.locale,
    theme: themeName(context.app.theme),
    ...(context.user?.displayName && { userName: context.user.displayName }),
    ...(context.page.subPageId && { subEntityId: context.page.subPageId }),
    token: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(themeName(theme))),
  };
}

/** Resolves within `timeoutMs`: Teams when teams-js initialises in time, else "outside Teams". */
export async function detectHost(timeoutMs = INIT_TIMEOUT_MS): Promise<Host> {
  const init = app.initialize().then(teamsHost);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const first = await Promise.race([init, timeout]);
    if (first !== 'timeout') return first;
    return {
      kind: 'outside',
      why: `teams-js did not answer within ${timeoutMs} ms`,
      lateTeams: init.catch(() => undefined),
    };
  } catch (error) {
    return {
      kind: 'outside',
      why: error instanceof Error ? error.message : String(error),
      lateTeams: Promise.resolve(undefined),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** "2026-12-03|hq-3" → date and floor; "2026-12-03" → date only; anything else → nothing. */
/**
 * A floor or desk id: the server's grammar (src/domain/ids.ts), written again here because the tab imports only
 * types from the domain; the server checks every id it is sent with the original.
 */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function parseSubEntity(value: string | null | undefined): { date?: string; floorId?: string } {
  if (!value) return {};
  const [date, floorId] = value.split('|');
  return {
    ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) && { date }),
    ...(floorId && ID_PATTERN.test(floorId) && { floorId }),
  };
}
