/**
 * "Repeat a booking" in the Book tab (issue 17 §2): pick weekdays, every week or every other week, an end date, and
 * either the desk in view or a desk suggested each day (optionally in a zone, with features). Preview asks the server
 * what would be booked and refused, and why; nothing is booked before Confirm, which makes the series with the same
 * request id however often it is pressed.
 */
import { Button, Checkbox, Field, Input, Radio, RadioGroup, Select, Spinner } from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState } from 'react';
import { formatDate, formatIsoWeekday, t } from '../i18n/messages';
import { ApiError, newRequestId, type ApiClient } from './api-client';
import type { SiteDto } from './api-types';
import { attributeLabel, sortAttributes } from './attributes';
import { addDays, isoWeekday } from './civil-dates';
import { useConnectivity } from './connectivity';
import { useLocale } from './locale';
import type { Notice } from './outcome-region';
import type { SeriesDto, SeriesPreviewDto } from './series-types';

export interface SeriesEditorProps {
  readonly api: ApiClient;
  readonly site: SiteDto;
  /** The day in view: the series starts there unless changed. */
  readonly date: string;
  /** The desk open in the panel, offered as "this desk every day". */
  readonly desk?: { readonly id: string; readonly label: string };
  /** The outcome of Confirm, for the page's one outcome region. */
  readonly onDone: (notice: Notice) => void;
}

interface Choices {
  readonly zones: readonly { readonly id: string; readonly name: string }[];
  readonly attributes: readonly string[];
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Four weeks by default: long enough to mean "repeat", short enough to see whole in the preview. */
const DEFAULT_DAYS = 27;

export function SeriesEditor({ api, site, date, desk, onDone }: SeriesEditorProps) {
  const locale = useLocale();
  const { offline } = useConnectivity();
  const [open, setOpen] = useState(false);
  const [weekdays, setWeekdays] = useState<readonly number[]>(() => [isoWeekday(date)]);
  const [everyOther, setEveryOther] = useState(false);
  const [from, setFrom] = useState(date);
  const [until, setUntil] = useState(() => addDays(date, DEFAULT_DAYS));
  const [mode, setMode] = useState<'desk' | 'suggest'>(desk ? 'desk' : 'suggest');
  const [zoneId, setZoneId] = useState('');
  const [features, setFeatures] = useState<readonly string[]>([]);
  const [choices, setChoices] = useState<Choices | undefined>(undefined);
  const [preview, setPreview] = useState<{ readonly body: Record<string, unknown>; readonly days: SeriesPreviewDto['days']; readonly requestId: string } | undefined>(undefined);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const formId = useId();

  useEffect(() => {
    if (!desk) setMode('suggest');
  }, [desk]);

  // The zones and features to choose from: every floor of the site, read once when the editor opens.
  useEffect(() => {
    if (!open || choices) return;
    let current = true;
    void Promise.all(site.floors.map((f) => api.floor(f.id, date))).then(
      (views) => {
        if (!current) return;
        setChoices({
          zones: views.flatMap((v) => v.zones.map((z) => ({ id: z.id, name: views.length > 1 ? `${z.name} (${v.floor.name})` : z.name }))),
          attributes: sortAttributes(views.flatMap((v) => v.desks.flatMap((d) => d.attributes))),
        });
      },
      () => current && setChoices({ zones: [], attributes: [] }),
    );
    return () => {
      current = false;
    };
  }, [open, choices, api, site, date]);

  const body = useMemo(
    () => ({
      siteId: site.id,
      weekdays: [...weekdays].sort(),
      every: everyOther ? 2 : 1,
      from,
      until,
      ...(mode === 'desk' && desk ? { deskId: desk.id } : { ...(zoneId && { zoneId }), ...(features.length > 0 && { attributes: features }) }),
    }),
    [site.id, weekdays, everyOther, from, until, mode, desk, zoneId, features],
  );

  // A change of any choice makes the preview stale: it is asked again before anything is booked.
  useEffect(() => setPreview(undefined), [body]);

  const failure = (error: unknown): string =>
    error instanceof ApiError && error.body ? error.body.message : error instanceof Error ? error.message : String(error);

  const askPreview = async (): Promise<void> => {
    if (weekdays.length === 0) return setProblem(t(locale, 'tab.series.pickWeekday'));
    setWorking(true);
    setProblem(undefined);
    try {
      const answer = await api.call<SeriesPreviewDto>('POST', '/api/series/preview', body);
      setPreview({ body, days: answer.days, requestId: newRequestId() });
    } catch (error) {
      setProblem(failure(error));
    } finally {
      setWorking(false);
    }
  };

  const confirm = async (): Promise<void> => {
    if (!preview) return;
    setWorking(true);
    setProblem(undefined);
    try {
      const made = await api.call<SeriesDto>('POST', '/api/series', { ...preview.body, requestId: preview.requestId });
      onDone({
        kind: 'success',
        title: t(locale, 'tab.series.doneTitle'),
        text: t(locale, 'tab.series.done', { booked: made.booked.length, refused: made.refused.length, pending: made.pending.length }),
      });
      setPreview(undefined);
      setOpen(false);
    } catch (error) {
      setProblem(failure(error));
    } finally {
      setWorking(false);
    }
  };

  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

  if (!open) {
    return (
      <div className="series-editor">
        <Button data-testid="series-open" aria-expanded={false} onClick={() => setOpen(true)}>
          {t(locale, 'tab.series.open')}
        </Button>
      </div>
    );
  }

  const counts = preview && {
    book: preview.days.filter((d) => d.state === 'book').length,
    refused: preview.days.filter((d) => d.state === 'refused').length,
    pending: preview.days.filter((d) => d.state === 'pending').length,
  };

  return (
    <section className="series-editor" aria-labelledby={`${formId}-title`} data-testid="series-editor">
      <h2 id={`${formId}-title`} className="series-title">
        {t(locale, 'tab.series.title')}
      </h2>
      <fieldset className="series-weekdays">
        <legend>{t(locale, 'tab.series.weekdays')}</legend>
        {WEEKDAYS.map((d) => (
          <Checkbox key={d} label={formatIsoWeekday(d, locale)} checked={weekdays.includes(d)} onChange={(_e, v) => setWeekdays((w) => toggle(w, d, v.checked === true))} />
        ))}
      </fieldset>
      <Checkbox label={t(locale, 'tab.series.everyOther')} checked={everyOther} onChange={(_e, v) => setEveryOther(v.checked === true)} />
      <div className="series-dates">
        <Field label={t(locale, 'tab.series.from')}>
          <Input type="date" value={from} onChange={(_e, v) => v.value && setFrom(v.value)} />
        </Field>
        <Field label={t(locale, 'tab.series.until')}>
          <Input type="date" value={until} min={from} onChange={(_e, v) => v.value && setUntil(v.value)} />
        </Field>
      </div>
      {desk && (
        <Field label={t(locale, 'tab.series.which')}>
          <RadioGroup value={mode} onChange={(_e, v) => setMode(v.value === 'desk' ? 'desk' : 'suggest')}>
            <Radio value="desk" label={t(locale, 'tab.series.sameDesk', { desk: desk.label })} />
            <Radio value="suggest" label={t(locale, 'tab.series.suggested')} />
          </RadioGroup>
        </Field>
      )}
      {mode === 'suggest' && (
        <div className="series-wish">
          <Field label={t(locale, 'tab.series.zone')}>
            <Select value={zoneId} onChange={(_e, v) => setZoneId(v.value)}>
              <option value="">{t(locale, 'tab.series.anyZone')}</option>
              {(choices?.zones ?? []).map((z) => (
                <option key={z.id} value={z.id}>
                  {z.name}
                </option>
              ))}
            </Select>
          </Field>
          {choices && choices.attributes.length > 0 && (
            <fieldset className="series-features">
              <legend>{t(locale, 'tab.series.features')}</legend>
              {choices.attributes.map((a) => (
                <Checkbox key={a} label={attributeLabel(a, locale)} checked={features.includes(a)} onChange={(_e, v) => setFeatures((f) => toggle(f, a, v.checked === true))} />
              ))}
            </fieldset>
          )}
        </div>
      )}
      <div className="row-actions">
        <Button appearance={preview ? 'secondary' : 'primary'} data-testid="series-preview" disabled={working || offline} onClick={() => void askPreview()}>
          {t(locale, 'tab.series.preview')}
        </Button>
        <Button appearance="subtle" onClick={() => setOpen(false)}>
          {t(locale, 'tab.series.close')}
        </Button>
      </div>
      {working && <Spinner size="tiny" label={t(locale, 'tab.loading')} />}
      <div role="alert" className="series-problem">
        {problem}
      </div>
      {preview && counts && (
        <div data-testid="series-preview-result">
          <table className="series-preview">
            <caption className="list-caption">{t(locale, 'tab.series.previewCaption', { book: counts.book, refused: counts.refused, pending: counts.pending })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'tab.mine.date')}</th>
                <th scope="col">{t(locale, 'tab.series.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.days.map((d) => (
                <tr key={d.date} data-state={d.state} data-date={d.date}>
                  <td>{formatDate(d.date, locale)}</td>
                  <td>
                    {d.state === 'book'
                      ? t(locale, 'tab.series.willBook', { desk: d.deskLabel ?? d.deskId ?? '' })
                      : d.state === 'pending'
                        ? t(locale, 'tab.series.later')
                        : t(locale, 'tab.series.refused', { reason: d.message ?? d.code ?? '' })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row-actions">
            <Button appearance="primary" data-testid="series-confirm" disabled={working || offline || counts.book + counts.pending === 0} onClick={() => void confirm()}>
              {t(locale, 'tab.series.confirm')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
