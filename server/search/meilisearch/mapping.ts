/**
 * The pure half of the Meilisearch adapter: documents and settings derived from the model, and
 * Meilisearch answers mapped back to the port's types. Kept free of I/O so it is tested without a server.
 */
import type { Settings } from 'meilisearch';
import { highlightAll, snippetAround, type TermMatcher } from '../embedded/snippet.js';
import type { FacetCount, SearchableKind, SearchDocument, SearchHit, SearchResult } from '../search-index.js';
import { isExpandable, isUnspacedScript, type Token, tokenize, typoBudget } from '../tokenize.js';
import { facetAttributes } from './filter.js';

/**
 * Corpus languages and the Meilisearch locale that tokenises them. Malay has no locale of its own and
 * shares Indonesian's word rules; Lao has none at all, so Lao text is left to Meilisearch's detection.
 */
const localeOfLanguage = {
  zh: 'cmn',
  th: 'tha',
  vi: 'vie',
  km: 'khm',
  my: 'mya',
  id: 'ind',
  ms: 'ind',
} as const;
type LocalizedLanguage = keyof typeof localeOfLanguage;
const localizedLanguages = Object.keys(localeOfLanguage) as LocalizedLanguage[];

/** Scripts that name their language whatever the document declares (a Chinese title on an English provision). */
const scriptLanguages: [RegExp, LocalizedLanguage][] = [
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Khmer}/u, 'km'],
  [/\p{Script=Myanmar}/u, 'my'],
];

const localizedFields = (field: 'titleLocal' | 'text') => localizedLanguages.map((language) => `${field}_${language}`);
export const titleLocalFields = ['titleLocal', ...localizedFields('titleLocal')];
export const textFields = ['text', ...localizedFields('text')];

/** The document as stored in Meilisearch. Localised text goes in `text_<language>`, so each gets its tokeniser. */
export interface MeiliDocument {
  /** Meilisearch ids allow only [A-Za-z0-9_-]: the node id, base64url-encoded. */
  key: string;
  id: string;
  kind: SearchableKind;
  title: string;
  instrument: string;
  instrumentKind: string;
  countries: string[];
  themes: string[];
  /** YYYYMMDD with missing parts as 0, absent when undated, so undated documents sort last either way. */
  date?: number;
  year?: number;
  language: string;
  [localizedField: string]: unknown;
}

export function documentKey(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function fieldLanguage(text: string, declared: string): LocalizedLanguage | undefined {
  for (const [script, language] of scriptLanguages) if (script.test(text)) return language;
  const base = declared.toLowerCase().split('-')[0] as string;
  return (localizedLanguages as string[]).includes(base) ? (base as LocalizedLanguage) : undefined;
}

function localizedName(field: 'titleLocal' | 'text', value: string, declared: string): string {
  const language = fieldLanguage(value, declared);
  return language ? `${field}_${language}` : field;
}

export function toMeiliDocument(document: SearchDocument): MeiliDocument {
  const [year = 0, month = 0, day = 0] = (document.date ?? '').split('-').map(Number);
  return {
    key: documentKey(document.id),
    id: document.id,
    kind: document.kind,
    title: document.title,
    ...(document.titleLocal
      ? { [localizedName('titleLocal', document.titleLocal, document.language)]: document.titleLocal }
      : {}),
    [localizedName('text', document.text, document.language)]: document.text,
    instrument: document.instrument,
    instrumentKind: document.instrumentKind,
    countries: document.countries,
    themes: document.themes,
    ...(document.date && year ? { date: year * 10000 + month * 100 + day, year } : {}),
    language: document.language,
    ...(document.themeText ? { themeText: document.themeText } : {}),
  };
}

/** Synonym groups: the first keyword of each language of one theme, all equivalent. */
export function themeSynonyms(themes: { keywords: Record<string, string[]> }[]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const theme of themes) {
    const group = [
      ...new Set(Object.values(theme.keywords).flatMap((words) => (words[0] ? [words[0].toLowerCase()] : []))),
    ];
    if (group.length < 2) continue;
    for (const word of group) {
      synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...group.filter((other) => other !== word)])];
    }
  }
  return synonyms;
}

/** Deep pages reach this many hits; Meilisearch's default (1000) would silently end paging early. */
export const maxTotalHits = 100_000;

export function indexSettings(synonyms: Record<string, string[]>): Settings {
  return {
    // Theme keywords last: the `attribute` rule ranks a word in the title or text above one found only there.
    searchableAttributes: ['title', ...titleLocalFields, ...textFields, 'themeText'],
    displayedAttributes: ['*'],
    filterableAttributes: Object.values(facetAttributes),
    sortableAttributes: ['date', 'year'],
    // `sort` first: a date-sorted query is ordered by date, not by relevance with date as a tie-break.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    // The embedded adapter's budget (tokenize.ts `typoBudget`): none under 5 letters, 1 from 5, 2 from 9.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    synonyms,
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits },
    localizedAttributes: localizedLanguages.map((language) => ({
      attributePatterns: [`titleLocal_${language}`, `text_${language}`],
      locales: [localeOfLanguage[language]],
    })),
  };
}

/** Highlight tags from the Private Use Area: no corpus text contains them, and a hit that does is detected. */
export const highlightTags = { pre: '\uE000', post: '\uE001' } as const;

/** [start, end) UTF-16 ranges of `original` that `formatted` wraps in tags; undefined when the two disagree. */
export function formattedRanges(
  original: string,
  formatted: string,
  tags: { pre: string; post: string } = highlightTags,
): [number, number][] | undefined {
  const ranges: [number, number][] = [];
  let plain = '';
  let start: number | undefined;
  for (let at = 0; at < formatted.length; ) {
    if (formatted.startsWith(tags.pre, at)) {
      start = plain.length;
      at += tags.pre.length;
    } else if (formatted.startsWith(tags.post, at)) {
      if (start !== undefined && plain.length > start) ranges.push([start, plain.length]);
      start = undefined;
      at += tags.post.length;
    } else {
      plain += formatted[at];
      at++;
    }
  }
  return plain === original ? ranges : undefined;
}

/** The folded words of `text` that overlap a highlighted range. */
function wordsIn(text: string, ranges: [number, number][]): string[] {
  if (ranges.length === 0) return [];
  return tokenize(text)
    .filter((token: Token) => ranges.some(([start, end]) => token.start < end && start < token.end))
    .map((token) => token.term);
}

/** The shape of a Meilisearch hit this adapter asks for (attributesToRetrieve, _formatted, _rankingScore). */
export interface MeiliHit {
  id: string;
  kind: SearchableKind;
  title: string;
  [field: string]: unknown;
  _formatted?: Record<string, unknown>;
  _rankingScore?: number;
}

export interface MappedHit {
  hit: SearchHit;
  /** Folded words Meilisearch matched in this hit, by whatever means (exact, typo, prefix, synonym). */
  matchedWords: string[];
}

/**
 * A Meilisearch hit as the port's SearchHit. Meilisearch's tokeniser and ours cut words differently
 * (and it may highlight only the matched prefix of a word), so its highlights only tell which of our
 * words matched; the title and snippet are then cut and highlighted exactly as the embedded adapter does.
 */
export function toSearchHit(hit: MeiliHit, withScore: boolean): MappedHit {
  const textField = textFields.find((field) => typeof hit[field] === 'string');
  const text = textField ? (hit[textField] as string) : '';
  const matched = new Set<string>();
  for (const [field, original] of [
    ['title', hit.title],
    ...(textField ? [[textField, text]] : []),
    ...titleLocalFields.filter((field) => typeof hit[field] === 'string').map((field) => [field, hit[field]]),
  ] as [string, string][]) {
    const formatted = hit._formatted?.[field];
    if (typeof formatted !== 'string') continue;
    for (const word of wordsIn(original, formattedRanges(original, formatted) ?? [])) matched.add(word);
  }
  const matches: TermMatcher = (term) => matched.has(term);
  return {
    hit: {
      id: hit.id,
      kind: hit.kind,
      score: withScore ? (hit._rankingScore ?? 0) : 0,
      title: highlightAll(hit.title, matches),
      snippet: snippetAround(text, matches),
    },
    matchedWords: [...matched],
  };
}

/** Values by count, most first, then by value: the embedded adapter's order. Zero counts are dropped. */
export function toFacetCounts(distribution: Record<string, number> | undefined): FacetCount[] {
  return Object.entries(distribution ?? {})
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

const maxExpandableLength = 40;

/**
 * Query words that matched other words, derived from the words Meilisearch highlighted in the returned
 * hits (Meilisearch does not report its typo and prefix derivations): a highlighted word counts for a
 * query word when it is within the word's typo budget, or, for the last word, starts with it. Only the
 * current page is seen, so a derivation that occurs only in later pages is not reported.
 */
export function deriveExpansions(queryText: string, matchedWords: Iterable<string>): SearchResult['expansions'] {
  const terms = tokenize(queryText).map((token) => token.term);
  const queried = new Set(terms);
  const candidates = [...new Set(matchedWords)].filter((word) => !queried.has(word) && !isUnspacedScript(word));
  const expansions: SearchResult['expansions'] = [];
  const seen = new Set<string>();
  terms.forEach((term, index) => {
    if (seen.has(term) || !isExpandable(term) || term.length > maxExpandableLength) return;
    seen.add(term);
    const isLast = index === terms.length - 1;
    const matched = candidates
      .filter((word) => (isLast && word.startsWith(term)) || withinEdits(term, word, typoBudget(term)))
      .sort();
    if (matched.length > 0) expansions.push({ term, matched });
  });
  return expansions;
}

/** Whether the Levenshtein distance between a and b is at most `budget`. */
export function withinEdits(a: string, b: string, budget: number): boolean {
  if (budget <= 0) return a === b;
  if (Math.abs(a.length - b.length) > budget) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, column) => column);
  for (let row = 1; row <= a.length; row++) {
    const current = [row];
    let best = row;
    for (let column = 1; column <= b.length; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      const value = Math.min(
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
        (previous[column - 1] as number) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > budget) return false;
    previous = current;
  }
  return (previous[b.length] as number) <= budget;
}
