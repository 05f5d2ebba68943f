/**
 * Which colleague a chat message means by "Ann" (issue 17 §3): one of the people who named the caller as someone who
 * may book for them, matched on the name they carried when they did. Nobody else can be found this way, so a name
 * never reaches a person who did not delegate (an admin's "anyone" is the tab's: the bot does not see roles).
 *
 * Matching is case- and accent-insensitive, on whole words: "ann" finds "Ann Peeters" (first name), "peeters" and
 * "Ann Peeters" too, but "an" or "ann p" finds nobody. Two colleagues called Ann are both returned: the bot asks.
 */
import type { Actor } from '../domain/model';
import type { DelegationStore } from './delegation-port';

export interface Colleague {
  readonly id: string;
  /** The name they gave when delegating, or their id when they gave none. */
  readonly name: string;
}

export type ColleagueMatch =
  | { readonly kind: 'one'; readonly colleague: Colleague }
  | { readonly kind: 'several'; readonly colleagues: readonly Colleague[] }
  /** Nobody of that name: `canBookFor` is whom the caller may book for (maybe nobody). */
  | { readonly kind: 'none'; readonly canBookFor: readonly Colleague[] };

/** Lower case, no accents, ß as ss, and only letters and digits between single spaces. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(name: string): string[] {
  const folded = foldName(name);
  return folded === '' ? [] : folded.split(' ');
}

/** Does `typed` name `name`: its words, in order, are a run of the name's words ("ann", "peeters", "ann peeters")? */
export function namesColleague(typed: string, name: string): boolean {
  const t = words(typed);
  const n = words(name);
  if (t.length === 0 || t.length > n.length) return false;
  for (let i = 0; i + t.length <= n.length; i += 1) if (t.every((w, k) => n[i + k] === w)) return true;
  return false;
}

/** What a colleague's id says of their name when they gave none ("ann.peeters@contoso.com" → "ann peeters"). */
function nameOfId(id: string): string {
  return id.split('@')[0]!.replace(/[._-]+/g, ' ');
}

/** The people who let the actor book for them, by name. */
export async function colleaguesOf(deps: { readonly delegations: DelegationStore }, actor: Actor): Promise<Colleague[]> {
  const owners = await deps.delegations.ownersFor(actor.userId);
  return owners
    .map((d) => ({ id: d.ownerId, name: d.ownerName ?? d.ownerId }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The colleague `typed` names among the people who let the actor book for them. */
export async function findColleague(deps: { readonly delegations: DelegationStore }, actor: Actor, typed: string): Promise<ColleagueMatch> {
  const all = await colleaguesOf(deps, actor);
  const found = all.filter((c) => namesColleague(typed, c.name) || (c.name === c.id && namesColleague(typed, nameOfId(c.id))));
  if (found.length === 1) return { kind: 'one', colleague: found[0]! };
  if (found.length > 1) return { kind: 'several', colleagues: found };
  return { kind: 'none', canBookFor: all };
}
