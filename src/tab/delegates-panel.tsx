/**
 * "Who can book for me", in My bookings (issue 17 §3): the person names colleagues who may book desks for them, and
 * removes them; below, the people who named them. Inside Teams a colleague is chosen with Teams' people picker (their
 * Entra object id is the id the server knows them by); outside Teams, in development, the id is typed.
 */
import { Button, Field, Input, Spinner } from '@fluentui/react-components';
import { people } from '@microsoft/teams-js';
import { useCallback, useEffect, useState } from 'react';
import { formatDate, t } from '../i18n/messages';
import type { ApiClient } from './api-client';
import { useConnectivity } from './connectivity';
import { delegations, grantDelegate, personName, revokeDelegate, type DelegationsDto } from './delegation-api';
import { useLocale } from './locale';
import './everyday.css';

function pickerAvailable(): boolean {
  try {
    return people.isSupported();
  } catch {
    // teams-js throws when it was never initialised: the tab runs outside Teams.
    return false;
  }
}

export function DelegatesPanel({ api }: { api: ApiClient }) {
  const locale = useLocale();
  const { offline } = useConnectivity();
  const [data, setData] = useState<DelegationsDto | undefined>(undefined);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ readonly kind: 'ok' | 'error'; readonly text: string } | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      setData(await delegations(api));
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      setStatus({ kind: 'ok', text: await work() });
      await load();
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const add = (personId: string, personName_: string): Promise<void> =>
    act(async () => {
      const granted = await grantDelegate(api, personId, personName_ || undefined);
      setId('');
      setName('');
      return t(locale, 'delegation.panel.added', { name: personName(granted) });
    });

  const pick = async (): Promise<void> => {
    const [chosen] = await people.selectPeople({ singleSelect: true, setSelected: [] });
    if (chosen) await add(chosen.objectId, chosen.displayName ?? '');
  };

  return (
    <section className="delegates-panel" aria-labelledby="delegates-title" data-testid="delegates-panel">
      <h2 id="delegates-title">{t(locale, 'delegation.panel.title')}</h2>
      <p>{t(locale, 'delegation.panel.intro')}</p>
      {!data ? (
        <Spinner size="tiny" label={t(locale, 'tab.loading')} />
      ) : data.delegates.length === 0 ? (
        <p>{t(locale, 'delegation.panel.none')}</p>
      ) : (
        <ul className="people-list">
          {data.delegates.map((p) => (
            <li key={p.id} data-person-id={p.id}>
              <span>
                {personName(p)} <span className="muted">({t(locale, 'delegation.panel.since', { date: formatDate(p.grantedAt.slice(0, 10), locale) })})</span>
              </span>
              <Button
                size="small"
                disabled={busy || offline}
                aria-label={t(locale, 'delegation.panel.removeNamed', { name: personName(p) })}
                onClick={() => void act(async () => (await revokeDelegate(api, p.id), t(locale, 'delegation.panel.removed', { name: personName(p) })))}
              >
                {t(locale, 'delegation.panel.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {pickerAvailable() ? (
        <Button appearance="primary" disabled={busy || offline} onClick={() => void pick().catch(() => undefined)}>
          {t(locale, 'delegation.panel.pick')}
        </Button>
      ) : (
        <form
          className="delegate-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (id.trim()) void add(id.trim(), name.trim());
          }}
        >
          <Field label={t(locale, 'delegation.panel.idLabel')} required>
            <Input value={id} onChange={(_e, d) => setId(d.value)} data-testid="delegate-id" />
          </Field>
          <Field label={t(locale, 'delegation.panel.nameLabel')}>
            <Input value={name} onChange={(_e, d) => setName(d.value)} data-testid="delegate-name" />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy || offline || !id.trim()}>
            {t(locale, 'delegation.panel.add')}
          </Button>
        </form>
      )}
      <div role="status" aria-live="polite" className={status?.kind === 'error' ? 'delegates-error' : undefined} data-testid="delegates-status">
        {status?.text}
      </div>
      <h2 id="book-for-title">{t(locale, 'delegation.panel.forOthersTitle')}</h2>
      {data && data.canBookFor.length === 0 ? (
        <p>{t(locale, 'delegation.panel.forOthersNone')}</p>
      ) : (
        <ul className="people-list" aria-labelledby="book-for-title">
          {data?.canBookFor.map((p) => <li key={p.id}>{personName(p)}</li>)}
        </ul>
      )}
    </section>
  );
}
