/** Text normalisation and phrase matching shared by every extractor. */

const DASHES = /[\u2010-\u2015\u2212]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F]/g;

/**
 * Folds one string for matching: case, diacritics (so "mạng" matches "mang"), Vietnamese đ,
 * dash and quote variants. Each code unit of the result comes from one code unit of the input,
 * or from none: `origin[i]` is the index in the input of folded character i.
 */
export function foldWithOrigin(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) ?? 0;
    const char = String.fromCodePoint(codePoint);
    const mapped = foldChar(char);
    for (let k = 0; k < mapped.length; k++) origin.push(index);
    folded += mapped;
    index += char.length;
  }
  return { folded, origin };
}

const foldCache = new Map<string, string>();

function foldChar(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  const result = char
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(DASHES, '-')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .toLowerCase();
  foldCache.set(char, result);
  return result;
}

export function fold(text: string): string {
  return foldForMatching(text).folded;
}

/** Scripts written without spaces between words: matches must fall on Intl.Segmenter word boundaries. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;

export function isUnspaced(text: string): boolean {
  return UNSPACED_SCRIPT.test(text);
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** Start and end offsets of the words Intl.Segmenter finds (the boundaries a match may use). */
export function wordBoundaries(text: string, locale = 'und'): Set<number> {
  const boundaries = new Set<number>();
  for (const segment of segmenterFor(locale).segment(text)) {
    boundaries.add(segment.index);
    boundaries.add(segment.index + segment.segment.length);
  }
  return boundaries;
}

export interface PhraseMatch<T> {
  value: T;
  phrase: string;
  start: number;
  end: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds many phrases at once in text: case- and diacritic-insensitive; whole words for Latin
 * script; for Chinese, Thai and the other unspaced scripts, the match must start and end on a
 * word-segment boundary. Offsets are into the original text.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface WordTrie {
  children: Map<string, WordTrie>;
  /** Phrases whose words end here (several when only the punctuation between words differs). */
  keys: string[];
}

/** Folded text and a map back to the original offsets; ASCII text needs neither copy nor map. */
function foldForMatching(text: string): { folded: string; toOriginal: (index: number) => number } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/^[\x00-\x7F]*$/.test(text)) return { folded: text.toLowerCase(), toOriginal: (index) => index };
  const { folded, origin } = foldWithOrigin(text);
  return { folded, toOriginal: (index) => (index >= origin.length ? text.length : (origin[index] ?? text.length)) };
}

/**
 * Finds many phrases at once in text: case- and diacritic-insensitive; whole words for Latin
 * script; for Chinese, Thai and the other unspaced scripts, the match must start and end on a
 * word-segment boundary. Offsets are into the original text. Matches do not overlap: at each
 * place the longest phrase wins.
 */
export class PhraseMatcher<T> {
  private readonly values = new Map<string, T[]>();
  /** Spaced-script phrases in a trie of their words: the cost follows the text, not the vocabulary. */
  private readonly trie: WordTrie = { children: new Map(), keys: [] };
  private readonly unspacedPattern: RegExp | undefined;

  constructor(entries: Iterable<{ phrase: string; value: T }>) {
    const unspaced: string[] = [];
    for (const { phrase, value } of entries) {
      const key = fold(phrase.trim());
      if (key.length === 0) continue;
      const existing = this.values.get(key);
      if (existing) {
        if (!existing.includes(value)) existing.push(value);
        continue;
      }
      this.values.set(key, [value]);
      const words = key.match(WORD);
      if (isUnspaced(key) || !words || !/^[\p{L}\p{N}]/u.test(key)) {
        unspaced.push(key);
        continue;
      }
      let node = this.trie;
      for (const word of words) {
        let child = node.children.get(word);
        if (!child) {
          child = { children: new Map(), keys: [] };
          node.children.set(word, child);
        }
        node = child;
      }
      node.keys.push(key);
    }
    if (unspaced.length > 0) {
      const alternation = unspaced
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|');
      this.unspacedPattern = new RegExp(alternation, 'gu');
    }
  }

  find(text: string): PhraseMatch<T>[] {
    const { folded, toOriginal } = foldForMatching(text);
    const matches: PhraseMatch<T>[] = [];
    const add = (key: string, foldedStart: number) => {
      const start = toOriginal(foldedStart);
      const end = toOriginal(foldedStart + key.length);
      for (const value of this.values.get(key) ?? [])
        matches.push({ value, phrase: text.slice(start, end), start, end });
    };
    const words = [...folded.matchAll(WORD)];
    let coveredUntil = 0;
    words.forEach((word, first) => {
      if (word.index < coveredUntil) return;
      // Walk the trie along the following words; the longest phrase that really matches here wins.
      let longest: string | undefined;
      let node = this.trie.children.get(word[0]);
      for (let next = first + 1; node; next++) {
        for (const key of node.keys) {
          const fits = folded.startsWith(key, word.index) && !WORD_CHAR.test(folded[word.index + key.length] ?? '');
          if (fits && key.length > (longest?.length ?? 0)) longest = key;
        }
        const following = words[next];
        node = following ? node.children.get(following[0]) : undefined;
      }
      if (!longest) return;
      add(longest, word.index);
      coveredUntil = word.index + longest.length;
    });
    if (this.unspacedPattern && isUnspaced(text)) {
      let boundaries: Set<number> | undefined;
      for (const match of folded.matchAll(this.unspacedPattern)) {
        boundaries ??= wordBoundaries(text);
        if (boundaries.has(toOriginal(match.index)) && boundaries.has(toOriginal(match.index + match[0].length))) {
          add(match[0], match.index);
        }
      }
    }
    return matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

/** A URL- and id-safe slug: "Chapter III – Data" → "chapter-iii-data". */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
