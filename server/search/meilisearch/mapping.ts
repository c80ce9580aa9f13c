/**
 * The pure half of the Meilisearch adapter: documents and settings derived from the model, and
 * Meilisearch answers mapped back to the port's types. Kept free of I/O so it is tested without a server.
 */
import type { Settings } from 'meilisearch';
import type { TermMatcher } from '../embedded/snippet.js';
import { explainHit, type FieldTexts, type QueryWord, tokensOf, withinEdits } from '../explain.js';
import {
  type FacetCount,
  kindRank,
  type SearchableKind,
  type SearchDocument,
  type SearchHit,
  type SearchResult,
  searchFields,
  statusRank,
} from '../search-index.js';
import { isExpandable, isUnspacedScript, type Token, tokenize, typoBudget } from '../tokenize.js';
import { facetAttributes } from './filter.js';

/** The document as stored in Meilisearch: the port's fields, plus the ranks its custom ranking rules read. */
export interface MeiliDocument {
  /** Meilisearch ids allow only [A-Za-z0-9_-]: the node id, base64url-encoded. */
  key: string;
  id: string;
  kind: SearchableKind;
  group: string;
  title: string;
  name: string;
  text: string;
  countries: string[];
  themes: string[];
  /** YYYYMMDD with missing parts as 0, absent when undated, so undated documents sort last either way. */
  date?: number;
  year?: number;
  statusRank: number;
  kindRank: number;
  /** Load order: the last tie-break, as the embedded index breaks ties by row. */
  order: number;
  language: string;
  [field: string]: unknown;
}

export function documentKey(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function toMeiliDocument(document: SearchDocument, order: number): MeiliDocument {
  const [year = 0, month = 0, day = 0] = (document.date ?? '').split('-').map(Number);
  const optional = Object.fromEntries(
    (['aliases', 'titleLocal', 'countryNames', 'parentTitle', 'themeText', 'instrumentKind', 'status'] as const)
      .filter((field) => document[field] !== undefined)
      .map((field) => [field, document[field]]),
  );
  return {
    key: documentKey(document.id),
    id: document.id,
    kind: document.kind,
    group: document.group,
    title: document.title,
    name: document.name,
    text: document.text,
    ...optional,
    countries: document.countries,
    themes: document.themes,
    ...(document.date && year ? { date: year * 10000 + month * 100 + day, year } : {}),
    statusRank: statusRank(document.kind, document.status),
    kindRank: kindRank(document.kind),
    order,
    language: document.language,
  };
}

/** Deep pages reach this many hits; Meilisearch's default (1000) would silently end paging early. */
export const maxTotalHits = 100_000;

/**
 * The README's search rules as Meilisearch settings. The embedded index implements the same rules itself
 * (inverted-index.ts): fields in `searchFields` order, then these ranking rules.
 */
/**
 * Symbols Meilisearch keeps inside a word of a document ("rules^on", "$fees|and") where the embedded tokeniser, which
 * keeps only letters, marks and digits, splits; Meilisearch already splits at punctuation and emoji.
 */
const symbolSeparators = [
  '$',
  '+',
  '<',
  '=',
  '>',
  '^',
  '`',
  '|',
  '~',
  '…',
  '°',
  '©',
  '®',
  '™',
  '€',
  '£',
  '¥',
  '±',
  '×',
  '÷',
];

export function indexSettings(): Settings {
  return {
    searchableAttributes: [...searchFields],
    displayedAttributes: ['*'],
    // Only what the filters use: equality on every facet and on `group` (which `distinct` needs too), ranges on
    // `year` alone, and no facet search (nothing searches facet values); each feature costs indexing time.
    filterableAttributes: [
      { attributePatterns: ['year'], features: { facetSearch: false, filter: { equality: true, comparison: true } } },
      {
        attributePatterns: [...Object.values(facetAttributes).filter((attribute) => attribute !== 'year'), 'group'],
        features: { facetSearch: false, filter: { equality: true, comparison: false } },
      },
    ],
    facetSearch: false,
    // Results are sorted by date only; `year` is filtered, never sorted.
    sortableAttributes: ['date'],
    // `sort` first: a date-sorted query is ordered by date, not by relevance with date as a tie-break.
    rankingRules: [
      'sort',
      'words',
      'typo',
      'attributeRank',
      'proximity',
      // Before word position: a field value that is the query ("CAC") says more than where a word stands, and so
      // does law in force.
      'exactness',
      'statusRank:asc',
      'wordPosition',
      'kindRank:asc',
      'order:asc',
    ],
    // The embedded adapter's budget (tokenize.ts `typoBudget`): none under 5 letters, 1 from 5, 2 from 9, and
    // never on a number.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
    synonyms: {},
    separatorTokens: [...symbolSeparators],
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits },
  };
}

/**
 * Highlight tags from the Private Use Area, which no corpus text contains: a highlighted field's text is its
 * `_formatted` value with the tags taken out.
 */
export const highlightTags = { pre: '\uE000', post: '\uE001' } as const;

/** A `_formatted` value (a string, or a list field's strings) without the highlight tags. */
function withoutTags(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll(highlightTags.pre, '').replaceAll(highlightTags.post, '');
  return Array.isArray(value) ? value.map(withoutTags) : undefined;
}

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
  return tokensOf(text)
    .filter((token: Token) => ranges.some(([start, end]) => token.start < end && start < token.end))
    .map((token) => token.term);
}

/**
 * The shape of a Meilisearch hit this adapter asks for (attributesToRetrieve, _formatted, _rankingScore): the
 * searchable fields either plain or, when highlighted, in `_formatted` only.
 */
export interface MeiliHit {
  id: string;
  kind: SearchableKind;
  group: string;
  title: string;
  [field: string]: unknown;
  _formatted?: Record<string, unknown>;
  _rankingScore?: number;
}

export interface MappedHit {
  hit: SearchHit;
  /** Folded words Meilisearch matched in this hit, by whatever means (exact, typo, prefix). */
  matchedWords: string[];
}

/** A field's text as stored: list fields joined as the embedded adapter shows them. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join(' · ');
  return undefined;
}

/**
 * A Meilisearch hit as the port's SearchHit. Meilisearch's tokeniser and ours cut words differently
 * (and it may highlight only the matched prefix of a word), so its highlights only tell which of our
 * words matched; the title, snippet and matched fields are then worked out exactly as the embedded adapter does.
 */
export function toSearchHit(hit: MeiliHit, words: QueryWord[], withScore: boolean): MappedHit {
  const texts: FieldTexts = {};
  const matched = new Set<string>();
  for (const field of searchFields) {
    const formatted = hit._formatted?.[field];
    // A highlighted field comes only in `_formatted` (the search asks for it once, not twice).
    const original = hit[field] ?? withoutTags(formatted);
    const text = textOf(original);
    if (!text) continue;
    texts[field] = text;
    const pieces: [unknown, unknown][] = Array.isArray(original)
      ? original.map((item, index) => [item, Array.isArray(formatted) ? formatted[index] : undefined])
      : [[original, formatted]];
    for (const [plain, marked] of pieces) {
      // A value Meilisearch marked nothing in holds no matched word: it need not be cut into words at all.
      if (typeof plain !== 'string' || typeof marked !== 'string' || !marked.includes(highlightTags.pre)) continue;
      for (const word of wordsIn(plain, formattedRanges(plain, marked) ?? [])) matched.add(word);
    }
  }
  const matches: TermMatcher = (term) => matched.has(term);
  return {
    hit: explainHit(hit, texts, { matches, terms: [...matched] }, words, withScore ? (hit._rankingScore ?? 0) : 0),
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
    const typos = candidates.filter((word) => withinEdits(term, word, typoBudget(term))).sort();
    if (typos.length > 0) expansions.push({ term, matched: typos, kind: 'typo' });
    const completed =
      index === terms.length - 1
        ? candidates.filter((word) => word.startsWith(term) && !typos.includes(word)).sort()
        : [];
    if (completed.length > 0) expansions.push({ term, matched: completed, kind: 'prefix' });
  });
  return expansions;
}

/**
 * Between two words of a query, what Meilisearch is sent: its punctuation, which Meilisearch reads as separators (a
 * full stop as a hard one, across which it joins no words: "B.E." is not "be"), but not a quote, which would start a
 * phrase, nor a minus after a space, which would exclude the next word, nor "…"; every other character (symbols,
 * emoji) becomes a space.
 */
const notSentBetweenWords = /(?!^-)[-"…]|[^\p{P}]/gu;

/**
 * `q` for Meilisearch: the words the shared tokeniser finds in the query, so that both adapters search for the same
 * words. Meilisearch reads `"…"` as a phrase and a leading `-` as "without this word", and keeps many symbols (`^`,
 * `$`, `|`, `=`, `<`, `~`, `…`, emoji) as words of their own that no document holds, so with every word required
 * one symbol matched nothing. Text before the first word and after the last is dropped; adjacent segments of an
 * unspaced script stay together, as the embedded index wants them. The last word is a prefix unless a space follows
 * it, so a number, never a prefix, gets one. Empty when the text has no word.
 */
export function meiliQueryText(text: string): string {
  const tokens = tokenize(text);
  let q = '';
  let previousEnd = -1;
  for (const token of tokens) {
    if (previousEnd >= 0) {
      q += text.slice(previousEnd, token.start).replace(notSentBetweenWords, ' ').replace(/ +/gu, ' ');
    }
    q += text.slice(token.start, token.end);
    previousEnd = token.end;
  }
  const last = tokens.at(-1);
  return last && !isExpandable(last.term) ? `${q} ` : q;
}
