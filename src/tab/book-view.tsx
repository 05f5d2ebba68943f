/**
 * The "Book" tab: pick a day in the booking window and a floor, filter by features, and book or cancel on the map
 * or in the list. Refusals say which rule refused and offer the alternatives the server found.
 */
import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatDate, t, type Locale } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import type { AlternativeDto, DeskDto, PolicyDto, SiteDto } from './api-types';
import { attributeLabel, sortAttributes } from './attributes';
import { addDays, bookableDates } from './civil-dates';
import { FloorMap } from './floor-map';
import { useLocale } from './locale';
import { useLiveFloor } from './use-live-floor';

const DeskList = lazy(() => import('./desk-list').then((m) => ({ default: m.DeskList })));

export type Layout = 'map' | 'list';

export interface Notice {
  readonly kind: 'success' | 'info' | 'error' | 'refusal';
  readonly title?: string;
  readonly text: string;
  readonly alternatives?: readonly AlternativeDto[];
}

export interface BookViewProps {
  readonly api: ApiClient;
  readonly sites: readonly SiteDto[];
  readonly initial: { readonly date?: string; readonly floorId?: string; readonly deskId?: string; readonly layout?: Layout };
}

export function BookView({ api, sites, initial }: BookViewProps) {
  const locale = useLocale();
  const floors = useMemo(() => sites.flatMap((s) => s.floors.map((f) => ({ ...f, site: s }))), [sites]);
  const [floorId, setFloorId] = useState<string | undefined>(() =>
    initial.floorId && floors.some((f) => f.id === initial.floorId) ? initial.floorId : floors[0]?.id,
  );
  const [date, setDate] = useState<string | undefined>(initial.date);
  const explicitDate = useRef(!!initial.date);
  const [layout, setLayout] = useState<Layout>(initial.layout ?? 'map');
  const [filters, setFilters] = useState<readonly string[]>([]);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [focusRequest, setFocusRequest] = useState<{ readonly deskId: string } | undefined>(initial.deskId ? { deskId: initial.deskId } : undefined);
  const live = useLiveFloor(api, floorId, date);
  const view = live.data;

  // The booking window, kept while another day loads so that the day picker does not flicker.
  const [window_, setWindow] = useState<BookingWindow | undefined>(undefined);
  useEffect(() => {
    if (!view) return;
    const w = windowOf(view.policy, view.date);
    setWindow((old) => (old && old.first === w.first && old.last === w.last && sameList(old.weekdays, w.weekdays) ? old : w));
    // Without a day asked for, the server answers for today; when today is not bookable, move to the first day that is.
    if (date === undefined && !explicitDate.current) {
      const days = bookableDates(w.first, w.last, w.weekdays);
      setDate(days.includes(view.date) ? view.date : (days.find((d) => d >= view.date) ?? view.date));
    }
  }, [view, date]);

  const days = useMemo(() => (window_ ? bookableDates(window_.first, window_.last, window_.weekdays) : []), [window_]);
  const today = window_?.first;

  const matches = useCallback((desk: DeskDto) => filters.every((f) => desk.attributes.includes(f)), [filters]);
  const attributes = useMemo(() => sortAttributes(view?.desks.flatMap((d) => d.attributes) ?? []), [view]);

  const withBusy = async (deskId: string, work: () => Promise<void>): Promise<void> => {
    setBusy((b) => new Set(b).add(deskId));
    try {
      await work();
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(deskId);
        return next;
      });
    }
  };

  const failed = (error: unknown, title: string): Notice => {
    if (error instanceof ApiError && error.body && (error.status === 409 || error.status === 403 || error.status === 404)) {
      return { kind: 'refusal', title, text: error.body.message, alternatives: error.body.alternatives ?? [] };
    }
    return { kind: 'error', title: t(locale, 'tab.failed'), text: error instanceof Error ? error.message : String(error) };
  };

  const book = async (deskId: string, day: string, label: string, onFloor: string | undefined): Promise<void> => {
    if (busy.has(deskId)) return;
    await withBusy(deskId, async () => {
      try {
        await api.book(deskId, day);
        setNotice({ kind: 'success', text: t(locale, 'tab.booked', { desk: label, date: formatDate(day, locale) }) });
        if (onFloor && onFloor !== floorId) setFloorId(onFloor);
        if (day !== date) {
          explicitDate.current = true;
          setDate(day);
        }
        if ((onFloor ?? floorId) === floorId && day === date) await live.refresh();
        // An alternative may sit elsewhere on the map, on another day or floor: bring it into view.
        setFocusRequest({ deskId });
      } catch (error) {
        setNotice(failed(error, t(locale, 'tab.refused')));
        await live.refresh();
      }
    });
  };

  const cancel = async (desk: DeskDto): Promise<void> => {
    if (!desk.bookingId || !view) return;
    const day = view.date;
    await withBusy(desk.id, async () => {
      try {
        await api.cancel(desk.bookingId!);
        setNotice({ kind: 'success', text: t(locale, 'tab.cancelled', { desk: desk.label, date: formatDate(day, locale) }) });
      } catch (error) {
        setNotice(failed(error, t(locale, 'tab.failed')));
      }
      await live.refresh();
    });
  };

  const activate = (desk: DeskDto): void => {
    if (!view) return;
    if (desk.state === 'free') void book(desk.id, view.date, desk.label, undefined);
    else if (desk.state === 'mine' && desk.bookingId) void cancel(desk);
    else setNotice({ kind: 'info', text: t(locale, 'tab.notBookable', { desk: desk.label, reason: desk.reason }) });
  };

  const pickDate = (day: string): void => {
    explicitDate.current = true;
    setNotice(undefined);
    setDate(day);
  };

  if (floors.length === 0) {
    return <MessageBar intent="info"><MessageBarBody>{t(locale, 'tab.noFloors')}</MessageBarBody></MessageBar>;
  }

  const dayIndex = date ? days.indexOf(date) : -1;
  const dayOptions = date && !days.includes(date) ? [date, ...days].sort() : days;
  const free = view?.desks.filter((d) => d.state === 'free').length ?? 0;
  const shown = view?.desks.filter(matches).length ?? 0;

  return (
    <div className="book-view">
      <div className="controls">
        <Field label={t(locale, 'tab.date')} className="control-date">
          <div className="date-row">
            <Button
              aria-label={t(locale, 'tab.date.previous')}
              disabled={dayIndex <= 0}
              onClick={() => dayIndex > 0 && pickDate(days[dayIndex - 1]!)}
            >
              ‹
            </Button>
            <Select value={date ?? ''} onChange={(_e, d) => pickDate(d.value)} disabled={dayOptions.length === 0} data-testid="date-picker">
              {dayOptions.length === 0 && <option value="">{t(locale, 'tab.loading')}</option>}
              {dayOptions.map((d) => (
                <option key={d} value={d}>
                  {dayLabel(d, today, locale)}
                </option>
              ))}
            </Select>
            <Button
              aria-label={t(locale, 'tab.date.next')}
              disabled={dayIndex < 0 || dayIndex >= days.length - 1}
              onClick={() => dayIndex >= 0 && dayIndex < days.length - 1 && pickDate(days[dayIndex + 1]!)}
            >
              ›
            </Button>
          </div>
        </Field>
        <Field label={t(locale, 'tab.floor')} className="control-floor">
          <Select
            value={floorId ?? ''}
            onChange={(_e, d) => {
              setNotice(undefined);
              setFloorId(d.value);
            }}
            data-testid="floor-picker"
          >
            {sites.length > 1
              ? sites.map((s) => (
                  <optgroup key={s.id} label={s.name}>
                    {s.floors.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.name}
                      </option>
                    ))}
                  </optgroup>
                ))
              : floors.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
          </Select>
        </Field>
        {attributes.length > 0 && (
          <fieldset className="control-filters">
            <legend>{t(locale, 'tab.filters')}</legend>
            {attributes.map((a) => (
              <Checkbox
                key={a}
                label={attributeLabel(a, locale)}
                checked={filters.includes(a)}
                onChange={(_e, d) => setFilters((fs) => (d.checked ? [...fs, a] : fs.filter((f) => f !== a)))}
              />
            ))}
          </fieldset>
        )}
        <Field label={t(locale, 'tab.layout')} className="control-layout">
          <RadioGroup layout="horizontal" value={layout} onChange={(_e, d) => setLayout(d.value as Layout)} data-testid="layout">
            <Radio value="map" label={t(locale, 'tab.layout.map')} />
            <Radio value="list" label={t(locale, 'tab.layout.list')} />
          </RadioGroup>
        </Field>
      </div>

      <NoticeArea notice={notice} onDismiss={() => setNotice(undefined)} onAlternative={(a) => void book(a.deskId, a.date, a.deskLabel, a.floorId)} locale={locale} />

      {live.error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t(locale, 'tab.loadFailed', { message: live.error.message })}</MessageBarBody>
          <Button size="small" onClick={() => void live.refresh()}>
            {t(locale, 'tab.retry')}
          </Button>
        </MessageBar>
      )}

      {!view && !live.error && <Spinner label={t(locale, 'tab.loading')} />}

      {view && (
        <>
          <p className="summary" data-testid="summary">
            {t(locale, 'tab.summary', { free, total: view.desks.length, shown })}
            {shown === 0 && <> {t(locale, 'tab.noMatch')}</>}
          </p>
          {layout === 'map' ? (
            <FloorMap view={view} matches={matches} busy={busy} onActivate={activate} {...(focusRequest && { focusRequest })} />
          ) : (
            <Suspense fallback={<Spinner label={t(locale, 'tab.loading')} />}>
              <DeskList view={view} matches={matches} busy={busy} onActivate={activate} />
            </Suspense>
          )}
        </>
      )}
    </div>
  );
}

function dayLabel(day: string, today: string | undefined, locale: Locale): string {
  const text = formatDate(day, locale);
  const upper = text.charAt(0).toLocaleUpperCase() + text.slice(1);
  return day === today ? t(locale, 'tab.date.today', { date: upper }) : upper;
}

interface BookingWindow {
  readonly first: string;
  readonly last: string;
  readonly weekdays?: readonly number[];
}

function windowOf(p: PolicyDto, date: string): BookingWindow {
  const first = p.firstBookableDate ?? date;
  const last = p.lastBookableDate ?? addDays(first, p.horizonDays);
  return { first, last, ...(p.bookableWeekdays && { weekdays: p.bookableWeekdays }) };
}

function sameList(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return (a ?? []).join(',') === (b ?? []).join(',');
}

interface NoticeAreaProps {
  readonly notice: Notice | undefined;
  readonly onDismiss: () => void;
  readonly onAlternative: (a: AlternativeDto) => void;
  readonly locale: Locale;
}

/**
 * Outcomes are announced: successes politely (role=status), refusals and errors at once (role=alert). Both live
 * regions stay in the page so that screen readers notice what is put into them.
 */
export function NoticeArea({ notice, onDismiss, onAlternative, locale }: NoticeAreaProps) {
  const urgent = notice?.kind === 'error' || notice?.kind === 'refusal';
  const bar = notice && (
    <MessageBar intent={notice.kind === 'refusal' ? 'warning' : notice.kind} className="notice" data-testid="notice" data-kind={notice.kind}>
      <MessageBarBody>
        {notice.title && <MessageBarTitle>{notice.title}</MessageBarTitle>}
        {notice.text}
        {notice.alternatives && notice.alternatives.length > 0 && (
          <div className="alternatives">
            <span>{t(locale, 'tab.alternatives')}</span>
            {notice.alternatives.map((a) => (
              <Button key={`${a.deskId}|${a.date}`} size="small" appearance="primary" onClick={() => onAlternative(a)}>
                {a.text}
              </Button>
            ))}
          </div>
        )}
      </MessageBarBody>
      <Button size="small" appearance="subtle" onClick={onDismiss}>
        {t(locale, 'tab.dismiss')}
      </Button>
    </MessageBar>
  );
  return (
    <>
      <div role="status" aria-live="polite" className="live-region">
        {!urgent && bar}
      </div>
      <div role="alert" className="live-region">
        {urgent && bar}
      </div>
    </>
  );
}

