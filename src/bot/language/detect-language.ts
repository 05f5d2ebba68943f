/**
 * Which of the four languages a message is written in.
 *
 * Teams tells us the client's language (activity.locale), and that is the default. People in Belgium often run
 * an English Teams and type French or Dutch, so when the text is plainly in another of the four languages we
 * follow the text. "Plainly" means: that language scores more words than the client's language, and more than
 * every other language. A word shared by several languages ("morgen" in Dutch and German, "bureau" in French
 * and Dutch) scores for each of them, so on its own it can never move the answer away from the client's language.
 */
import { LOCALES, type Locale } from '../../i18n/messages';

const WORDS: Readonly<Record<Locale, string>> = {
  en: `book booking bookings reserve reservation reservations desk desks seat seats workstation an the for on at
    please pls can could you i me my want would like need get today tomorrow day after next this week weekend
    every each monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday
    sundays sunday january february march april may june july august september october november december
    cancel release free up check who is are help standing with monitor screen docking station accessible
    wheelchair same as last time usual and or from until till through of what show list here arrived am it do
    don't won't thanks thank hello hi desk's where sit come coming not`,
  fr: `reserve reserver reservez reserves reservation reservations resa un une le la les du des de pour sur au
    aux il te vous plait plais svp stp merci je voudrais veux peux pouvez peut mon ma mes aujourd hui demain
    apres lundi lundis mardi mardis mercredi mercredis jeudi jeudis vendredi vendredis samedi samedis dimanche
    dimanches janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre prochain
    prochaine semaine tous toutes chaque annule annuler annulez annulation libere liberer liberez aide qui est
    sont sera avec ecran debout meme que derniere fois suis arrive arrivee dans et en bureau poste place mois
    jour jours moi pas ne ai bonjour salut ou ce cette quel quels`,
  nl: `boek boeken reserveer reserveren reservering reserveringen boeking boekingen reservatie reservaties een
    het de voor op mijn ik wil graag kan kun kunt je jij u alsjeblieft alstublieft aub dank bedankt vandaag
    morgen overmorgen maandag maandagen dinsdag dinsdagen woensdag woensdagen donderdag donderdagen vrijdag
    vrijdagen zaterdag zaterdagen zondag zondagen januari februari maart april mei juni juli augustus september
    oktober november december volgende komende week elke iedere annuleer annuleren hulp wie is er zijn met
    scherm zit sta hetzelfde zelfde als vorige keer geef vrij inchecken werkplek plek bureau van tot en dag
    dagen deze die maand ben aangekomen kantoor waar welke hallo help`,
  de: `buche buchen buchung buchungen reserviere reservieren reservierung einen ein eine einem schreibtisch
    platz arbeitsplatz fur fuer am im um mir mich ich mochte moechte mochten bitte danke kannst konnen du heute
    morgen ubermorgen uebermorgen montag montags dienstag dienstags mittwoch mittwochs donnerstag donnerstags
    freitag freitags samstag samstags sonntag sonntags januar februar marz maerz mai juni juli august oktober
    dezember nachste nachsten naechste naechsten kommenden woche jeden jede storniere stornieren absagen hilfe
    wer ist da mit bildschirm stehschreibtisch denselben gleichen letztes mal gib frei einchecken bis von vom
    und der die das dem den meine meinen mein monat tag tage bin angekommen buro hallo wo vielen dank`,
};

const LANGUAGES_OF_WORD: ReadonlyMap<string, readonly Locale[]> = (() => {
  const map = new Map<string, Locale[]>();
  for (const locale of LOCALES) {
    for (const word of WORDS[locale].split(/\s+/)) {
      if (word.length === 0) continue;
      const list = map.get(word) ?? [];
      if (!list.includes(locale)) list.push(locale);
      map.set(word, list);
    }
  }
  return map;
})();

// Letters that only these languages' spellings use (in our four).
const FRENCH_LETTERS = /[éèêëàâçîïôûùœ]/giu;
const GERMAN_LETTERS = /[äöüß]/giu;

/** Each language's score: its words in the folded text, plus its typical letters in the original text. */
export function scoreLanguages(foldedText: string, sourceText: string): Record<Locale, number> {
  const scores: Record<Locale, number> = { en: 0, fr: 0, nl: 0, de: 0 };
  for (const word of foldedText.split(/[^a-z0-9']+/)) {
    const bare = word.replace(/^'+|'+$/g, '');
    const parts = LANGUAGES_OF_WORD.has(bare) ? [bare] : bare.split("'");
    for (const part of parts) {
      for (const locale of LANGUAGES_OF_WORD.get(part) ?? []) scores[locale] += 1;
    }
  }
  // A word with French accents is French even when the word itself is not in the list; capped at one point
  // so that accents never outweigh words.
  if ((sourceText.match(FRENCH_LETTERS) ?? []).length > 0) scores.fr += 1;
  if ((sourceText.match(GERMAN_LETTERS) ?? []).length > 0) scores.de += 1;
  return scores;
}

/** The client's language, unless the text is plainly in another one of the four. */
export function detectLanguage(foldedText: string, sourceText: string, clientLocale: Locale): Locale {
  const scores = scoreLanguages(foldedText, sourceText);
  const best = Math.max(...LOCALES.map((l) => scores[l]));
  if (best === 0 || scores[clientLocale] === best) return clientLocale;
  const leaders = LOCALES.filter((l) => scores[l] === best);
  return leaders.length === 1 && leaders[0] !== undefined ? leaders[0] : clientLocale;
}
