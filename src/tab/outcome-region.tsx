import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { t, type Locale } from '../i18n/messages';
import type { AlternativeDto } from './api-types';

export interface Notice {
  readonly kind: 'success' | 'info' | 'error' | 'refusal';
  readonly title?: string;
  readonly text: string;
  readonly alternatives?: readonly AlternativeDto[];
  /** A cancel offers to book the same desk again, for a few seconds. */
  readonly undo?: { readonly label: string; readonly run: () => void };
  /** A refusal on a day with no desk left offers the waitlist. */
  readonly waitlist?: { readonly run: () => void };
  /** A small form the outcome asks for (what the waitlist should wait for), under the text. */
  readonly body?: ReactNode;
}

/** How long Undo is offered after a cancel. */
export const UNDO_MS = 8000;

export interface OutcomeRegionProps {
  readonly notice: Notice | undefined;
  readonly onDismiss: () => void;
  readonly onAlternative?: (a: AlternativeDto) => void;
  /** Undo is withdrawn after UNDO_MS; the sentence stays. */
  readonly onUndoExpired: () => void;
  readonly locale: Locale;
}

/**
 * The one place where outcomes appear, in the map and the list alike: fixed to the bottom of the window, so that it
 * is in view wherever the person clicked and never pushes the map down. Successes are announced politely
 * (role=status), refusals and errors at once (role=alert); both regions are always in the page, so that screen
 * readers notice what is put into them.
 */
export function OutcomeRegion({ notice, onDismiss, onAlternative, onUndoExpired, locale }: OutcomeRegionProps) {
  const urgent = notice?.kind === 'error' || notice?.kind === 'refusal';
  useEffect(() => {
    if (!notice?.undo) return;
    const timer = setTimeout(onUndoExpired, UNDO_MS);
    return () => clearTimeout(timer);
  }, [notice, onUndoExpired]);
  const bar = notice && (
    <MessageBar intent={notice.kind === 'refusal' ? 'warning' : notice.kind} className="notice" data-testid="notice" data-kind={notice.kind}>
      <MessageBarBody>
        {notice.title && <MessageBarTitle>{notice.title}</MessageBarTitle>}
        {notice.text}
        {notice.body}
        {notice.alternatives && notice.alternatives.length > 0 && onAlternative && (
          <div className="alternatives">
            <span>{t(locale, 'tab.alternatives')}</span>
            {notice.alternatives.map((a) => (
              <Button key={`${a.deskId}|${a.date}`} size="small" appearance="primary" onClick={() => onAlternative(a)}>
                {a.text}
              </Button>
            ))}
          </div>
        )}
      </MessageBarBody>
      {notice.waitlist && (
        <Button size="small" appearance="primary" onClick={notice.waitlist.run} data-testid="notice-waitlist">
          {t(locale, 'waitlist.action.join')}
        </Button>
      )}
      {notice.undo && (
        <Button size="small" appearance="primary" aria-label={notice.undo.label} onClick={notice.undo.run} data-testid="undo">
          {t(locale, 'tab.undo')}
        </Button>
      )}
      <Button size="small" appearance="subtle" onClick={onDismiss}>
        {t(locale, 'tab.dismiss')}
      </Button>
    </MessageBar>
  );
  return (
    <div className="outcome">
      <div role="status" aria-live="polite" className="live-region">
        {!urgent && bar}
      </div>
      <div role="alert" className="live-region">
        {urgent && bar}
      </div>
    </div>
  );
}
