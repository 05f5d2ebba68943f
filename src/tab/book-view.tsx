/**
 * The "Book" tab: pick a day in the booking window and a floor, filter by features, and open a desk on the map or
 * in the list. Nothing is booked, cancelled or moved until the desk panel's button is pressed; a cancel offers Undo.
 * The day picker says per day how many desks are free for the person; the line above the map says which desk
 * they hold that day, or which days still have room when this one is full.
 */
import { MessageBar, MessageBarBody, Button, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatDate, t } from '../i18n/messages';
import type { ApiClient } from './api-client';
import type { AlternativeDto, DeskDto, SiteDto } from './api-types';
import { sortAttributes } from './attributes';
import { BookForPicker, useBookFor } from './book-for-picker';
import { personName } from './delegation-api';
import { useConnectivity } from './connectivity';
import { DayPicker } from './day-picker';
import { DayStatus } from './day-status';
import { DeskList } from './desk-list';
import { DeskPanel } from './desk-panel';
import { FloorMap } from './floor-map';
import { FloorPicker } from './floor-picker';
import { useLocale } from './locale';
import { MapOptions, type Layout } from './map-options';
import { MyDesks } from './my-desks';
import { OutcomeRegion, type Notice } from './outcome-region';
import { SeriesEditor } from './series-editor';
import { useDaySummaries, useMyDay } from './use-day-facts';
import { useDeskActions } from './use-desk-actions';
import { useLiveFloor } from './use-live-floor';
import { NARROW, useMedia } from './use-media';
import { usePlanImage } from './use-plan-image';
import { useShownDay } from './use-shown-day';
import { WaitlistChooser, type WaitlistWish } from './waitlist-chooser';

export type { Layout } from './map-options';
export type { Notice } from './outcome-region';
export { snapDate } from './book-window';

export interface BookViewProps {
  readonly api: ApiClient;
  readonly sites: readonly SiteDto[];
  /** `date` is the raw ?date= of the link: a bad one is snapped to the nearest bookable day, and the tab says so. */
  readonly initial: { readonly date?: string; readonly floorId?: string; readonly deskId?: string; readonly layout?: Layout };
}

export function BookView({ api, sites, initial }: BookViewProps) {
  const bookForChoice = useBookFor(api);
  const locale = useLocale();
  const { offline, epoch } = useConnectivity();
  const narrow = useMedia(NARROW);
  const floors = useMemo(() => sites.flatMap((s) => s.floors.map((f) => ({ ...f, site: s }))), [sites]);
  const [floorId, setFloorId] = useState<string | undefined>(() =>
    initial.floorId && floors.some((f) => f.id === initial.floorId) ? initial.floorId : floors[0]?.id,
  );
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [layout, setLayout] = useState<Layout>(initial.layout ?? 'map');
  const [filters, setFilters] = useState<readonly string[]>([]);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [focusRequest, setFocusRequest] = useState<{ readonly deskId: string } | undefined>(initial.deskId ? { deskId: initial.deskId } : undefined);
  // Undefined until the first answer (today's floor) gives the window to resolve the asked-for day against.
  const [date, setDate] = useState<string | undefined>(undefined);
  const live = useLiveFloor(api, floorId, date, { ...(bookForChoice.forPersonId && { forPersonId: bookForChoice.forPersonId }) });
  const view = live.data;
  const shown = useShownDay(view, { date, setDate, asked: initial.date }, locale, setNotice);
  const planSrc = usePlanImage(api, view?.floor.planImageUrl);
  // A colleague who withdraws the delegation while their day is shown: the server refuses it, and the tab says so and
  // shows the caller's own day again.
  const refusedFor = live.error?.code === 'NOT_ALLOWED' ? bookForChoice.people.find((p) => p.id === bookForChoice.forPersonId) : undefined;
  useEffect(() => {
    if (!refusedFor) return;
    setNotice({ kind: 'info', text: t(locale, 'floorFor.withdrawn', { name: personName(refusedFor) }) });
    bookForChoice.withdrawn();
    // Once per refusal: the choice it ends is what the refusal was about.
  }, [refusedFor]);
  const site = floors.find((f) => f.id === floorId)?.site;

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

  const summaries = useDaySummaries(api, floorId, view, epoch);
  const ownDay = useMyDay(api, date, view, locale);
  // Under "Book for" the map is the colleague's day: the caller's own booking, counts and waitlist are not about it.
  const forSomeone = view?.forPerson !== undefined;
  const myDay = forSomeone ? undefined : ownDay;

  const matches = useCallback((desk: DeskDto) => filters.every((f) => desk.attributes.includes(f)), [filters]);
  const attributes = useMemo(() => sortAttributes(view?.desks.flatMap((d) => d.attributes) ?? []), [view]);

  const joinWaitlist = async (day: string, wish: WaitlistWish): Promise<void> => {
    if (offline) return;
    try {
      const place = await api.joinWaitlist(day, site?.id, wish);
      setNotice({ kind: 'success', title: t(locale, 'waitlist.joined.title'), text: t(locale, 'waitlist.joined.text', { date: formatDate(day, locale), position: place.position }) });
    } catch (error) {
      setNotice(actions.failed(error, t(locale, 'tab.failed')));
    }
  };

  // "Notify me if a place frees up" first asks what to wait for: any desk, the zone of the desk looked at, features.
  const offerWaitlist = (day: string, deskId?: string): void => {
    const zoneId = deskId ? view?.desks.find((d) => d.id === deskId)?.zoneId : undefined;
    const zone = zoneId ? view?.zones.find((z) => z.id === zoneId) : undefined;
    setNotice({
      kind: 'info',
      text: '',
      body: (
        <WaitlistChooser
          siteName={site?.name ?? ''}
          {...(zone && { zone: { id: zone.id, name: zone.name } })}
          attributes={attributes}
          disabled={offline}
          onJoin={(wish) => void joinWaitlist(day, wish)}
          onCancel={() => setNotice(undefined)}
        />
      ),
    });
  };

  const actions = useDeskActions({
    api,
    bookFor: bookForChoice,
    locale,
    offline,
    view,
    floorId,
    date,
    setFloorId,
    setDate,
    setNotice,
    focusDesk: (deskId) => setFocusRequest({ deskId }),
    refresh: live.refresh,
    ...(!forSomeone && { offerWaitlist }),
  });

  const open = (desk: DeskDto): void => setSelectedId(desk.id);
  const closePanel = (): void => {
    const id = selectedId;
    setSelectedId(undefined);
    // Back to the desk the panel was about, as a dialog returns the focus to what opened it.
    if (id && layout === 'map') setFocusRequest({ deskId: id });
  };

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

  const shownDesks = view?.desks.filter(matches) ?? [];
  const free = shownDesks.filter((d) => d.state === 'free').length;
  const selected = selectedId ? view?.desks.find((d) => d.id === selectedId) : undefined;
  const labelOf = new Map(view?.desks.map((d) => [d.id, d.label]) ?? []);

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
        <DayPicker date={date} window={shown.window} days={shown.days} today={shown.today} summaries={forSomeone ? undefined : summaries} labelOf={labelOf} onPick={pickDate} />
        <FloorPicker
          sites={sites}
          floorId={floorId}
          onChange={(id) => {
            setNotice(undefined);
            setSelectedId(undefined);
            setFloorId(id);
          }}
        />
        <MapOptions attributes={attributes} filters={filters} onFilters={setFilters} layout={layout} onLayout={setLayout} narrow={narrow} />
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
          <DayStatus date={date} view={view} myDay={myDay} summaries={summaries} onPick={pickDate} />
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
              busy={actions.busy}
              onActivate={open}
              onEscape={() => selectedId && closePanel()}
              selectedId={selectedId}
              planSrc={planSrc}
              {...(focusRequest && { focusRequest })}
            />
          ) : (
            <DeskList view={view} matches={matches} busy={actions.busy} onActivate={open} />
          )}
        </>
      )}

      {view && date && site && !forSomeone && (
        // Issue 17 §2: repeat a booking over weeks, previewed before anything is booked. A series is the caller's
        // own, so it is not offered while the map shows a colleague's day.
        <SeriesEditor api={api} site={site} date={date} {...(selected && { desk: { id: selected.id, label: selected.label } })} onDone={setNotice} />
      )}

      {view && selected && (
        <DeskPanel
          desk={selected}
          view={view}
          mine={myDay}
          busy={actions.busy.has(selected.id)}
          onBook={(d) => void actions.book(d.id, view.date, d.label, undefined)}
          onCancel={(d) => void actions.cancel(d)}
          onMove={(d, from) => void actions.move(d, from)}
          // A desk picked inside the panel (a nearest free desk) replaces the panel's content; the focus stays there.
          onSelect={setSelectedId}
          onClose={closePanel}
          {...(!forSomeone && { onJoinWaitlist: () => offerWaitlist(view.date, selected.id) })}
          onRelease={(d) => void actions.release(d)}
        />
      )}

      <OutcomeRegion
        notice={notice}
        onDismiss={() => setNotice(undefined)}
        onAlternative={(a: AlternativeDto) => void actions.book(a.deskId, a.date, a.deskLabel, a.floorId, false, true)}
        onUndoExpired={undoExpired}
        locale={locale}
      />
    </div>
  );
}
