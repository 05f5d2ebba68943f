import type { Actor } from '../domain/model';
import type { Locale } from '../i18n/messages';
import type { CatalogIndex } from '../use-cases/catalog-index';
import type { MyData } from '../use-cases/export-my-data';
import { myDataCard } from './cards/my-data-card';
import type { AdaptiveCard } from './cards/adaptive-card';
import { foldPhrase } from './language/fold-text';

/**
 * "My data" in the four languages (GDPR Art. 15 from the chat), matched on the whole message so that it never
 * shadows a booking command. Kept apart from the booking language parser: it takes no day, desk or zone.
 */
const PHRASES: readonly (readonly [Locale, RegExp])[] = [
  ['en', /^(?:(?:show|export|download|give me|send me|what is|whats) )?(?:all )?my (?:personal )?data(?: please)?$/],
  ['en', /^what (?:data|information) do you (?:have|keep|store) (?:about|on) me$/],
  ['fr', /^(?:(?:montre|montrez|exporte|exportez|affiche|envoie|envoyez)[- ]moi |voir |exporter )?(?:toutes )?mes (?:donnees|infos)(?: personnelles)?(?: s il (?:te|vous) plait| svp)?$/],
  ['nl', /^(?:(?:toon|exporteer|geef|stuur) (?:me )?)?(?:al )?mijn (?:persoons)?(?:gegevens|data)(?: aub| alsjeblieft| alstublieft)?$/],
  ['de', /^(?:(?:zeig|zeige|gib|schick) mir |exportiere )?(?:alle )?meine (?:personenbezogenen |personlichen |persoenlichen )?daten(?: bitte)?$/],
];

/** The language of a "my data" request, or null when the message is something else. */
export function myDataRequest(text: string): Locale | null {
  const folded = foldPhrase(text).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  for (const [locale, pattern] of PHRASES) if (pattern.test(folded)) return locale;
  return null;
}

/** Runs the export (which audits the request) and turns it into the card. */
export async function myDataAnswer(
  exportData: (actor: Actor) => Promise<MyData>,
  catalog: { current(): Promise<CatalogIndex> },
  actor: Actor,
  locale: Locale,
): Promise<AdaptiveCard> {
  const data = await exportData(actor);
  const index = await catalog.current();
  return myDataCard(
    {
      from: data.period.from,
      to: data.period.to,
      retentionDays: data.retentionDays,
      bookings: data.bookings.map((b) => ({ date: b.date, deskLabel: index.locateDesk(b.deskId)?.desk.label ?? b.deskId, status: b.status })),
      weeks: data.weeks.length,
      claims: data.claims.length,
      discussions: data.discussions.length,
      conversationReference: data.conversationReference.stored,
    },
    locale,
  );
}
