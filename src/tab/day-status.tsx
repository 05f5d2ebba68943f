import { Button } from '@fluentui/react-components';
import { formatDate, t } from '../i18n/messages';
import type { DaySummariesDto, FloorViewDto } from './api-types';
import { dayDiff } from './book-window';
import { dayTitle } from './day-label';
import type { MyDay } from './desk-panel';
import { useLocale } from './locale';

export interface DayStatusProps {
  readonly date: string;
  readonly view: FloorViewDto;
  readonly myDay: MyDay | undefined;
  readonly summaries: DaySummariesDto | undefined;
  readonly onPick: (day: string) => void;
}

/** How many days with room the line offers when the shown one is full: the nearest first. */
const ROOM_ON = 3;

/** The line above the map: the desk the person holds that day, or, when the day is full for them, days with room. */
export function DayStatus({ date, view, myDay, summaries, onPick }: DayStatusProps) {
  const locale = useLocale();
  if (view.forPerson) return <ForPersonStatus date={date} view={view} />;
  const freeForMe = view.desks.filter((d) => d.state === 'free').length;
  const roomOn =
    freeForMe === 0 && !myDay
      ? (summaries?.days ?? [])
          .filter((d) => d.bookable && d.free > 0 && d.date !== date)
          .sort((a, b) => Math.abs(dayDiff(a.date, date)) - Math.abs(dayDiff(b.date, date)) || a.date.localeCompare(b.date))
          .slice(0, ROOM_ON)
      : [];
  return (
    <div className="day-status" data-testid="day-status">
      {roomOn.length > 0 || (freeForMe === 0 && !myDay) ? (
        <>
          <span>{t(locale, roomOn.length > 0 ? 'tab.day.full' : 'tab.day.fullNoOther', { date: formatDate(date, locale) })}</span>{' '}
          {roomOn.map((d) => (
            <Button key={d.date} size="small" onClick={() => onPick(d.date)}>
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
  );
}

/**
 * Under "Book for", the colleague's day: whose it is, their desk that day or that they have none, and what would
 * refuse booking for them whatever the desk (one desk a day, their weekly quota).
 */
function ForPersonStatus({ date, view }: { date: string; view: FloorViewDto }) {
  const locale = useLocale();
  const person = view.forPerson!;
  const name = person.name ?? person.id;
  const theirs = view.desks.find((d) => d.state === 'mine');
  return (
    <div className="day-status" data-testid="day-status" data-for-person={person.id}>
      <span>{t(locale, 'floorFor.showing', { name })}</span>{' '}
      <span data-testid="for-person-day">
        {person.refusal
          ? person.refusal.message
          : theirs
            ? t(locale, 'floorFor.mine', { name, desk: theirs.label, date: formatDate(date, locale) })
            : t(locale, 'floorFor.none', { name, date: formatDate(date, locale) })}
      </span>
    </div>
  );
}
