/**
 * Whether an instrument's title found in a passage cites that instrument. Titles are often generic:
 * Cambodia's "Law on Electronic Commerce" is also the tail of the "UNCITRAL Model Law on Electronic
 * Commerce", and several countries have a "Cybersecurity Law". A researcher follows the REFERENCES
 * link as a fact, so a title found in the text counts only when nothing around it points elsewhere.
 */
import type { PhraseMatch } from '../text.js';
import { PhraseMatcher } from '../text.js';

export interface CountryNames {
  code: string;
  /** Every form that names the country, demonyms included ("Cambodian", "Thai"). */
  names: string[];
}

/** Where a found title sits: the passage and the country of the document it is in. */
export interface CitingPassage {
  text: string;
  country?: string;
}

/** The word directly before a match, and what precedes that word. */
const WORD_BEFORE = /([\p{L}\p{N}][\p{L}\p{N}'’-]*)\s+$/u;
/** A capitalised word starts a sentence when the passage begins there or one of these comes before it. */
const SENTENCE_END = /[.!?:;(“"'‘]/u;
const POSSESSIVE = /['’]s\s*$/u;
/** "… Law on Electronic Commerce of Cambodia", "… of the Kingdom of Cambodia". */
const OF_COUNTRY = /^\s*,?\s+of\s+(?:the\s+)?/iu;
/** Enough text either side to hold the longest country name and its article. */
const REACH = 60;

export class TitleCitations {
  private readonly countries: PhraseMatcher<string>;

  /** homes: the country that enacted each instrument (absent for regional instruments). */
  constructor(
    countries: CountryNames[],
    private readonly homes: ReadonlyMap<string, string>,
  ) {
    this.countries = new PhraseMatcher(
      countries.flatMap((country) => country.names.map((phrase) => ({ phrase, value: country.code }))),
    );
  }

  /**
   * The rule (docs/corpus-format.md, "Links found in the text"): a title qualified by another
   * country's name, or that is the tail of a longer capitalised name, is not this instrument; a title
   * that does not name its own country counts only in that country's documents or in a passage that
   * names the country.
   */
  cites(match: PhraseMatch<string>, passage: CitingPassage): boolean {
    const home = this.homes.get(match.value);
    const qualifier = this.qualifier(passage.text, match);
    if (qualifier) return home === undefined || qualifier === home;
    if (this.partOfLongerName(passage.text, match.start)) return false;
    if (home === undefined || passage.country === home) return true;
    return this.named(match.phrase).has(home) || this.namedInPassage(passage.text).has(home);
  }

  private named(text: string): Set<string> {
    return new Set(this.countries.find(text).map((found) => found.value));
  }

  /** A passage can hold many titles: it is read for country names once, not once per title. */
  private lastPassage?: { text: string; countries: Set<string> };
  private namedInPassage(text: string): Set<string> {
    if (this.lastPassage?.text !== text) this.lastPassage = { text, countries: this.named(text) };
    return this.lastPassage.countries;
  }

  /** The country named right before the title ("Cambodia's", "the Thai") or right after ("of Cambodia"). */
  private qualifier(text: string, match: PhraseMatch<string>): string | undefined {
    const before = text
      .slice(Math.max(0, match.start - REACH), match.start)
      .replace(POSSESSIVE, '')
      .trimEnd();
    const last = this.countries.find(before).at(-1);
    if (last && last.end === before.length) return last.value;
    const after = text.slice(match.end, match.end + REACH);
    const of = OF_COUNTRY.exec(after);
    if (!of) return undefined;
    return this.countries.find(after).find((found) => found.start === of[0].length)?.value;
  }

  /** "UNCITRAL Model Law on Electronic Commerce": a capitalised word that does not start a sentence. */
  private partOfLongerName(text: string, start: number): boolean {
    const from = Math.max(0, start - REACH);
    const word = WORD_BEFORE.exec(text.slice(from, start));
    if (!word?.[1] || !/^\p{Lu}/u.test(word[1])) return false;
    let last = from + word.index - 1;
    while (last >= 0 && /\s/u.test(text[last] ?? '')) last--;
    return last >= 0 && !SENTENCE_END.test(text[last] ?? '');
  }
}
