/**
 * What the Book tab's buttons do: book (for the person or the colleague chosen in "Book for"), cancel with Undo,
 * release, move, and join the waitlist. Each desk is busy while its request runs, so a double click books once; every
 * outcome becomes the one notice of the page.
 */
import { useState } from 'react';
import { formatDate, t, type Locale } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import type { DeskDto, FloorViewDto } from './api-types';
import type { BookForChoice } from './book-for-picker';
import type { MyDay } from './desk-panel';
import type { Notice } from './outcome-region';

/** Refusals that mean "no place for you that day", which the waitlist answers. */
const WAITLIST_CODES: readonly string[] = ['DESK_TAKEN', 'ZONE_FULL', 'TOO_CLOSE'];

export interface DeskActionsDeps {
  readonly api: ApiClient;
  readonly bookFor: BookForChoice;
  readonly locale: Locale;
  readonly offline: boolean;
  readonly view: FloorViewDto | undefined;
  readonly floorId: string | undefined;
  readonly date: string | undefined;
  readonly setFloorId: (id: string) => void;
  readonly setDate: (day: string) => void;
  readonly setNotice: (n: Notice) => void;
  readonly focusDesk: (deskId: string) => void;
  /** Reads the shown floor again; resolves when it is shown. */
  readonly refresh: () => Promise<void>;
  /** "Notify me if a place frees up" for a day, after a refusal about a desk: the person then says what to wait for. Absent, not offered. */
  readonly offerWaitlist?: (day: string, deskId?: string) => void;
}

export interface DeskActions {
  readonly busy: ReadonlySet<string>;
  /** `elsewhere`: an alternative of a refusal, perhaps on another day or floor, is brought into view and focused. */
  readonly book: (deskId: string, day: string, label: string, onFloor: string | undefined, again?: boolean, elsewhere?: boolean) => Promise<void>;
  readonly cancel: (desk: DeskDto) => Promise<void>;
  readonly release: (desk: DeskDto) => Promise<void>;
  readonly move: (desk: DeskDto, from: MyDay) => Promise<void>;
  /** A failure as the page's notice: a refusal with its alternatives (and the waitlist when the day is full), or an error. */
  readonly failed: (error: unknown, title: string, day?: string, deskId?: string) => Notice;
}

export function useDeskActions(deps: DeskActionsDeps): DeskActions {
  const { api, bookFor, locale, offline, view, floorId, date, setNotice, refresh } = deps;
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

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

  const failed = (error: unknown, title: string, day?: string, deskId?: string): Notice => {
    if (error instanceof ApiError && error.body && (error.status === 409 || error.status === 403 || error.status === 404)) {
      const alternatives = error.body.alternatives ?? [];
      // No desk left that day for this rule: offer to wait for one (issue 17, the waitlist).
      const offer = deps.offerWaitlist;
      const full = offer !== undefined && day !== undefined && WAITLIST_CODES.includes(error.body.code) && !alternatives.some((a) => a.kind === 'desk' && a.date === day);
      return { kind: 'refusal', title, text: error.body.message, alternatives, ...(full && { waitlist: { run: () => offer(day, deskId) } }) };
    }
    return { kind: 'error', title: t(locale, 'tab.failed'), text: error instanceof Error ? error.message : String(error) };
  };

  const book: DeskActions['book'] = async (deskId, day, label, onFloor, again = false, elsewhere = false) => {
    if (busy.has(deskId) || offline) return;
    await withBusy(deskId, async () => {
      try {
        await bookFor.book(deskId, day);
        setNotice({ kind: 'success', text: bookFor.bookedText(label, day) ?? t(locale, again ? 'tab.rebooked' : 'tab.booked', { desk: label, date: formatDate(day, locale) }) });
        if (onFloor && onFloor !== floorId) deps.setFloorId(onFloor);
        if (day !== date) deps.setDate(day);
        if ((onFloor ?? floorId) === floorId && day === date) await refresh();
        // An alternative may sit elsewhere on the map, on another day or floor: bring it into view. A booking made
        // from the panel leaves the focus there, on its new Cancel button.
        if (elsewhere) deps.focusDesk(deskId);
      } catch (error) {
        setNotice(failed(error, t(locale, 'tab.refused'), day, deskId));
        await refresh();
      }
    });
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
      await refresh();
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
      await refresh();
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
      await refresh();
    });
  };

  return { busy, book, cancel, release, move, failed };
}
