/**
 * The tab's shell: finds out whether it runs inside Teams, then sets language, theme and identity, loads the sites,
 * and shows the view the URL asks for (?view=map for "Book", ?view=mine for "My bookings", ?view=admin for "Admin").
 */
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  Button,
  type Theme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { t, type Locale } from '../i18n/messages';
import { ConnectivityContext, type Connectivity } from './connectivity';
import { OversightShell } from './admin/oversight-shell';
import { ErrorBoundary } from './error-boundary';
import { MyBookingsView } from './my-bookings-view';
import { resolveLocale } from '../i18n/messages';
import { ApiClient, ApiError } from './api-client';
import type { BookingDto, SiteDto } from './api-types';
import { BookView, type Layout } from './book-view';
import { DevPanel, devHeaders, loadDevIdentity, type DevIdentity } from './dev-panel';
import { detectHost, ID_PATTERN, parseSubEntity, themeName, type Host, type ThemeName } from './host';
import { LocaleContext, localeOutsideTeams } from './locale';
import { DelegatesPanel } from './delegates-panel';
import { DeskArrival, deskOfSubEntity } from './desk-arrival';
import { QrSheet } from './admin/qr-sheet';
import { usePolling } from './use-polling';

/** While the server does not answer, ask it this often whether it is back (a cheap GET /healthz). */
export const RECONNECT_MS = 1500;

export type ViewName = 'map' | 'mine' | 'admin';

const VIEW_TITLE = { map: 'tab.view.map', mine: 'tab.view.mine', admin: 'tab.view.admin' } as const;

function viewOf(value: string | null): ViewName {
  return value === 'mine' || value === 'admin' ? value : 'map';
}

const THEMES: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };
const THEME_KEY = 'seatwise.theme';

interface Target {
  readonly date?: string;
  readonly floorId?: string;
  readonly deskId?: string;
}

export function App() {
  const search = useMemo(() => new URLSearchParams(window.location.search), []);
  const [host, setHost] = useState<Host | undefined>(undefined);
  const [locale, setLocale] = useState<Locale>(() => localeOutsideTeams(search, navigator.languages ?? [navigator.language]));
  const [theme, setTheme] = useState<ThemeName>(() => themeName(search.get('theme') ?? readTheme()));
  const [identity, setIdentity] = useState<DevIdentity>(() => loadDevIdentity());
  const [view, setView] = useState<ViewName>(viewOf(search.get('view')));
  const [target, setTarget] = useState<Target>(() => ({
    // Any ?date= goes to the map as it is: a bad one is snapped to a bookable day there, with a sentence saying so.
    ...pick(search, 'date', /^[\s\S]{1,40}$/),
    ...pick(search, 'floor', ID_PATTERN, 'floorId'),
  }));
  const [targetVersion, setTargetVersion] = useState(0);
  // A desk's QR code opens the tab at that desk: ?desk= outside Teams, the sub-entity "desk|<id>" inside.
  const [deskCode, setDeskCode] = useState<string | undefined>(() => pick(search, 'desk', ID_PATTERN)['desk']);

  useEffect(() => {
    let live = true;
    const adopt = (h: Host): void => {
      if (!live) return;
      setHost(h);
      if (h.kind === 'teams') {
        setLocale(resolveLocale(h.locale));
        setTheme(h.theme);
        h.onThemeChange((next) => live && setTheme(next));
        const desk = deskOfSubEntity(h.subEntityId);
        const deepLink = parseSubEntity(h.subEntityId);
        if (desk) setDeskCode(desk);
        else if (deepLink.date || deepLink.floorId) setTarget(deepLink);
      }
    };
    void detectHost().then((h) => {
      adopt(h);
      if (h.kind === 'outside') void h.lateTeams.then((late) => late && adopt(late));
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${t(locale, 'tab.appName')} – ${t(locale, VIEW_TITLE[view])}`;
  }, [locale, view]);

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    document.body.style.background = THEMES[theme].colorNeutralBackground2;
  }, [theme]);

  // Offline: every call that gets no answer says so; the first answer after that ends it and bumps the epoch.
  const [connectivity, setConnectivity] = useState<Connectivity>({ offline: false, epoch: 0 });
  const lastAnswer = useRef<Date | undefined>(undefined);
  const reachable = useCallback((ok: boolean): void => {
    if (ok) {
      lastAnswer.current = new Date();
      setConnectivity((c) => (c.offline ? { offline: false, epoch: c.epoch + 1 } : c));
    } else {
      setConnectivity((c) => (c.offline ? c : { offline: true, ...(lastAnswer.current && { asOf: lastAnswer.current }), epoch: c.epoch }));
    }
  }, []);
  const probe = useCallback(
    () =>
      fetch('/healthz', { cache: 'no-store' }).then(
        (res) => res.ok && reachable(true),
        () => undefined,
      ),
    [reachable],
  );
  // The tab's one polling hook: a hidden tab does not probe, and one that comes back probes at once.
  usePolling(probe, RECONNECT_MS, connectivity.offline);

  const api = useMemo(() => {
    if (!host) return undefined;
    const auth =
      host.kind === 'teams'
        ? async () => {
            try {
              return { authorization: `Bearer ${await host.token()}` };
            } catch (error) {
              // Consent missing, the token request refused or timed out: say so rather than call the API anonymously.
              const message = error instanceof Error ? error.message : String(error);
              throw new ApiError(401, 'SSO_FAILED', t(locale, 'tab.signInFailed', { message }));
            }
          }
        : async () => devHeaders(identity);
    return new ApiClient({ auth, locale, networkMessage: t(locale, 'tab.networkError'), onReachable: reachable });
  }, [host, identity, locale, reachable]);

  const [sites, setSites] = useState<readonly SiteDto[] | undefined>(undefined);
  const [sitesError, setSitesError] = useState<string | undefined>(undefined);
  const loadSites = useCallback(async () => {
    if (!api) return;
    setSitesError(undefined);
    try {
      setSites(await api.sites());
    } catch (error) {
      setSitesError(error instanceof Error ? error.message : String(error));
    }
  }, [api]);
  useEffect(() => {
    void loadSites();
  }, [loadSites]);
  // Sites that failed to load come by themselves once the server answers again.
  useEffect(() => {
    if (connectivity.epoch > 0 && !sites) void loadSites();
  }, [connectivity.epoch, sites, loadSites]);

  const switchView = (next: ViewName): void => {
    const url = new URL(window.location.href);
    // Back on the map later, the person finds the floor and day they left.
    if (view === 'map' && next !== 'map') {
      const date = url.searchParams.get('date');
      const floorId = url.searchParams.get('floor');
      setTarget({ ...(date && { date }), ...(floorId && { floorId }) });
    }
    setView(next);
    setDeskCode(undefined);
    url.searchParams.set('view', next);
    if (next !== 'map') {
      url.searchParams.delete('date');
      url.searchParams.delete('floor');
      url.searchParams.delete('layout');
    }
    window.history.replaceState(null, '', url);
  };

  const showOnMap = (b: BookingDto): void => {
    setTarget({ date: b.date, ...(b.floorId && { floorId: b.floorId }), deskId: b.deskId });
    setTargetVersion((v) => v + 1);
    switchView('map');
  };

  const changeTheme = (next: ThemeName): void => {
    setTheme(next);
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Not kept across reloads when storage is off.
    }
  };

  const asOf = connectivity.asOf ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(connectivity.asOf) : '–';

  return (
    <LocaleContext.Provider value={locale}>
      <ConnectivityContext.Provider value={connectivity}>
      <FluentProvider theme={THEMES[theme]} dir="ltr" className="app" data-theme={theme}>
        {!host ? (
          <main className="starting">
            <Spinner label={t(locale, 'tab.loading')} />
          </main>
        ) : (
          <>
            {host.kind === 'outside' && (
              <DevPanel identity={identity} onIdentity={setIdentity} theme={theme} onTheme={changeTheme} onLocale={setLocale} why={host.why} />
            )}
            <main className="content">
              <h1 className="title">{t(locale, VIEW_TITLE[view])}</h1>
              {host.kind === 'outside' && (
                // Inside Teams the two static tabs switch views; outside, these buttons stand in for them.
                <nav aria-label={t(locale, 'tab.views')} className="views">
                  {(['map', 'mine', 'admin'] as const).map((v) => (
                    <Button key={v} appearance={view === v ? 'primary' : 'secondary'} aria-current={view === v ? 'page' : undefined} onClick={() => switchView(v)}>
                      {t(locale, VIEW_TITLE[v])}
                    </Button>
                  ))}
                </nav>
              )}
              {connectivity.offline && (
                // The one banner while the server does not answer; the views keep what they showed, actions paused.
                <MessageBar intent="warning" data-testid="offline">
                  <MessageBarBody>{t(locale, 'tab.offline', { time: asOf })}</MessageBarBody>
                </MessageBar>
              )}
              {sitesError && !connectivity.offline && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{sitesError}</MessageBarBody>
                  <Button size="small" onClick={() => void loadSites()}>
                    {t(locale, 'tab.retry')}
                  </Button>
                </MessageBar>
              )}
              {api && sites && view === 'map' && deskCode && (
                <ErrorBoundary key="desk" locale={locale}>
                  <DeskArrival
                    key={`${deskCode}|${identity.userId}`}
                    api={api}
                    deskId={deskCode}
                    onOpenMap={(at) => {
                      setDeskCode(undefined);
                      setTarget(at);
                      setTargetVersion((v) => v + 1);
                    }}
                  />
                </ErrorBoundary>
              )}
              {api && sites && view === 'map' && !deskCode && (
                <ErrorBoundary key="map" locale={locale}>
                  <BookView
                    key={`${targetVersion}|${host.kind}|${identity.userId}`}
                    api={api}
                    sites={sites}
                    initial={{ ...target, ...layoutOf(search) }}
                  />
                </ErrorBoundary>
              )}
              {api && sites && view === 'mine' && (
                <ErrorBoundary key="mine" locale={locale}>
                  <MyBookingsView key={identity.userId} api={api} sites={sites} onShowOnMap={showOnMap} />
                  <DelegatesPanel key={`delegates|${identity.userId}`} api={api} />
                </ErrorBoundary>
              )}
              {api && sites && view === 'admin' && (
                <ErrorBoundary key="admin" locale={locale}>
                  {search.get('print') === 'qr' ? (
                    <QrSheet key={`${identity.userId}|${identity.roles}`} api={api} sites={sites} />
                  ) : (
                    <OversightShell key={`${identity.userId}|${identity.roles}`} api={api} sites={sites} />
                  )}
                </ErrorBoundary>
              )}
              {!sites && !sitesError && <Spinner label={t(locale, 'tab.loading')} />}
            </main>
          </>
        )}
      </FluentProvider>
      </ConnectivityContext.Provider>
    </LocaleContext.Provider>
  );
}

function readTheme(): string | null {
  try {
    return localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

function pick(search: URLSearchParams, name: string, pattern: RegExp, as: string = name): Record<string, string> {
  const value = search.get(name);
  return value && pattern.test(value) ? { [as]: value } : {};
}

function layoutOf(search: URLSearchParams): { layout?: Layout } {
  const value = search.get('layout');
  return value === 'list' || value === 'map' ? { layout: value } : {};
}
