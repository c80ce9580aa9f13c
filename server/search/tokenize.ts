/**
 * The one tokeniser for search: documents and queries go through the same function, so what was
 * indexed is exactly what a query can reach. Words come from `Intl.Segmenter`, which segments
 * scripts written without spaces (Chinese, Thai, Khmer, Lao, Burmese) with ICU dictionaries.
 */

/** A word of the original text: `term` is its folded form, [start, end) its UTF-16 offsets in the original. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Splits a segment at apostrophes, dots and the like, so "China's" yields "china" and "s" as a query would. */
const wordPart = /[\p{L}\p{M}\p{N}]+/gu;

/** Marks on these scripts are accents that readers drop when typing; on others (Thai, Khmer…) they spell the word. */
const accentedLetter = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/** Letters that carry no decomposable accent but are commonly typed as their base letter. */
const letterFolds: Record<string, string> = {
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
};
const foldableLetter = new RegExp(`[${Object.keys(letterFolds).join('')}]`, 'gu');

/** Scripts written without spaces between words: segments are dictionary guesses, so never typo- or prefix-expanded. */
const unspacedScript =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const asciiOnly = /^\p{ASCII}*$/u;
const foldCacheLimit = 50_000;
const foldCache = new Map<string, string>();

/** The matching form of a word: NFKC, lower case, accents of Latin, Greek and Cyrillic letters removed, đ→d. */
export function foldForMatch(word: string): string {
  if (asciiOnly.test(word)) return word.toLowerCase();
  let folded = foldCache.get(word);
  if (folded === undefined) {
    if (foldCache.size >= foldCacheLimit) foldCache.clear();
    folded = foldUnicode(word);
    foldCache.set(word, folded);
  }
  return folded;
}

/** A whole text in its matching form: every matched term of it occurs in this as a substring. */
export function foldText(text: string): string {
  return asciiOnly.test(text) ? text.toLowerCase() : foldUnicode(text);
}

function foldUnicode(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(accentedLetter, '$1')
    .replace(foldableLetter, (letter) => letterFolds[letter] ?? letter)
    .normalize('NFC');
}

/**
 * The words of `text`, folded, with their offsets into `text` itself (not into a normalised copy).
 * Word segmentation (UAX #29) never breaks between letters, marks and digits of spaced scripts, so
 * text without an unspaced script splits into the same words by a plain regular expression, which
 * is many times faster than the segmenter when loading a large index.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  if (!unspacedScript.test(text)) {
    for (const part of text.matchAll(wordPart)) pushToken(tokens, part[0], part.index);
    return tokens;
  }
  for (const segment of wordSegmenter.segment(text)) {
    if (!segment.isWordLike) continue;
    for (const part of segment.segment.matchAll(wordPart)) pushToken(tokens, part[0], segment.index + part.index);
  }
  return tokens;
}

function pushToken(tokens: Token[], word: string, start: number): void {
  const term = foldForMatch(word);
  if (term !== '') tokens.push({ term, start, end: start + word.length });
}

/** Whether a term is a segment of an unspaced script (Chinese, Thai, Khmer, Lao, Burmese, Japanese). */
export function isUnspacedScript(term: string): boolean {
  return unspacedScript.test(term);
}

/** Whether a query term may match other words by prefix or typo: not numbers, not unspaced-script segments. */
export function isExpandable(term: string): boolean {
  return !isUnspacedScript(term) && !/\p{N}/u.test(term);
}

/** Typos a query term tolerates, as Meilisearch does by default: none under 5 letters, 1 from 5, 2 from 9. */
export function typoBudget(term: string): number {
  const letters = [...term].length;
  if (letters >= 9) return 2;
  if (letters >= 5) return 1;
  return 0;
}
