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

/** The matching form of a word: NFKC, lower case, accents of Latin, Greek and Cyrillic letters removed, đ→d. */
export function foldForMatch(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(accentedLetter, '$1')
    .replace(foldableLetter, (letter) => letterFolds[letter] ?? letter)
    .normalize('NFC');
}

/** The words of `text`, folded, with their offsets into `text` itself (not into a normalised copy). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const segment of wordSegmenter.segment(text)) {
    if (!segment.isWordLike) continue;
    for (const part of segment.segment.matchAll(wordPart)) {
      const term = foldForMatch(part[0]);
      if (term === '') continue;
      const start = segment.index + part.index;
      tokens.push({ term, start, end: start + part[0].length });
    }
  }
  return tokens;
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
