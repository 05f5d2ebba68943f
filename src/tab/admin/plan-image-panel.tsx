/**
 * A floor's plan image in the Admin tab: upload a PNG, JPEG or SVG (the server checks and cleans it), then calibrate
 * its scale by marking two points on it and typing the distance between them in metres. The floor then takes the
 * image's size in metres, and the image is drawn under its zones and desks once the floor is published.
 * Points are marked by a click, or typed as pixel coordinates for keyboard users.
 */
import { Button, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useId, useState, type MouseEvent } from 'react';
import { t } from '../../i18n/messages';
import type { ApiClient } from '../api-client';
import { useLocale } from '../locale';
import { usePlanImage } from '../use-plan-image';
import { round2, type FloorDoc } from './site-document';

interface Uploaded {
  readonly url: string;
  readonly version: string;
}

type Pt = [number, number];

export function PlanImagePanel({ api, floor, onApply }: { api: ApiClient; floor: FloorDoc; onApply: (patch: { planImageUrl: string; width: number; height: number }) => void }) {
  const locale = useLocale();
  const inputId = useId();
  const [uploaded, setUploaded] = useState<Uploaded | undefined>();
  const [size, setSize] = useState<{ w: number; h: number } | undefined>();
  const [points, setPoints] = useState<Pt[]>([]);
  const [distance, setDistance] = useState('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  // Fetched with the caller's identity: an <img> cannot send a Teams token.
  const src = usePlanImage(api, uploaded?.url);

  const upload = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setMessage(undefined);
    setPoints([]);
    setSize(undefined);
    try {
      const r = await api.upload<Uploaded>(`/api/admin/floors/${encodeURIComponent(floor.id)}/plan-image`, file, file.type || 'application/octet-stream');
      setUploaded(r);
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const mark = (e: MouseEvent<HTMLImageElement>): void => {
    if (!size) return;
    const box = e.currentTarget.getBoundingClientRect();
    const p: Pt = [Math.round(((e.clientX - box.left) / box.width) * size.w), Math.round(((e.clientY - box.top) / box.height) * size.h)];
    setPoints((ps) => (ps.length >= 2 ? [p] : [...ps, p]));
  };

  const setCoordinate = (i: number, axis: 0 | 1, value: string): void => {
    const n = Number(value);
    if (!Number.isFinite(n)) return;
    setPoints((ps) => {
      const next: Pt[] = [ps[0] ?? [0, 0], ps[1] ?? [0, 0]];
      next[i] = axis === 0 ? [n, next[i]![1]] : [next[i]![0], n];
      return next;
    });
  };

  const metres = Number(distance.replace(',', '.'));
  const ready = uploaded && size && points.length === 2 && metres > 0 && Number.isFinite(metres);
  const calibrate = async (): Promise<void> => {
    if (!ready) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const r = await api.upload<{ metresPerUnit: number }>(
        `/api/admin/floors/${encodeURIComponent(floor.id)}/plan-image/calibration`,
        new Blob([JSON.stringify({ version: uploaded.version, a: points[0], b: points[1], distanceM: metres })]),
        'application/json',
      );
      const width = round2(size.w * r.metresPerUnit);
      const height = round2(size.h * r.metresPerUnit);
      onApply({ planImageUrl: uploaded.url, width, height });
      setMessage({ intent: 'success', text: t(locale, 'tab.admin.plan.calibrated', { width: String(width), height: String(height) }) });
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="admin-plan-image" data-testid="admin-plan-image">
      <legend>{t(locale, 'tab.admin.plan.legend')}</legend>
      <label htmlFor={inputId}>{t(locale, 'tab.admin.plan.file')}</label>
      <input id={inputId} type="file" accept="image/png,image/jpeg,image/svg+xml" disabled={busy} onChange={(e) => void upload(e.currentTarget.files?.[0])} />
      {src && (
        <>
          <p className="admin-help">{t(locale, 'tab.admin.plan.markHelp')}</p>
          <div className="admin-plan-image-box">
            <img
              src={src}
              alt={t(locale, 'tab.admin.plan.alt', { floor: floor.name })}
              onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
              onClick={mark}
            />
            {size &&
              points.map((p, i) => (
                <span key={i} className="admin-plan-mark" style={{ left: `${(p[0] / size.w) * 100}%`, top: `${(p[1] / size.h) * 100}%` }} aria-hidden="true">
                  {i + 1}
                </span>
              ))}
          </div>
          <div className="admin-xy">
            {[0, 1].map((i) =>
              ([0, 1] as const).map((axis) => (
                <Field key={`${i}${axis}`} label={t(locale, axis === 0 ? 'tab.admin.plan.pointX' : 'tab.admin.plan.pointY', { n: i + 1 })}>
                  <Input type="number" min={0} value={points[i] ? String(points[i]![axis]) : ''} onChange={(_e, d) => setCoordinate(i, axis, d.value)} />
                </Field>
              )),
            )}
            <Field label={t(locale, 'tab.admin.plan.distance')}>
              <Input type="number" min={0} step={0.1} value={distance} onChange={(_e, d) => setDistance(d.value)} />
            </Field>
            <Button appearance="primary" disabled={!ready || busy} onClick={() => void calibrate()}>
              {t(locale, 'tab.admin.plan.calibrate')}
            </Button>
          </div>
        </>
      )}
      <div role="status" aria-live="polite">
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </fieldset>
  );
}
