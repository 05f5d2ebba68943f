/**
 * "book a desk for Ann on Thursday", "réserve un bureau pour Ann jeudi", "boek een bureau voor Ann donderdag",
 * "buche einen Platz für Ann am Donnerstag", "book Ann a desk", "Ann needs a desk": the colleague a booking is for
 * (issue 17 §3).
 *
 * The words after "for / pour / voor / für" are only a person when nothing else can read them: a day ("for
 * tomorrow", "pour demain", "voor morgen", "für morgen"), a length ("for two days"), a desk, a zone, or an ordinary
 * noun ("for the meeting") is never one. The caller hands in `isDateLike`, which asks the date reader itself, so that
 * every phrasing the corpus reads as a day stays a day. What is read here is only the phrase as typed: which
 * colleague it names is the delegation list's answer (src/use-cases/colleague-by-name.ts), never a guess made here.
 *
 * Pure: folded text in, spans out.
 */
import { MONTH_WORDS, WEEKDAY_WORDS } from './date-words';
import { sourceSlice, type FoldedText } from './fold-text';

export type PersonPhrase =
  /** A name as typed ("Ann", "Ann Peeters"), to be matched against the people the caller may book for. */
  | { readonly kind: 'named'; readonly name: string; readonly span: readonly [number, number] }
  /** "for my manager", "pour un collègue", "voor iemand", "für meinen Chef": a colleague, but not which one. */
  | { readonly kind: 'someone'; readonly span: readonly [number, number] }
  /** "book Ann's desk": could be a desk for Ann, or the desk Ann usually has; the bot asks which. */
  | { readonly kind: 'possessive'; readonly name: string; readonly span: readonly [number, number] }
  /** "for Ann and me", "for Ann and Bob", "for us": more than one person, which one request cannot book. */
  | { readonly kind: 'several'; readonly span: readonly [number, number] }
  /**
   * "für die Ann", "für den Jan": colloquial German puts an article before a first name, and before any noun ("für den
   * Kunden"). A colleague only if one who delegated to the caller has that name; otherwise an ordinary word.
   */
  | { readonly kind: 'maybe-named'; readonly name: string; readonly span: readonly [number, number] };

const MARKER = /\b(?:for|pour|voor|fur|fuer)\s+/g;

const DESK = '(?:standing\\s+)?(?:desk|seat|spot|place|workstation|bureau|werkplek|plek|plaats|schreibtisch|arbeitsplatz|platz|tisch)';
// "book Ann a desk", "get Ann a seat", "buche Ann einen Platz": the person as the indirect object of the verb.
const INDIRECT = new RegExp(
  `\\b(?:book|reserve|get|find|grab|buche|buch|reserviere|besorge)\\s+([a-z][a-z'-]*(?:\\s+[a-z][a-z'-]*)?)\\s+(?:a|an|one|einen|eine|ein)\\s+${DESK}\\b`,
);
// "Ann needs a desk", "Ann braucht einen Platz", "Ann a besoin d'un bureau", "Ann heeft een bureau nodig".
const SUBJECT = /^\s*([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)?)\s+(?:needs|wants|would\s+like|braucht|mochte|moechte|will|a\s+besoin|voudrait|veut|heeft|wil|zou\s+graag)\b/;

// "my manager", "a colleague", "mon chef", "un collègue", "mijn baas", "een collega", "meinen Chef", "einen Kollegen",
// and with the definite article ("the boss", "la cheffe", "de baas", "die Kollegin").
const SOMEONE = new RegExp(
  '^(?:' +
    [
      "(?:my|our|a|an|the)\\s+(?:manager|boss|colleague|co-?worker|teammate|team\\s+mate|assistant|director|lead|supervisor|line\\s+manager)|some(?:one|body)(?:\\s+else)?|another\\s+(?:person|colleague)",
      "(?:mon|ma|notre|un|une|le|la)\\s+(?:chef(?:fe)?|manager|responsable|collegue|directeur|directrice|assistante?|superieur(?:e)?|n\\+1)|quelqu\\s?'?\\s?un(?:\\s+d'autre)?",
      '(?:mijn|onze|een|de)\\s+(?:manager|baas|leidinggevende|collega|directeur|chef|assistente?)|iemand(?:\\s+anders)?',
      // "for her", "pour elle", "voor haar", "für ihn": someone, but who is for the caller to say.
      'him|her|them|lui|elle|eux|hem|haar|hen|ihn|ihm',
      '(?:meine[nm]?|unsere[nm]?|eine[nm]?|die|der|den|dem)\\s+(?:chef(?:in)?|manager(?:in)?|vorgesetzte[nr]?|kollege[n]?|kollegin|assistent(?:en|in)?|direktor(?:in)?)|jemand(?:en|em)?(?:\\s+andere[nm]?)?',
    ].join('|') +
    ')\\b',
);

// Words that cannot start a name: the caller themselves, articles and determiners, quantities, times of day and
// lengths, and ordinary nouns people book a desk "for".
const NOT_A_NAME = new Set(
  [
    // oneself, and pronouns
    'me myself us moi nous mij mezelf ons mich mir uns',
    'you he she we they it tu il on vous ils elles ik jij hij zij ze wij jullie ich du er es wir ihr sie',
    // articles, determiners, pronouns
    'the a an this that these those next every each all any some whole half my your our his her their it them him',
    'le la les l un une des du de ce cet cette ces chaque tout toute tous toutes prochain prochaine demi mon ma mes ton ta son sa notre votre leur lui elle eux',
    'het een deze dit die dat elke ieder iedere alle komende volgende halve heel hele mijn jouw zijn haar onze hun hem',
    'der die das den dem des ein eine einen einem einer jeden jede jedes diese diesen dieser alle nachste nachsten naechste naechsten kommende kommenden halbe halben ganze ganzen erste ersten zweite zweiten letzte letzten meinen meine mein deinen ihn sie ihm ihr',
    // quantities and lengths of time
    'one two three four five six seven eight nine ten couple few several deux trois quatre cinq six sept huit neuf dix quelques plusieurs twee drie vier vijf zes zeven acht negen tien paar enkele zwei drei funf fuenf sechs sieben neun zehn paar',
    'day days week weeks month months morning afternoon evening night jour jours journee semaine semaines mois matin matinee apres-midi soir dag dagen week weken maand ochtend middag namiddag avond tag tage tagen woche wochen monat vormittag nachmittag abend',
    'today tonight tomorrow tmrw tmr tomorow tommorow tomorrw aujourd demain apres-demain vandaag morgen overmorgen heute ubermorgen uebermorgen',
    // what a desk is booked "for"
    'work working meeting meetings lunch focus calls call training trainings workshop interview interviews visit visitors project team travail travailler reunion reunions formation equipe projet visite werk werken vergadering vergaderingen overleg opleiding ploeg project bezoek arbeit arbeiten besprechung besprechungen meeting termin termine schulung projekt besuch',
    // desk and place nouns
    'desk desks seat seats spot place places workstation bureau bureaux poste postes werkplek werkplekken plek plaats schreibtisch platz arbeitsplatz tisch zone room salle',
    // politeness
    'please pls plz thanks svp stp merci alsjeblieft aub bitte danke',
  ].join(' ').split(' '),
);

// Words that end a name: prepositions and conjunctions of the four languages (and NOT_A_NAME's words).
const ENDS_A_NAME = new Set(
  'for pour voor fur fuer on at in to from until till by with and or next this le au a en et ou avec jusqu des dans op om in naar tot met en of vanaf am um im an ab bis mit und oder zum zur ins'.split(' '),
);

const TOKEN = /^[a-z][a-z'-]*$/;
// The articles colloquial German puts before a first name ("für die Ann", "für den Jan"); never "das".
const NAME_ARTICLES = new Set(['der', 'die', 'den', 'dem']);
// "for us", "pour nous", "voor ons", "für uns": the caller and others.
const US = new Set(['us', 'nous', 'ons', 'uns']);
const ME = new Set(['me', 'myself', 'moi', 'mij', 'mezelf', 'mich', 'mir']);
// "Ann and me", "Ann et moi", "Ann en ik", "Ann und ich": a second person after the name.
const AND_ANOTHER = /^\s*(?:and|et|en|und|&)\s+([a-z][a-z'-]*)/;
const MAX_NAME_TOKENS = 3;

function isCalendarWord(word: string): boolean {
  return WEEKDAY_WORDS.has(word) || MONTH_WORDS.has(word) || /\d/.test(word);
}

/**
 * Can this folded word start a name? Month words can ("Jan", "May", "June" are names too): whether "for May" is a
 * month is the date reader's call, through isDateLike.
 */
function canStartName(word: string): boolean {
  return TOKEN.test(word) && word.length >= 2 && !NOT_A_NAME.has(word) && !ENDS_A_NAME.has(word) && !WEEKDAY_WORDS.has(word);
}

function endsName(word: string): boolean {
  return !TOKEN.test(word) || NOT_A_NAME.has(word) || ENDS_A_NAME.has(word) || isCalendarWord(word) || word.length < 2;
}

/**
 * The person a booking request names, or undefined when it names none. `text` is the folded text with desk labels
 * and zone names already blanked; `isDateLike(start, end)` says whether the date reader finds a day, a length or an
 * unplaceable day in that stretch of it.
 */
export function findPersonPhrase(
  folded: FoldedText,
  text: string,
  isDateLike: (start: number, end: number) => boolean,
): PersonPhrase | undefined {
  // "book Ann's desk", "cancel Ann's booking": English possessive before a desk or booking noun.
  const possessive = /\b([a-z][a-z-]{1,30})'s\s+(?:usual\s+)?(?:desk|seat|spot|place|workstation|booking|reservation)\b/.exec(text);
  if (possessive && canStartName(possessive[1]!)) {
    const start = possessive.index;
    return { kind: 'possessive', name: sourceSlice(folded, start, start + possessive[1]!.length), span: [start, start + possessive[0].length] };
  }
  for (const re of [INDIRECT, SUBJECT]) {
    const m = re.exec(text);
    if (!m) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    const names = m[1]!.split(/\s+/);
    if (names.length === 1 && US.has(names[0]!)) return { kind: 'several', span: [start, start + m[1]!.length] };
    if (!names.every(canStartName) || isDateLike(start, start + m[1]!.length)) continue;
    return { kind: 'named', name: sourceSlice(folded, start, start + m[1]!.length), span: [start, start + m[1]!.length] };
  }
  for (const marker of text.matchAll(MARKER)) {
    const from = (marker.index ?? 0) + marker[0].length;
    const rest = text.slice(from);
    const someone = SOMEONE.exec(rest);
    if (someone) return { kind: 'someone', span: [marker.index ?? 0, from + someone[0].length] };
    const words = [...rest.matchAll(/[^\s,;:!?.()]+/g)].slice(0, MAX_NAME_TOKENS + 1);
    const first = words[0];
    if (first && first.index === 0 && US.has(first[0])) return { kind: 'several', span: [marker.index ?? 0, from + first[0].length] };
    const second = words[1];
    if (first && first.index === 0 && NAME_ARTICLES.has(first[0]) && second && text.slice(from + first[0].length, from + (second.index ?? 0)).trim() === '') {
      const at = from + (second.index ?? 0);
      const end = at + second[0].length;
      if (canStartName(second[0]) && !/\d/.test(second[0]) && !isDateLike(marker.index ?? 0, end)) {
        return { kind: 'maybe-named', name: sourceSlice(folded, at, end), span: [marker.index ?? 0, end] };
      }
    }
    // The name must follow the marker at once: "for, Ann" or "for 2 days" is no name.
    if (!first || first.index !== 0 || !canStartName(first[0])) continue;
    let end = from + first[0].length;
    for (const w of words.slice(1, MAX_NAME_TOKENS)) {
      const at = from + (w.index ?? 0);
      // Only spaces between the words of a name.
      if (text.slice(end, at).trim() !== '' || endsName(w[0])) break;
      end = at + w[0].length;
    }
    // Whatever the date reader can read is a day or a length, not a person ("for Christmas", "pour Noël").
    if (isDateLike(marker.index ?? 0, end)) continue;
    const another = AND_ANOTHER.exec(text.slice(end));
    if (another && (ME.has(another[1]!) || another[1] === 'ik' || another[1] === 'ich' || canStartName(another[1]!))) {
      return { kind: 'several', span: [marker.index ?? 0, end + another[0].length] };
    }
    return { kind: 'named', name: sourceSlice(folded, from, end), span: [marker.index ?? 0, end] };
  }
  return undefined;
}
