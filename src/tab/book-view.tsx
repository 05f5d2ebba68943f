/**
 * The "Book" tab: pick a day in the booking window and a floor, filter by features, and open a desk on the map or
 * in the list. Nothing is booked, cancelled or moved until the desk panel's button is pressed; a cancel offers Undo.
 * The day picker says per day how many desks are free for the person; the line above the map says which desk
 * they hold that day, or which days still have room when this one is full.
 */
import { Button, Checkbox, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatDate, t } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import type { AlternativeDto, DaySummariesDto, DeskDto, PolicyDto, SiteDto } from './api-types';
import { attributeLabel, sortAttributes } from './attributes';
import { addDays, bookableDates } from './civil-dates';
import { useConnectivity } from './connectivity';
import { dayTitle } from './day-label';
import { DeskList } from './desk-list';
import { DeskPanel, type MyDay } from './desk-panel';
import { FloorMap } from './floor-map';
import { usePlanImage } from './use-plan-image';
import { useLocale } from './locale';
import { OutcomeRegion, type Notice } from './outcome-region';
import { MyDesks } from './my-desks';
import { SeriesEditor } from './series-editor';
import { NARROW, useMedia } from './use-media';
import { useLiveFloor } from './use-live-floor';
import { BookForPicker, useBookFor } from './book-for-picker';

export type Layout = 'map' | 'list';
export type { Notice } from './outcome-region';

export interface BookViewProps {
  readonly api: ApiClient;
  readonly sites: readonly SiteDto[];
  /** `date` is the raw ?date= of the link: a bad one is snapped to the nearest bookable day, and the tab says so. */
  readonly initial: { readonly date?: string; readonly floorId?: string; readonly deskId?: string; readonly layout?: Layout };
}

/** Refusals that mean "no place for you that day", which the waitlist answers. */
const WAITLIST_CODES: readonly string[] = ['DESK_TAKEN', 'ZONE_FULL', 'TOO_CLOSE'];

export function BookView({ api, sites, initial }: BookViewProps) {
  const bookForChoice = useBookFor(api);
  const locale = useLocale();
  const { offline, epoch } = useConnectivity();
  const narrow = useMedia(NARROW);
  const floors = useMemo(() => sites.flatMap((s) => s.floors.map((f) => ({ ...f, site: s }))), [sites]);
  const [floorId, setFloorId] = useState<string | undefined>(() =>
    initial.floorId && floors.some((f) => f.id === initial.floorId) ? initial.floorId : floors[0]?.id,
  );
  // Undefined until the first answer (today's floor) gives the window to resolve the asked-for day against.
  const [date, setDate] = useState<string | undefined>(undefined);
  const [layout, setLayout] = useState<Layout>(initial.layout ?? 'map');
  const [filters, setFilters] = useState<readonly string[]>([]);
  const [showOptions, setShowOptions] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [focusRequest, setFocusRequest] = useState<{ readonly deskId: string } | undefined>(initial.deskId ? { deskId: initial.deskId } : undefined);
  const live = useLiveFloor(api, floorId, date);
  const view = live.data;
  const planSrc = usePlanImage(api, view?.floor.planImageUrl);

  const [window_, setWindow] = useState<BookingWindow | undefined>(undefined);
  useEffect(() => {
    if (!view) return;
    const w = windowOf(view.policy, view.date);
    setWindow((old) => (old && old.first === w.first && old.last === w.last && sameList(old.weekdays, w.weekdays) ? old : w));
    if (date !== undefined) return;
    const bookable = bookableDates(w.first, w.last, w.weekdays);
    const snapped = snapDate(initial.date, w, bookable, view.date);
    setDate(snapped.date);
    if (snapped.why) {
      const key = `tab.date.snapped.${snapped.why}` as const;
      setNotice({ kind: 'info', text: t(locale, key, { asked: snapped.why === 'invalid' ? initial.date!.slice(0, 40) : formatDate(initial.date!, locale), date: formatDate(snapped.date, locale) }) });
    }
  }, [view, date, initial.date, locale]);

  const days = useMemo(() => (window_ ? bookableDates(window_.first, window_.last, window_.weekdays) : []), [window_]);
  const today = window_?.first;

  // The link says where the person is: "Show on map", a reload or a shared link opens the same floor and day.
  useEffect(() => {
    if (!floorId || !date) return;
    const url = new URL(window.location.href);
    url.searchParams.set('view', 'map');
    url.searchParams.set('floor', floorId);
    url.searchParams.set('date', date);
    if (layout === 'list') url.searchParams.set('layout', 'list');
    else url.searchParams.delete('layout');
    window.history.replaceState(null, '', url);
  }, [floorId, date, layout]);

  // Free desks per day, read again whenever the shown floor changes (a booking here, or one a poll brought in).
  const [summaries, setSummaries] = useState<DaySummariesDto | undefined>(undefined);
  useEffect(() => {
    if (!floorId || !view) return;
    let current = true;
    api.days(floorId).then(
      (d) => current && setSummaries(d),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, floorId, view, epoch]);

  // The person's booking on the shown day, on whichever floor it is.
  const [myDay, setMyDay] = useState<MyDay | undefined>(undefined);
  useEffect(() => {
    if (!date || !view) return;
    let current = true;
    api.bookings(undefined, { from: date, to: date }).then(
      (list) => {
        if (!current) return;
        const b = list.find((x) => x.date === date && (x.status === 'booked' || x.status === 'checked-in'));
        setMyDay(
          b && {
            bookingId: b.id,
            deskId: b.deskId,
            deskLabel: b.deskLabel ?? b.deskId,
            where: b.zoneName && b.floorName ? t(locale, 'tab.mine.place', { zone: b.zoneName, floor: b.floorName }) : (b.floorName ?? ''),
          },
        );
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, date, view, locale]);

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

  const failed = (error: unknown, title: string, day?: string): Notice => {
    if (error instanceof ApiError && error.body && (error.status === 409 || error.status === 403 || error.status === 404)) {
      const alternatives = error.body.alternatives ?? [];
      // No desk left that day for this rule: offer to wait for one (issue 17, the waitlist).
      const full = day !== undefined && WAITLIST_CODES.includes(error.body.code) && !alternatives.some((a) => a.kind === 'desk' && a.date === day);
      return { kind: 'refusal', title, text: error.body.message, alternatives, ...(full && { waitlist: { run: () => void joinWaitlist(day) } }) };
    }
    return { kind: 'error', title: t(locale, 'tab.failed'), text: error instanceof Error ? error.message : String(error) };
  };

  /** `elsewhere`: an alternative of a refusal, perhaps on another day or floor, is brought into view and focused. */
  const book = async (deskId: string, day: string, label: string, onFloor: string | undefined, again = false, elsewhere = false): Promise<void> => {
    if (busy.has(deskId) || offline) return;
    await withBusy(deskId, async () => {
      try {
        await bookForChoice.book(deskId, day);
        setNotice({ kind: 'success', text: bookForChoice.bookedText(label, day) ?? t(locale, again ? 'tab.rebooked' : 'tab.booked', { desk: label, date: formatDate(day, locale) }) });
        if (onFloor && onFloor !== floorId) setFloorId(onFloor);
        if (day !== date) setDate(day);
        if ((onFloor ?? floorId) === floorId && day === date) await live.refresh();
        // An alternative may sit elsewhere on the map, on another day or floor: bring it into view. A booking made
        // from the panel leaves the focus there, on its new Cancel button.
        if (elsewhere) setFocusRequest({ deskId });
      } catch (error) {
        setNotice(failed(error, t(locale, 'tab.refused'), day));
        await live.refresh();
      }
    });
  };

  const joinWaitlist = async (day: string): Promise<void> => {
    if (offline) return;
    try {
      const place = await api.joinWaitlist(day, floors.find((f) => f.id === floorId)?.site.id);
      setNotice({ kind: 'success', title: t(locale, 'waitlist.joined.title'), text: t(locale, 'waitlist.joined.text', { date: formatDate(day, locale), position: place.position }) });
    } catch (error) {
      setNotice(failed(error, t(locale, 'tab.failed')));
    }
  };

  const cancel = async (desk: DeskDto): Promise<void> => {
    if (!desk.bookingId || !view || offline) return;
    const day = view.date;
    await withBusy(desk.id, async () => {
      try {
        await api.cancel(desk.bookingId!);
        setNotice({
          kind: 'success',
          text: t(locale, 'tab.cancelled', { desk: desk.label, date: formatDate(day, locale) }),
          undo: { label: t(locale, 'tab.undoDesk', { desk: desk.label }), run: () => void book(desk.id, day, desk.label, undefined, true) },
        });
      } catch (error) {
        setNotice(failed(error, t(locale, 'tab.failed')));
      }
      await live.refresh();
    });
  };

  const release = async (desk: DeskDto): Promise<void> => {
    if (!desk.bookingId || !view || offline) return;
    const day = view.date;
    await withBusy(desk.id, async () => {
      try {
        await api.release(desk.bookingId!);
        setNotice({ kind: 'success', text: t(locale, 'tab.released', { desk: desk.label, date: formatDate(day, locale) }) });
      } catch (error) {
        setNotice(failed(error, t(locale, 'tab.failed')));
      }
      await live.refresh();
    });
  };

  const move = async (desk: DeskDto, from: MyDay): Promise<void> => {
    if (!view || offline) return;
    const day = view.date;
    await withBusy(desk.id, async () => {
      try {
        await api.move(from.bookingId, desk.id);
        setNotice({ kind: 'success', text: t(locale, 'tab.moved', { desk: desk.label, date: formatDate(day, locale) }) });
      } catch (error) {
        setNotice(failed(error, t(locale, 'tab.refused')));
      }
      await live.refresh();
    });
  };

  const open = (desk: DeskDto): void => setSelectedId(desk.id);
  const closePanel = (): void => {
    const id = selectedId;
    setSelectedId(undefined);
    // Back to the desk the panel was about, as a dialog returns the focus to what opened it.
    if (id && layout === 'map') setFocusRequest({ deskId: id });
  };
  // A desk picked inside the panel (a nearest free desk) replaces the panel's content; the focus stays in the panel.
  const selectDesk = (deskId: string): void => setSelectedId(deskId);

  const pickDate = (day: string): void => {
    setNotice(undefined);
    setSelectedId(undefined);
    setDate(day);
  };

  const skipToFloor = (): void => {
    const target = document.querySelector<HTMLElement | SVGElement>('.map-svg [data-desk-id][tabindex="0"], .desk-list button');
    target?.focus();
  };

  // On a phone the sheet covers the lower part of the window: when it opens, the map moves to the top, above it.
  const sheetOpen = narrow && selectedId !== undefined;
  useEffect(() => {
    if (sheetOpen) document.querySelector('.map-frame, .desk-list')?.scrollIntoView({ block: 'start', behavior: 'instant' });
  }, [sheetOpen]);

  const undoExpired = useCallback(() => setNotice((n) => (n?.undo ? { kind: n.kind, text: n.text } : n)), []);

  if (floors.length === 0) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t(locale, 'tab.noFloors')}</MessageBarBody>
      </MessageBar>
    );
  }

  const dayIndex = date ? days.indexOf(date) : -1;
  const dayOptions = window_ ? allDates(window_.first, window_.last) : date ? [date] : [];
  const summaryOf = new Map(summaries?.days.map((d) => [d.date, d]) ?? []);
  const shownDesks = view?.desks.filter(matches) ?? [];
  const free = shownDesks.filter((d) => d.state === 'free').length;
  const selected = selectedId ? view?.desks.find((d) => d.id === selectedId) : undefined;
  const labelOf = new Map(view?.desks.map((d) => [d.id, d.label]) ?? []);

  const optionText = (d: string): string => {
    const title = dayTitle(d, locale, today);
    if (!days.includes(d)) return t(locale, 'tab.day.optionClosed', { date: title });
    const s = summaryOf.get(d);
    if (!s) return title;
    if (s.mineDeskId) return t(locale, 'tab.day.optionMine', { date: title, desk: labelOf.get(s.mineDeskId) ?? s.mineDeskId });
    return s.free === 0 ? t(locale, 'tab.day.optionFull', { date: title }) : t(locale, 'tab.day.option', { date: title, free: s.free });
  };

  const freeForMe = view ? view.desks.filter((d) => d.state === 'free').length : 0;
  const roomOn =
    view && date && freeForMe === 0 && !myDay
      ? (summaries?.days ?? [])
          .filter((d) => d.bookable && d.free > 0 && d.date !== date)
          .sort((a, b) => Math.abs(dayDiff(a.date, date)) - Math.abs(dayDiff(b.date, date)) || a.date.localeCompare(b.date))
          .slice(0, 3)
      : [];

  const controlsExtra = (
    <>
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
    </>
  );

  return (
    <div className={`book-view${sheetOpen ? ' with-sheet' : ''}`}>
      <a
        href="#floor"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          skipToFloor();
        }}
      >
        {t(locale, 'tab.skip')}
      </a>
      <div className="controls">
        <BookForPicker choice={bookForChoice} />
        <Field label={t(locale, 'tab.date')} className="control-date">
          <div className="date-row">
            <Button aria-label={t(locale, 'tab.date.previous')} disabled={dayIndex <= 0} onClick={() => dayIndex > 0 && pickDate(days[dayIndex - 1]!)}>
              ‹
            </Button>
            <Select value={date ?? ''} onChange={(_e, d) => pickDate(d.value)} disabled={dayOptions.length === 0} data-testid="date-picker">
              {dayOptions.length === 0 && <option value="">{t(locale, 'tab.loading')}</option>}
              {dayOptions.map((d) => (
                <option key={d} value={d} disabled={!days.includes(d)}>
                  {optionText(d)}
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
              setSelectedId(undefined);
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
        {narrow ? (
          <>
            <Button aria-expanded={showOptions} onClick={() => setShowOptions((v) => !v)} data-testid="more-options">
              {t(locale, 'tab.moreOptions')}
            </Button>
            {showOptions && <div className="controls-extra">{controlsExtra}</div>}
          </>
        ) : (
          controlsExtra
        )}
      </div>

      {live.error && live.error.status !== 0 && !offline && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t(locale, 'tab.loadFailed', { message: live.error.message })}</MessageBarBody>
          <Button size="small" onClick={() => void live.refresh()}>
            {t(locale, 'tab.retry')}
          </Button>
        </MessageBar>
      )}

      {!view && <Spinner label={t(locale, 'tab.loading')} />}

      {view && date && (
        <>
          <div className="day-status" data-testid="day-status">
            {roomOn.length > 0 || (freeForMe === 0 && !myDay) ? (
              <>
                <span>{t(locale, roomOn.length > 0 ? 'tab.day.full' : 'tab.day.fullNoOther', { date: formatDate(date, locale) })}</span>{' '}
                {roomOn.map((d) => (
                  <Button key={d.date} size="small" onClick={() => pickDate(d.date)}>
                    {t(locale, 'tab.day.roomOn', { date: dayTitle(d.date, locale), free: d.free })}
                  </Button>
                ))}
              </>
            ) : myDay ? (
              <span data-testid="my-day">{t(locale, 'tab.day.mine', { date: formatDate(date, locale), desk: myDay.deskLabel, where: myDay.where })}</span>
            ) : (
              <span>{t(locale, 'tab.day.none', { date: formatDate(date, locale) })}</span>
            )}
          </div>
          {/* Issue 17 §6: favourites first, then the same desk as last time; each opens its desk here. */}
          <MyDesks
            api={api}
            {...(selected && { selected: { id: selected.id, label: selected.label } })}
            onPick={(d) => {
              if (d.floorId !== floorId) setFloorId(d.floorId);
              setSelectedId(d.deskId);
            }}
            onNotice={setNotice}
          />
          <p className="summary" data-testid="summary" id="floor">
            {filters.length > 0 ? t(locale, 'tab.summaryFiltered', { free, shown: shownDesks.length }) : t(locale, 'tab.summary', { free, total: view.desks.length, shown: shownDesks.length })}
            {shownDesks.length === 0 && <> {t(locale, 'tab.noMatch')}</>}
          </p>
          {layout === 'map' ? (
            <FloorMap
              view={view}
              matches={matches}
              busy={busy}
              onActivate={open}
              onEscape={() => selectedId && closePanel()}
              selectedId={selectedId}
              planSrc={planSrc}
              {...(focusRequest && { focusRequest })}
            />
          ) : (
            <DeskList view={view} matches={matches} busy={busy} onActivate={open} />
          )}
        </>
      )}

      {view && date && floors.find((f) => f.id === floorId) && (
        // Issue 17 §2: repeat a booking over weeks, previewed before anything is booked.
        <SeriesEditor
          api={api}
          site={floors.find((f) => f.id === floorId)!.site}
          date={date}
          {...(selected && { desk: { id: selected.id, label: selected.label } })}
          onDone={setNotice}
        />
      )}

      {view && selected && (
        <DeskPanel
          desk={selected}
          view={view}
          mine={myDay}
          busy={busy.has(selected.id)}
          onBook={(d) => void book(d.id, view.date, d.label, undefined)}
          onCancel={(d) => void cancel(d)}
          onMove={(d, from) => void move(d, from)}
          onSelect={selectDesk}
          onClose={closePanel}
          onJoinWaitlist={() => void joinWaitlist(view.date)}
          onRelease={(d) => void release(d)}
        />
      )}

      <OutcomeRegion
        notice={notice}
        onDismiss={() => setNotice(undefined)}
        onAlternative={(a: AlternativeDto) => void book(a.deskId, a.date, a.deskLabel, a.floorId, false, true)}
        onUndoExpired={undoExpired}
        locale={locale}
      />
    </div>
  );
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

function allDates(first: string, last: string): string[] {
  return bookableDates(first, last, undefined);
}

function dayDiff(a: string, b: string): number {
  return (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = CIVIL.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The day to show for the ?date= of a link: itself when it can be booked; otherwise the nearest day that can, and
 * why the asked one could not (in the past, beyond the window, not a booking day, not a date at all).
 */
export function snapDate(
  asked: string | undefined,
  w: BookingWindow,
  bookable: readonly string[],
  fallback: string,
): { date: string; why?: 'past' | 'far' | 'weekday' | 'invalid' } {
  const first = bookable[0];
  const last = bookable[bookable.length - 1];
  if (!first || !last) return { date: asked && isRealDate(asked) ? asked : fallback };
  if (asked === undefined) return { date: bookable.includes(fallback) ? fallback : (bookable.find((d) => d >= fallback) ?? first) };
  if (!isRealDate(asked)) return { date: first, why: 'invalid' };
  if (asked < w.first) return { date: first, why: 'past' };
  if (asked > w.last) return { date: last, why: 'far' };
  if (!bookable.includes(asked)) return { date: bookable.find((d) => d > asked) ?? last, why: 'weekday' };
  return { date: asked };
}

