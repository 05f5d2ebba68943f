/**
 * The Admin tab's sections, by app role: a facility manager (`admin`) edits floors and rules, reads the audit log and
 * the occupancy report; a report reader (`reports`) sees the occupancy report only; a prevention adviser (`tracer`)
 * sees contact tracing only. Someone with several roles sees each of their sections. The API checks the same roles
 * on every call, so this is for the person's sake, not the rules'.
 */
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { t, type MessageKey, translate } from '../../i18n/messages';
import type { ApiClient } from '../api-client';
import type { SiteDto } from '../api-types';
import { useLocale } from '../locale';
import { AdminView } from './admin-view';
import './reports-page.css';

// The charts come with the report page: people who never open it do not download them.
const ReportsPage = lazy(() => import('./reports-page').then((m) => ({ default: m.ReportsPage })));
const TracingPage = lazy(() => import('./tracing-page').then((m) => ({ default: m.TracingPage })));

export type OversightSection = 'editor' | 'reports' | 'tracing';

const SECTION_ROLES: Readonly<Record<OversightSection, readonly string[]>> = {
  editor: ['admin'],
  reports: ['admin', 'reports'],
  tracing: ['tracer'],
};
const SECTION_TITLE: Readonly<Record<OversightSection, MessageKey>> = {
  editor: 'tab.oversight.editor',
  reports: 'tab.oversight.reports',
  tracing: 'tab.oversight.tracing',
};

/** The sections a person with these roles may open, in the order the tab lists them. */
export function sectionsFor(roles: readonly string[]): OversightSection[] {
  return (Object.keys(SECTION_ROLES) as OversightSection[]).filter((s) => SECTION_ROLES[s].some((r) => roles.includes(r)));
}

export function OversightShell({ api, sites }: { api: ApiClient; sites: readonly SiteDto[] }) {
  const locale = useLocale();
  const ids = useId();
  const [roles, setRoles] = useState<readonly string[] | undefined>();
  const [chosen, setChosen] = useState<OversightSection | undefined>();
  useEffect(() => {
    const abort = new AbortController();
    api.me(abort.signal).then(
      (me) => setRoles(me.roles),
      () => setRoles([]),
    );
    return () => abort.abort();
  }, [api]);

  if (!roles) return <Spinner label={t(locale, 'tab.loading')} />;
  const sections = sectionsFor(roles);
  if (sections.length === 0) {
    return (
      <MessageBar intent="info" data-testid="admin-not-allowed">
        <MessageBarBody>{t(locale, 'tab.oversight.notForYou')}</MessageBarBody>
      </MessageBar>
    );
  }
  const section = chosen && sections.includes(chosen) ? chosen : sections[0]!;
  const panel = (
    <Suspense fallback={<Spinner label={t(locale, 'tab.loading')} />}>
      {section === 'editor' && <AdminView api={api} sites={sites} />}
      {section === 'reports' && <ReportsPage api={api} sites={sites} />}
      {section === 'tracing' && <TracingPage api={api} sites={sites} />}
    </Suspense>
  );
  if (sections.length === 1) return <div data-testid={`oversight-${section}`}>{panel}</div>;
  return (
    <div className="oversight-shell">
      <SectionTabs sections={sections} selected={section} onSelect={setChosen} idPrefix={ids} />
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-${section}`} data-testid={`oversight-${section}`}>
        {panel}
      </div>
    </div>
  );
}

/**
 * The WAI-ARIA tabs pattern on Fluent buttons: one tab stop, arrow keys (and Home, End) move between sections and
 * open them. Fluent's TabList would do the same but brings its focus library (about 25 KB gzipped) into a tab whose
 * whole budget is 250 KB.
 */
function SectionTabs({ sections, selected, onSelect, idPrefix }: { sections: readonly OversightSection[]; selected: OversightSection; onSelect: (s: OversightSection) => void; idPrefix: string }) {
  const locale = useLocale();
  const refs = useRef(new Map<OversightSection, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent): void => {
    const at = sections.indexOf(selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: sections.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = sections[(next + sections.length) % sections.length]!;
    onSelect(target);
    refs.current.get(target)?.focus();
  };
  return (
    <div role="tablist" aria-label={t(locale, 'tab.oversight.sections')} className="oversight-tabs" onKeyDown={onKeyDown} data-testid="oversight-sections">
      {sections.map((s) => (
        <Button
          key={s}
          ref={(el: HTMLButtonElement | null) => {
            if (el) refs.current.set(s, el);
            else refs.current.delete(s);
          }}
          role="tab"
          id={`${idPrefix}-${s}`}
          aria-selected={s === selected}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={s === selected ? 0 : -1}
          appearance={s === selected ? 'primary' : 'subtle'}
          onClick={() => onSelect(s)}
        >
          {translate(locale, SECTION_TITLE[s])}
        </Button>
      ))}
    </div>
  );
}
