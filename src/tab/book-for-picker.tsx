/**
 * "Book for" in the Book tab: shown only to someone a colleague named as their delegate. Choosing a colleague shows
 * the map as their day (their booking, their groups' zones, their one-desk and quota refusals) and makes the Book
 * button book for them; the server checks the delegation on both.
 */
import { Field, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatDate, t } from '../i18n/messages';
import type { ApiClient } from './api-client';
import type { BookingDto } from './api-types';
import { bookFor, delegations, personName, type PersonDto } from './delegation-api';
import { useLocale } from './locale';

export interface BookForChoice {
  readonly people: readonly PersonDto[];
  readonly forPersonId: string | undefined;
  readonly choose: (id: string | undefined) => void;
  /** Books as chosen: for the caller, or for the chosen colleague. */
  readonly book: (deskId: string, date: string) => Promise<BookingDto>;
  /** The sentence after a booking for a colleague; undefined when the caller booked for themselves. */
  readonly bookedText: (deskLabel: string, date: string) => string | undefined;
  /** The server refused the chosen colleague (they withdrew the delegation): back to oneself, the list read again. */
  readonly withdrawn: () => void;
}

export function useBookFor(api: ApiClient): BookForChoice {
  const locale = useLocale();
  const [people, setPeople] = useState<readonly PersonDto[]>([]);
  const [forPersonId, choose] = useState<string | undefined>(undefined);
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let live = true;
    // Without the list (an older server, a failure) the tab books for the caller, as before.
    delegations(api).then(
      (d) => live && setPeople(d.canBookFor),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, reads]);
  const chosen = people.find((p) => p.id === forPersonId);
  return {
    people,
    forPersonId: chosen?.id,
    choose,
    book: (deskId, date) => bookFor(api, deskId, date, chosen?.id),
    bookedText: (desk, date) => (chosen ? t(locale, 'delegation.bookFor.booked', { desk, name: personName(chosen), date: formatDate(date, locale) }) : undefined),
    withdrawn: () => {
      choose(undefined);
      setReads((n) => n + 1);
    },
  };
}

export function BookForPicker({ choice }: { choice: BookForChoice }) {
  const locale = useLocale();
  if (choice.people.length === 0) return null;
  return (
    <Field label={t(locale, 'delegation.bookFor.label')} className="control-book-for">
      <Select value={choice.forPersonId ?? ''} onChange={(_e, d) => choice.choose(d.value || undefined)} data-testid="book-for">
        <option value="">{t(locale, 'delegation.bookFor.me')}</option>
        {choice.people.map((p) => (
          <option key={p.id} value={p.id}>
            {personName(p)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
