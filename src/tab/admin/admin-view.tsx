/**
 * The Admin tab's editor section: a facility manager edits a site's floors (desks and zones) and publishes them, and
 * reads the audit log. The oversight shell shows it to holders of the `admin` app role only (it has read the roles
 * already); the API refuses everyone else anyway. Nothing reaches colleagues until Publish, which writes a new
 * catalog version atomically on the server; a publish over someone else's newer one is refused, not merged.
 */
import { Button, MessageBar, MessageBarBody, Select, Field, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { t } from '../../i18n/messages';
import { ApiError, type ApiClient } from '../api-client';
import type { SiteDto } from '../api-types';
import { useLocale } from '../locale';
import { SitePicker } from '../site-picker';
import { AuditPanel } from './audit-panel';
import { PlanImagePanel } from './plan-image-panel';
import { PolicyPanel } from './policy-panel';
import { SiteFilesPanel } from './site-files-panel';
import { setZoneGroups, ZoneGroupsPanel } from './zone-groups-panel';
import { usePlanImage } from '../use-plan-image';
import { FloorEditor, type FloorEdits } from './floor-editor';
import { HeadcountPlanPanel, type PlanOverlay } from './headcount-plan-panel';
import {
  addDesk,
  addPolygonZone,
  addRectangleZone,
  moveDesk,
  placeDeskAt,
  publishBody,
  removeDesk,
  removeZone,
  renameZone,
  setFloorPlanImage,
  updateDesk,
  withDesksFromCsv,
  type SiteDoc,
  type SiteExportDto,
} from './site-document';
import './admin.css';
import { QrSheetLink } from './qr-sheet';

/** Enough to step back through a long keyboard session; older steps are dropped. */
const MAX_UNDO = 200;

interface PublishProblemDto {
  readonly field: string;
  readonly problem: string;
  readonly line?: number;
}

type Outcome =
  | { readonly kind: 'published'; readonly revision: number; readonly cancelled: number; readonly changed: boolean }
  | { readonly kind: 'problems'; readonly message: string; readonly problems: readonly PublishProblemDto[] }
  | { readonly kind: 'stale'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

export function AdminView({ api, sites }: { api: ApiClient; sites: readonly SiteDto[] }) {
  const locale = useLocale();
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [loaded, setLoaded] = useState<{ doc: SiteDoc; revision: number } | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [doc, setDoc] = useState<SiteDoc | undefined>();
  const [undo, setUndo] = useState<readonly SiteDoc[]>([]);
  const [floorId, setFloorId] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [planOverlay, setPlanOverlay] = useState<PlanOverlay | undefined>();
  const planSrc = usePlanImage(api, doc?.floors.find((f) => f.id === floorId)?.planImageUrl);

  const load = useCallback(async () => {
    if (!siteId) return;
    setLoadError(undefined);
    try {
      const exported = await api.call<SiteExportDto>('GET', `/api/admin/sites/${encodeURIComponent(siteId)}/export`);
      const full = withDesksFromCsv(exported.site, exported.desksCsv);
      setLoaded({ doc: full, revision: exported.revision });
      setDoc(full);
      setUndo([]);
      setFloorId((f) => (full.floors.some((x) => x.id === f) ? f : full.floors[0]?.id));
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [api, siteId]);
  useEffect(() => {
    void load();
  }, [load]);

  const change = useCallback((next: (d: SiteDoc) => SiteDoc) => {
    setDoc((current) => {
      if (!current) return current;
      const updated = next(current);
      if (updated !== current) setUndo((u) => [...u.slice(-(MAX_UNDO - 1)), current]);
      return updated;
    });
    setOutcome(undefined);
  }, []);

  const edits: FloorEdits | undefined = useMemo(() => {
    if (!floorId) return undefined;
    return {
      move: (deskId, dx, dy) => change((d) => moveDesk(d, floorId, deskId, dx, dy)),
      place: (deskId, x, y) => change((d) => placeDeskAt(d, floorId, deskId, x, y)),
      add: (x, y) =>
        change((d) => {
          const added = addDesk(d, floorId, x, y);
          setSelected(added.deskId);
          return added.doc;
        }),
      update: (deskId, patch) => change((d) => updateDesk(d, floorId, deskId, patch)),
      remove: (deskId) => {
        change((d) => removeDesk(d, floorId, deskId));
        setSelected(undefined);
      },
      addZone: (a, b) => change((d) => addRectangleZone(d, floorId, a, b).doc),
      addPolygon: (points) => change((d) => addPolygonZone(d, floorId, points).doc),
      renameZone: (zoneId, name) => change((d) => renameZone(d, floorId, zoneId, name)),
      removeZone: (zoneId) => change((d) => removeZone(d, floorId, zoneId)),
    };
  }, [change, floorId]);

  const stepBack = (): void => {
    const previous = undo[undo.length - 1];
    if (!previous) return;
    setDoc(previous);
    setUndo(undo.slice(0, -1));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        stepBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const publish = async (): Promise<void> => {
    if (!doc || !loaded) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const r = await api.call<{ revision: number; cancelled: number; changed: boolean }>(
        'POST',
        `/api/admin/sites/${encodeURIComponent(siteId)}/publish`,
        publishBody(doc, loaded.revision),
      );
      setOutcome({ kind: 'published', revision: r.revision, cancelled: r.cancelled, changed: r.changed });
      setLoaded({ doc, revision: r.revision });
      setUndo([]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const problems = (error.body as { problems?: PublishProblemDto[] } | undefined)?.problems ?? [];
        setOutcome({ kind: 'problems', message: error.message, problems });
      } else if (error instanceof ApiError && error.status === 409) {
        setOutcome({ kind: 'stale', message: error.message });
      } else {
        setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const floor = doc?.floors.find((f) => f.id === floorId);
  const dirty = doc !== undefined && loaded !== undefined && doc !== loaded.doc;
  return (
    <div className="admin-view">
      <div className="admin-choosers">
        <QrSheetLink siteId={siteId} />
        <SitePicker sites={sites} value={siteId} onChange={setSiteId} label={t(locale, 'tab.admin.site')} disabled={dirty} />
        {doc && (
          <Field label={t(locale, 'tab.admin.floor')}>
            <Select
              value={floorId ?? ''}
              onChange={(_e, d) => {
                setFloorId(d.value);
                setSelected(undefined);
              }}
              data-testid="admin-floor-select"
            >
              {doc.floors.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {loadError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{loadError}</MessageBarBody>
          <Button size="small" onClick={() => void load()}>
            {t(locale, 'tab.retry')}
          </Button>
        </MessageBar>
      )}
      {!doc && !loadError && <Spinner label={t(locale, 'tab.loading')} />}
      {doc && (
        <div className="admin-actions">
          <Button onClick={stepBack} disabled={undo.length === 0}>
            {t(locale, 'tab.admin.undo')}
          </Button>
          <Button appearance="primary" onClick={() => void publish()} disabled={busy || !dirty} data-testid="admin-publish">
            {t(locale, 'tab.admin.publish')}
          </Button>
          <span className="admin-status" aria-live="polite">
            {dirty ? t(locale, 'tab.admin.unpublished') : t(locale, 'tab.admin.upToDate', { revision: loaded?.revision ?? 0 })}
          </span>
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="admin-outcome">
        {outcome?.kind === 'published' && (
          <MessageBar intent="success">
            <MessageBarBody>
              {outcome.changed
                ? t(locale, 'tab.admin.published', { revision: outcome.revision, cancelled: outcome.cancelled })
                : t(locale, 'tab.admin.unchanged')}
            </MessageBarBody>
          </MessageBar>
        )}
        {outcome?.kind === 'problems' && (
          <MessageBar intent="error">
            <MessageBarBody>
              {outcome.message}
              <ul>
                {outcome.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.field}</code>: {p.problem}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {(outcome?.kind === 'stale' || outcome?.kind === 'error') && (
          <MessageBar intent="error">
            <MessageBarBody>{outcome.message}</MessageBarBody>
            {outcome.kind === 'stale' && (
              <Button size="small" onClick={() => void load()}>
                {t(locale, 'tab.admin.reload')}
              </Button>
            )}
          </MessageBar>
        )}
      </div>
      {floor && edits && <FloorEditor floor={floor} selected={selected} onSelect={setSelected} edits={edits} planSrc={planSrc} overlay={planOverlay} />}
      {floor && <HeadcountPlanPanel key={`headcount-${floor.id}`} api={api} floor={floor} dirty={dirty} onOverlay={setPlanOverlay} onPublished={() => void load()} />}
      {floor && <ZoneGroupsPanel key={`groups-${floor.id}`} floor={floor} onChange={(zoneId, groups) => change((d) => setZoneGroups(d, floor.id, zoneId, groups))} />}
      {floor && <PlanImagePanel key={floor.id} api={api} floor={floor} onApply={(patch) => change((d) => setFloorPlanImage(d, floor.id, patch))} />}
      {doc && loaded && <PolicyPanel key={`${siteId}|${loaded.revision}`} api={api} doc={loaded.doc} today={todayIn(loaded.doc.site.timeZone)} />}
      {doc && loaded && <SiteFilesPanel api={api} siteId={siteId} revision={loaded.revision} dirty={dirty} onImported={() => void load()} />}
      <AuditPanel api={api} />
    </div>
  );
}

/** Today in the site's time zone, as the rules count days. */
function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}
