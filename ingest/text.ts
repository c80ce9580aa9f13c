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
  // ASCII text needs no per-character work: this is the hot path for English corpora.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/^[\x00-\x7F]*$/.test(text)) return text.toLowerCase();
  return foldWithOrigin(text).folded;
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
export class PhraseMatcher<T> {
  private readonly values = new Map<string, T[]>();
  private readonly spacedPattern: RegExp | undefined;
  private readonly unspacedPattern: RegExp | undefined;

  constructor(entries: Iterable<{ phrase: string; value: T }>) {
    const spaced: string[] = [];
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
      (isUnspaced(key) ? unspaced : spaced).push(key);
    }
    const alternation = (keys: string[]) =>
      keys
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|');
    if (spaced.length > 0) {
      this.spacedPattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(spaced)})(?![\\p{L}\\p{N}])`, 'gu');
    }
    if (unspaced.length > 0) this.unspacedPattern = new RegExp(alternation(unspaced), 'gu');
  }

  find(text: string): PhraseMatch<T>[] {
    if (!this.spacedPattern && !this.unspacedPattern) return [];
    const { folded, origin } = foldWithOrigin(text);
    const toOriginal = (index: number) => (index >= origin.length ? text.length : (origin[index] ?? text.length));
    const matches: PhraseMatch<T>[] = [];
    const collect = (pattern: RegExp, accept: (start: number, end: number) => boolean) => {
      for (const match of folded.matchAll(pattern)) {
        const start = toOriginal(match.index);
        const end = toOriginal(match.index + match[0].length);
        if (!accept(start, end)) continue;
        for (const value of this.values.get(match[0]) ?? []) {
          matches.push({ value, phrase: text.slice(start, end), start, end });
        }
      }
    };
    if (this.spacedPattern) collect(this.spacedPattern, () => true);
    if (this.unspacedPattern && isUnspaced(text)) {
      const boundaries = wordBoundaries(text);
      collect(this.unspacedPattern, (start, end) => boundaries.has(start) && boundaries.has(end));
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
