/**
 * "Your desks" in the Book tab (issue 17 §6): the person's favourite desks first, then the same desk as last time,
 * each a button that opens the desk on the map (its panel books it by the ordinary rules), and a button that makes
 * the desk in the panel a favourite or not. Favourites are kept on the server, so they follow the person to the
 * phone and to the chat.
 */
import { Button } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { t } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import { useConnectivity } from './connectivity';
import { useLocale } from './locale';
import type { Notice } from './outcome-region';

interface PlacedDesk {
  readonly deskId: string;
  readonly label: string;
  readonly floorId: string;
}

interface MyDesksDto {
  readonly favourites: readonly PlacedDesk[];
  readonly lastDesk?: PlacedDesk & { readonly date: string };
}

export interface MyDesksProps {
  readonly api: ApiClient;
  /** The desk open in the panel: it can be made a favourite, or stop being one. */
  readonly selected?: { readonly id: string; readonly label: string };
  readonly onPick: (desk: { readonly deskId: string; readonly floorId: string }) => void;
  readonly onNotice: (notice: Notice) => void;
}

export function MyDesks({ api, selected, onPick, onNotice }: MyDesksProps) {
  const locale = useLocale();
  const { offline, epoch } = useConnectivity();
  const [mine, setMine] = useState<MyDesksDto | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setMine(await api.call<MyDesksDto>('GET', '/api/favourites'));
    } catch {
      // Shortcuts only: the map works without them, and the next visit reads them again.
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load, epoch]);

  const isFavourite =
    selected !== undefined && (mine?.favourites.some((f) => f.deskId === selected.id) ?? false);

  const toggle = async (): Promise<void> => {
    if (!selected) return;
    setBusy(true);
    try {
      const path = `/api/favourites/${encodeURIComponent(selected.id)}`;
      setMine(await api.call<MyDesksDto>(isFavourite ? 'DELETE' : 'PUT', path));
      onNotice({
        kind: 'success',
        text: t(locale, isFavourite ? 'tab.favourites.removed' : 'tab.favourites.added', {
          desk: selected.label,
        }),
      });
    } catch (error) {
      onNotice({
        kind: 'refusal',
        title: t(locale, 'tab.failed'),
        text: error instanceof ApiError && error.body ? error.body.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  };

  const last = mine?.lastDesk;
  const favourites = mine?.favourites ?? [];
  // The slot keeps its one-row height whether or not there is anything in it yet, so the map below never jumps
  // when the favourites arrive or a desk is selected (a desk under the pointer would slip away from it).
  if (favourites.length === 0 && !last && !selected) return <div className="my-desks-slot" />;
  return (
    <div className="my-desks-slot">
      <nav className="my-desks" aria-label={t(locale, 'tab.favourites.title')} data-testid="my-desks">
        {favourites.map((f) => (
          <Button key={f.deskId} size="small" data-testid="favourite" onClick={() => onPick(f)}>
            {t(locale, 'tab.favourites.desk', { desk: f.label })}
          </Button>
        ))}
        {last && (
          <Button size="small" data-testid="same-as-last" onClick={() => onPick(last)}>
            {t(locale, 'tab.favourites.sameAsLast', { desk: last.label })}
          </Button>
        )}
        {selected && (
          <Button
            size="small"
            appearance="subtle"
            data-testid="favourite-toggle"
            aria-pressed={isFavourite}
            disabled={busy || offline || !mine}
            onClick={() => void toggle()}
          >
            {t(locale, isFavourite ? 'tab.favourites.remove' : 'tab.favourites.add', {
              desk: selected.label,
            })}
          </Button>
        )}
      </nav>
    </div>
  );
}
