/**
 * The tab's shell: finds out whether it runs inside Teams, then sets language, theme and identity, loads the sites,
 * and shows the view the URL asks for (?view=map for "Book", ?view=mine for "My bookings").
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
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { t, type Locale } from '../i18n/messages';
import { resolveLocale } from '../i18n/messages';
import { ApiClient, ApiError } from './api-client';
import type { BookingDto, SiteDto } from './api-types';
import { BookView, type Layout } from './book-view';
import { DevPanel, devHeaders, loadDevIdentity, type DevIdentity } from './dev-panel';
import { detectHost, parseSubEntity, themeName, type Host, type ThemeName } from './host';
import { LocaleContext, localeOutsideTeams } from './locale';

const MyBookingsView = lazy(() => import('./my-bookings-view').then((m) => ({ default: m.MyBookingsView })));

export type ViewName = 'map' | 'mine';

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
  const [view, setView] = useState<ViewName>(search.get('view') === 'mine' ? 'mine' : 'map');
  const [target, setTarget] = useState<Target>(() => ({
    ...pick(search, 'date', /^\d{4}-\d{2}-\d{2}$/),
    ...pick(search, 'floor', /^[A-Za-z0-9._:-]{1,128}$/, 'floorId'),
  }));
  const [targetVersion, setTargetVersion] = useState(0);

  useEffect(() => {
    let live = true;
    const adopt = (h: Host): void => {
      if (!live) return;
      setHost(h);
      if (h.kind === 'teams') {
        setLocale(resolveLocale(h.locale));
        setTheme(h.theme);
        h.onThemeChange((next) => live && setTheme(next));
        const deepLink = parseSubEntity(h.subEntityId);
        if (deepLink.date || deepLink.floorId) setTarget(deepLink);
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
    document.title = `${t(locale, 'tab.appName')} – ${t(locale, view === 'mine' ? 'tab.view.mine' : 'tab.view.map')}`;
  }, [locale, view]);

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    document.body.style.background = THEMES[theme].colorNeutralBackground2;
  }, [theme]);

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
    return new ApiClient({ auth, locale, networkMessage: t(locale, 'tab.networkError') });
  }, [host, identity, locale]);

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

  const switchView = (next: ViewName): void => {
    setView(next);
    const url = new URL(window.location.href);
    url.searchParams.set('view', next);
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

  return (
    <LocaleContext.Provider value={locale}>
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
              <h1 className="title">{t(locale, view === 'mine' ? 'tab.view.mine' : 'tab.view.map')}</h1>
              {host.kind === 'outside' && (
                // Inside Teams the two static tabs switch views; outside, these buttons stand in for them.
                <nav aria-label={t(locale, 'tab.views')} className="views">
                  {(['map', 'mine'] as const).map((v) => (
                    <Button key={v} appearance={view === v ? 'primary' : 'secondary'} aria-current={view === v ? 'page' : undefined} onClick={() => switchView(v)}>
                      {t(locale, v === 'mine' ? 'tab.view.mine' : 'tab.view.map')}
                    </Button>
                  ))}
                </nav>
              )}
              {sitesError && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{sitesError}</MessageBarBody>
                  <Button size="small" onClick={() => void loadSites()}>
                    {t(locale, 'tab.retry')}
                  </Button>
                </MessageBar>
              )}
              {api && sites && view === 'map' && (
                <BookView
                  key={`${targetVersion}|${host.kind}|${identity.userId}`}
                  api={api}
                  sites={sites}
                  initial={{ ...target, ...layoutOf(search) }}
                />
              )}
              {api && sites && view === 'mine' && (
                <Suspense fallback={<Spinner label={t(locale, 'tab.loading')} />}>
                  <MyBookingsView key={identity.userId} api={api} sites={sites} onShowOnMap={showOnMap} />
                </Suspense>
              )}
              {!sites && !sitesError && <Spinner label={t(locale, 'tab.loading')} />}
            </main>
          </>
        )}
      </FluentProvider>
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
