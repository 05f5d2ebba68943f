import type { TurnContext } from 'botbuilder';
import type { Actor } from '../domain/model';
import { resolveLocale, type Locale } from '../i18n/messages';

/**
 * Who is talking, from the channel's own fields: the Entra object id (or the channel id of the person).
 * Never from a card's data or a message's text, which the client controls.
 */
export function callerOf(context: TurnContext): Actor | null {
  const from = context.activity.from;
  const id = from?.aadObjectId || from?.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) return null;
  const name = typeof from.name === 'string' ? from.name.slice(0, 200) : undefined;
  return { userId: id, ...(name && { name }), roles: [] };
}

export function localeOf(context: TurnContext): Locale {
  return resolveLocale(typeof context.activity.locale === 'string' ? context.activity.locale : undefined);
}
