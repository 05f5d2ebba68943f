/**
 * The message catalogue shared by the bot, the cards, the API and the tab, and the few formatting helpers
 * every sentence needs (dates, weekdays, numbers), in English, French, Dutch and German.
 *
 * No runtime import from outside i18n/, so the tab can bundle this file as it is.
 */
import { de } from './de';
import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type { MessageKey, Messages } from './en';

export const LOCALES = ['en', 'fr', 'nl', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The Intl locale behind each catalogue. Belgian variants, so that dates and numbers read as they do in the
 * service (en-GB for English: "Thursday 3 December", not the US "Thursday, December 3").
 */
export const INTL_LOCALES: Readonly<Record<Locale, string>> = {
  en: 'en-GB',
  fr: 'fr-BE',
  nl: 'nl-BE',
  de: 'de-BE',
};

/** French typography puts a non-breaking space before ; : ! ? so that a line never starts with one. */
function withFrenchSpacing(messages: Messages): Messages {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(messages)) out[key] = text.replace(/ ([;:!?])/g, '\u00a0$1');
  return out as Messages;
}

/** Every locale's catalogue, keyed by locale. */
export const MESSAGES: Readonly<Record<Locale, Messages>> = {
  en,
  fr: withFrenchSpacing(fr),
  nl,
  de,
};

export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The catalogue for a language tag or an Accept-Language header: 'fr-BE', 'nl-be', 'de-DE', 'en-US', 'FR',
 * 'nl_BE', 'de-CH,de;q=0.9,en;q=0.8'. The first supported language, by preference, wins; anything else is English.
 */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (typeof tag !== 'string') return DEFAULT_LOCALE;
  const ranked = tag
    .split(',')
    .map((part, index) => {
      const [range = '', ...attributes] = part.trim().split(';');
      const q = attributes.map((a) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(a)).find((m) => m)?.[1];
      return { range: range.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.range.length > 0 && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranked) {
    const language = range.toLowerCase().replace(/_/g, '-').split('-')[0];
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

// ---------------------------------------------------------------------------------------------
// Messages and interpolation

/** The {names} a message template uses, e.g. "Desk {desk} on {date}" → desk, date. */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

export type ParamValue = string | number;
export type Params = Readonly<Record<string, ParamValue | undefined>>;

/** The parameters a key needs, read from the English template: `t(l, 'error.INVALID_INPUT', { details })`. */
export type ParamsOf<K extends MessageKey> = { readonly [P in PlaceholdersOf<(typeof en)[K]>]: ParamValue };

type ParamsArg<K extends MessageKey> = [PlaceholdersOf<(typeof en)[K]>] extends [never]
  ? []
  : [params: ParamsOf<K>];

const PLACEHOLDER = /\{([A-Za-z0-9_-]+)\}/g;

/** The set of {names} in a template, sorted; the tests compare it across locales. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/**
 * A message in `locale`, with its {placeholders} filled. Numbers are written the locale's way (1,5 in French);
 * strings are inserted as they are. The compiler checks the parameters against the English template.
 */
export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  return translate(locale, key, params[0]);
}

/**
 * `t` for a key chosen at run time (e.g. `refusal.NOT_ACTIVE.${status}`), where the compiler cannot check the
 * parameters. A missing parameter throws rather than showing "{date}" to a user.
 */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const catalogue = MESSAGES[locale] ?? MESSAGES[DEFAULT_LOCALE];
  const template = catalogue[key];
  if (template === undefined) {
    throw new Error(
      `Unknown message key "${String(key)}": it is not in the ${locale} catalogue (src/i18n/en.ts)`,
    );
  }
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw new Error(
        `Message "${key}" (${locale}) needs the parameter "${name}", which was not given; ` +
          `given: ${Object.keys(params).join(', ') || 'none'}`,
      );
    }
    return typeof value === 'number' ? formatNumber(value, locale) : String(value);
  });
}

/** `base.one` or `base.other`, by the locale's plural rule for `count` (French counts 0 and 1 as one). */
export function pluralKey(locale: Locale, base: string, count: number): MessageKey {
  const form = pluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  const key = `${base}.${form}`;
  if (!(key in en))
    throw new Error(`No plural message "${key}": add "${base}.one" and "${base}.other" to en.ts`);
  return key as MessageKey;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.ListFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.ListFormat>(
  id: string,
  make: () => T,
): T {
  let value = cache.get(id) as T | undefined;
  if (!value) {
    value = make();
    cache.set(id, value);
  }
  return value;
}

function pluralRules(locale: Locale): Intl.PluralRules {
  return cached(`plural|${locale}`, () => new Intl.PluralRules(INTL_LOCALES[locale]));
}

/** UTC midnight of a civil date, or undefined when `date` is not YYYY-MM-DD. */
function utcMidnight(date: string): Date | undefined {
  const m = CIVIL_DATE.exec(date);
  if (!m) return undefined;
  const d = new Date(0);
  // setUTCFullYear takes the year as written (Date.UTC would turn 0026 into 1926).
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * A civil date with its weekday, day and month: "Thursday 3 December", "jeudi 3 décembre",
 * "donderdag 3 december", "Donnerstag, 3. Dezember" (and "mardi 1er décembre"). Formatted at UTC midnight in UTC, so the civil date
 * never shifts with the server's or the reader's time zone. A value that is not YYYY-MM-DD is returned as is.
 */
export function formatDate(date: string, locale: Locale): string {
  const at = utcMidnight(date);
  if (!at) return date;
  const format = cached(
    `date|${locale}`,
    () =>
      new Intl.DateTimeFormat(INTL_LOCALES[locale], {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }),
  );
  if (locale !== 'fr') return format.format(at);
  // French writes the first of the month as an ordinal: "mardi 1er décembre".
  return format
    .formatToParts(at)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

/** The weekday of a civil date, e.g. "Saturday", "samedi", "zaterdag", "Samstag". */
export function formatWeekdayOf(date: string, locale: Locale): string {
  const at = utcMidnight(date);
  if (!at) return date;
  return weekdayFormat(locale).format(at);
}

/** The name of an ISO weekday, 1 = Monday … 7 = Sunday. */
export function formatIsoWeekday(isoWeekday: number, locale: Locale): string {
  if (!Number.isInteger(isoWeekday) || isoWeekday < 1 || isoWeekday > 7) {
    throw new RangeError(`Invalid ISO weekday ${isoWeekday}: expected 1 (Monday) to 7 (Sunday)`);
  }
  // 1 January 2024 was a Monday.
  return weekdayFormat(locale).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

function weekdayFormat(locale: Locale): Intl.DateTimeFormat {
  return cached(
    `weekday|${locale}`,
    () => new Intl.DateTimeFormat(INTL_LOCALES[locale], { weekday: 'long', timeZone: 'UTC' }),
  );
}

/** A number the locale's way, up to two decimals: 1.5 → "1.5" in English, "1,5" in French, Dutch and German. */
export function formatNumber(n: number, locale: Locale): string {
  return cached(
    `number|${locale}`,
    () => new Intl.NumberFormat(INTL_LOCALES[locale], { maximumFractionDigits: 2 }),
  ).format(n);
}

/** "a, b and c" / "a, b et c" / "a, b en c" / "a, b und c". */
export function formatList(items: readonly string[], locale: Locale): string {
  return cached(
    `list|${locale}`,
    () => new Intl.ListFormat(INTL_LOCALES[locale], { type: 'conjunction' }),
  ).format(items);
}
