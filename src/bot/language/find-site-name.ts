import { escapeRegExp, foldPhrase, foldText } from './fold-text';

export interface NamedSite {
  readonly siteId: string;
  /** The message without the site's name, so that a name like "Friday Street" is never read as a day. */
  readonly rest: string;
}

/**
 * The site a message names ("book a desk in New York", "réserve un bureau à Bruxelles HQ"), case- and
 * accent-insensitively, as whole words. The longest name wins, so "Brussels HQ North" beats "Brussels HQ".
 */
export function findSiteName(text: string, sites: ReadonlyArray<{ readonly id: string; readonly name: string }>): NamedSite | undefined {
  const folded = foldText(text);
  const byLength = [...sites].sort((a, b) => b.name.length - a.name.length);
  for (const site of byLength) {
    const name = foldPhrase(site.name);
    if (name.length === 0) continue;
    const words = name.split(' ').map(escapeRegExp).join('\\s+');
    const m = new RegExp(`(^|[^\\p{L}\\p{N}])(${words})(?=$|[^\\p{L}\\p{N}])`, 'u').exec(folded.text);
    if (!m) continue;
    const start = m.index + m[1]!.length;
    const end = start + m[2]!.length;
    const from = folded.sourceIndex[start] ?? 0;
    const to = folded.sourceIndex[end] ?? text.length;
    return { siteId: site.id, rest: `${text.slice(0, from)} ${text.slice(to)}`.replace(/\s+/g, ' ').trim() };
  }
  return undefined;
}
