/**
 * The desk panel: what a desk is and what the person may do with it. A click, tap or Enter on a desk opens it; only
 * its buttons book, cancel or move. A side panel on a wide screen, a bottom sheet on a phone (tab.css); both float
 * over the page, so opening and closing it never moves the map.
 */
import { Button } from '@fluentui/react-components';
import { useEffect, useId, useMemo, useRef } from 'react';
import { deskStateLabel } from '../i18n/state-labels';
import { formatNumber, t } from '../i18n/messages';
import type { DeskDto, FloorViewDto } from './api-types';
import { attributeLabel } from './attributes';
import { useConnectivity } from './connectivity';
import { useLocale } from './locale';

/** The caller's booking on the shown day, wherever it is. */
export interface MyDay {
  readonly bookingId: string;
  readonly deskId: string;
  readonly deskLabel: string;
  readonly where: string;
}

export interface DeskPanelProps {
  readonly desk: DeskDto;
  readonly view: FloorViewDto;
  readonly mine: MyDay | undefined;
  readonly busy: boolean;
  readonly onBook: (desk: DeskDto) => void;
  readonly onCancel: (desk: DeskDto) => void;
  readonly onMove: (desk: DeskDto, from: MyDay) => void;
  readonly onSelect: (deskId: string) => void;
  readonly onClose: () => void;
  /** "Notify me if a place frees up", offered when no desk of the floor is free for the person that day. */
  readonly onJoinWaitlist?: () => void;
  /** Gives a checked-in desk back (the person leaves early); a checked-in booking is released, not cancelled. */
  readonly onRelease?: (desk: DeskDto) => void;
}

const NEAREST = 3;

/** A desk the waitlist holds for the person (its id is a hold's, not a booking's): theirs to book, not to cancel. */
function isHold(id: string): boolean {
  return id.startsWith('hold.');
}

export function DeskPanel({ desk, view, mine, busy, onBook, onCancel, onMove, onSelect, onClose, onJoinWaitlist, onRelease }: DeskPanelProps) {
  const locale = useLocale();
  const { offline } = useConnectivity();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const zone = view.zones.find((z) => z.id === desk.zoneId);
  const nearest = useMemo(
    () =>
      view.desks
        .filter((d) => d.state === 'free' && d.id !== desk.id)
        .map((d) => ({ d, m: Math.hypot(d.x - desk.x, d.y - desk.y) }))
        .sort((a, b) => a.m - b.m)
        .slice(0, NEAREST),
    [view.desks, desk],
  );

  // A new desk in the panel is read out from its heading; the panel's buttons follow in tab order.
  useEffect(() => heading.current?.focus(), [desk.id]);
  // After Book or Cancel the pressed button is replaced by the other one: a focus left on nothing moves to it.
  const actions = useRef<HTMLDivElement>(null);
  const lastState = useRef(desk.state);
  useEffect(() => {
    if (lastState.current === desk.state) return;
    lastState.current = desk.state;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) actions.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [desk.state]);

  const distance = formatNumber(view.policy.minDistanceM, locale);
  const stateText = desk.stateText ?? deskStateLabel(desk.state, locale);
  const disabled = offline || busy;
  const elsewhere = mine && mine.deskId !== desk.id ? mine : undefined;

  return (
    <section
      className="desk-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="desk-panel"
      data-desk-id={desk.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id={titleId} ref={heading} tabIndex={-1} className="panel-title">
          {t(locale, 'tab.panel.title', { desk: desk.label })}
        </h2>
        <Button appearance="subtle" size="small" onClick={onClose}>
          {t(locale, 'tab.panel.close')}
        </Button>
      </div>
      <dl className="panel-facts">
        <dt>{t(locale, 'tab.panel.place')}</dt>
        <dd>{t(locale, 'tab.panel.where', { zone: zone?.name ?? desk.zoneId, floor: view.floor.name })}</dd>
        <dt>{t(locale, 'tab.panel.state')}</dt>
        <dd data-testid="panel-state">
          {stateText}
          {desk.reason && desk.reason !== stateText && desk.state !== 'too-close' && <>: {desk.reason}</>}
        </dd>
        <dt>{t(locale, 'tab.panel.equipment')}</dt>
        <dd>{desk.attributes.length > 0 ? desk.attributes.map((a) => attributeLabel(a, locale)).join(', ') : t(locale, 'tab.panel.noEquipment')}</dd>
        <dt>{t(locale, 'tab.panel.distance')}</dt>
        <dd>{desk.state === 'too-close' ? desk.reason : t(locale, 'tab.panel.distanceOk', { distance })}</dd>
      </dl>

      {desk.state !== 'free' && desk.state !== 'mine' && (
        <div className="panel-nearest">
          <h3>{t(locale, 'tab.panel.nearest')}</h3>
          {nearest.length === 0 ? (
            <>
              <p>{t(locale, 'tab.panel.noneFree')}</p>
              {!mine && onJoinWaitlist && (
                <Button size="small" appearance="primary" disabled={disabled} onClick={onJoinWaitlist} data-testid="panel-waitlist">
                  {t(locale, 'waitlist.action.join')}
                </Button>
              )}
            </>
          ) : (
            <ul>
              {nearest.map(({ d, m }) => (
                <li key={d.id}>
                  <Button size="small" onClick={() => onSelect(d.id)}>
                    {t(locale, 'tab.panel.nearestItem', { desk: d.label, distance: formatNumber(Math.round(m * 10) / 10, locale) })}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="panel-actions" ref={actions}>
        {desk.state === 'free' && !elsewhere && (
          <Button appearance="primary" disabled={disabled} onClick={() => onBook(desk)} data-testid="panel-book">
            {t(locale, 'tab.panel.book', { desk: desk.label })}
          </Button>
        )}
        {desk.state === 'free' && elsewhere && (
          <>
            <p>{t(locale, 'tab.panel.mineElsewhere', { desk: elsewhere.deskLabel })}</p>
            <Button appearance="primary" disabled={disabled} onClick={() => onMove(desk, elsewhere)} data-testid="panel-move">
              {t(locale, 'tab.panel.moveHere')}
            </Button>
          </>
        )}
        {desk.state === 'mine' && desk.bookingId && isHold(desk.bookingId) && (
          <Button appearance="primary" disabled={disabled} onClick={() => onBook(desk)} data-testid="panel-book-held">
            {t(locale, 'waitlist.action.book')}
          </Button>
        )}
        {desk.state === 'mine' && desk.bookingId && desk.checkedIn && onRelease && (
          <Button disabled={disabled} onClick={() => onRelease(desk)} data-testid="panel-release">
            {t(locale, 'reminder.action.release')}
          </Button>
        )}
        {desk.state === 'mine' && desk.bookingId && !isHold(desk.bookingId) && !desk.checkedIn && (
          <Button disabled={disabled} onClick={() => onCancel(desk)} data-testid="panel-cancel">
            {t(locale, 'tab.panel.cancel')}
          </Button>
        )}
        {offline && <p className="panel-paused">{t(locale, 'tab.panel.paused')}</p>}
      </div>
    </section>
  );
}
