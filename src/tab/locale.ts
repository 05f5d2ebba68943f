import { createContext, useContext } from 'react';
import { DEFAULT_LOCALE, resolveLocale, type Locale } from '../i18n/messages';

export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** The tab's language: Teams' locale inside Teams; ?lang= or the browser's languages outside. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function localeOutsideTeams(search: URLSearchParams, navigatorLanguages: readonly string[]): Locale {
  return resolveLocale(search.get('lang') ?? navigatorLanguages.join(','));
}
