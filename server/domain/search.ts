/**
 * What a search answers, over the SearchIndex port, the same for every adapter:
 *
 * - No dead ends. Documents matching every query word come first; when they are fewer than the page needs,
 *   documents matching fewer words follow. Words are left out one at a time, least useful first: a word that
 *   matches nothing at all, then the word that matches the most documents (as Meilisearch's `frequency`
 *   matching strategy drops words), until some document matches all that remain. The answer names the words
 *   left out.
 * - One result per instrument by default (entities are results of their own), each with its best-matching
 *   provisions and quotes.
 */
import type { SearchFilter, SearchHit, SearchIndex, SearchResult, SearchSort } from '../search/search-index.js';
import { tokenize } from '../search/tokenize.js';

export interface SearchRequest {
  text: string;
  filter: SearchFilter;
  sort: SearchSort;
  offset: number;
  limit: number;
  /** One result per instrument (default), or every matching provision and quote on its own. */
  grouped: boolean;
}

export interface AnsweredHit extends SearchHit {
  /** Whether the hit has every word of the query (false: it matched without the words left out). */
  allWords: boolean;
  /** In grouped results: the group's other best-matching provisions and quotes, best first. */
  matches: SearchHit[];
}

export interface SearchAnswer extends Omit<SearchResult, 'hits'> {
  hits: AnsweredHit[];
  /** Query words no result has together with the others, in query order; the results match without them. */
  leftOut: string[];
}

/** Provisions and quotes listed under a grouped result. */
export const matchesPerGroup = 3;
/** Words a query is split into for leaving some out; more are kept as typed but never left out. */
const maxRelaxedWords = 12;
/** The most hits one page of an answer may gather from the index. */
const maxGathered = 1000;

export async function answerSearch(index: SearchIndex, request: SearchRequest): Promise<SearchAnswer> {
  const base = { filter: request.filter, sort: request.sort, collapse: request.grouped };
  const needed = request.offset + request.limit;
  const full = await index.search({ ...base, text: request.text, offset: request.offset, limit: request.limit });
  const words = queryWordsOf(request.text);
  const relaxed = full.total < needed && words.length > 1 ? await relaxQuery(index, words, base) : undefined;
  if (!relaxed) {
    return {
      ...full,
      hits: await withMatches(index, request, request.text, full.hits, true),
      leftOut: [],
    };
  }
  // Every document with all the words also has the fewer words: the relaxed results hold the full ones.
  const [allWords, fewerWords] = await Promise.all([
    full.total > full.hits.length || request.offset > 0
      ? index.search({ ...base, text: request.text, offset: 0, limit: full.total })
      : Promise.resolve(full),
    index.search({ ...base, text: relaxed.text, offset: 0, limit: Math.min(maxGathered, needed + full.total) }),
  ]);
  if (fewerWords.total <= allWords.total) {
    // Leaving words out found nothing more: every result has all the words.
    return { ...full, hits: await withMatches(index, request, request.text, full.hits, true), leftOut: [] };
  }
  const fullIds = new Set(allWords.hits.map((hit) => hit.id));
  const merged = [...allWords.hits, ...fewerWords.hits.filter((hit) => !fullIds.has(hit.id))];
  const pageHits = merged.slice(request.offset, needed);
  const [fullPage, relaxedPage] = [
    pageHits.filter((hit) => fullIds.has(hit.id)),
    pageHits.filter((hit) => !fullIds.has(hit.id)),
  ];
  const [fullAnswered, relaxedAnswered] = await Promise.all([
    withMatches(index, request, request.text, fullPage, true),
    withMatches(index, request, relaxed.text, relaxedPage, false),
  ]);
  return {
    hits: [...fullAnswered, ...relaxedAnswered],
    total: Math.max(fewerWords.total, allWords.total),
    facets: fewerWords.facets,
    expansions: distinctExpansions([...full.expansions, ...fewerWords.expansions]),
    leftOut: relaxed.leftOut,
  };
}

/** The query's words as typed (split at spaces), those with at least one searchable token. */
export function queryWordsOf(text: string): string[] {
  return text
    .split(/\s+/u)
    .filter((word) => tokenize(word).length > 0)
    .slice(0, maxRelaxedWords);
}

/**
 * The query with the fewest, least useful words left out such that some document matches all the rest;
 * undefined when no single word matches anything.
 */
async function relaxQuery(
  index: SearchIndex,
  words: string[],
  base: { filter: SearchFilter; sort: SearchSort; collapse: boolean },
): Promise<{ text: string; leftOut: string[] } | undefined> {
  const countOf = async (text: string) => (await index.search({ ...base, text, offset: 0, limit: 0 })).total;
  const counts = await Promise.all(words.map(countOf));
  if (counts.every((count) => count === 0)) return undefined;
  // Least useful first: words matching nothing, then the most frequent; among equals, the later word.
  const order = words
    .map((word, position) => ({ word, position, count: counts[position] as number }))
    .sort((a, b) => {
      if ((a.count === 0) !== (b.count === 0)) return a.count === 0 ? -1 : 1;
      return b.count - a.count || b.position - a.position;
    });
  const left = new Set<number>();
  for (const { position } of order) {
    left.add(position);
    const kept = words.filter((_, at) => !left.has(at));
    if (kept.length === 0) return undefined;
    const text = kept.join(' ');
    if ((await countOf(text)) > 0) {
      return { text, leftOut: words.filter((_, at) => left.has(at)) };
    }
  }
  return undefined;
}

/** The hits with, in grouped results, each instrument's best-matching provisions and quotes under it. */
async function withMatches(
  index: SearchIndex,
  request: SearchRequest,
  text: string,
  hits: SearchHit[],
  allWords: boolean,
): Promise<AnsweredHit[]> {
  const kinds = (['Provision', 'Quote'] as const).filter(
    (kind) => !request.filter.kinds || request.filter.kinds.includes(kind),
  );
  const groups = hits.filter((hit) => hit.group !== hit.id || hit.kind === 'Instrument').map((hit) => hit.group);
  if (!request.grouped || groups.length === 0 || kinds.length === 0 || tokenize(text).length === 0) {
    return hits.map((hit) => ({ ...hit, allWords, matches: [] }));
  }
  const { hits: inside } = await index.search({
    text,
    filter: { ...request.filter, kinds: [...kinds], groups },
    sort: 'relevance',
    offset: 0,
    limit: groups.length * (matchesPerGroup + 1),
    // One more than shown: the hit itself may be among its group's best.
    perGroup: matchesPerGroup + 1,
  });
  const byGroup = new Map<string, SearchHit[]>();
  for (const hit of inside) byGroup.set(hit.group, [...(byGroup.get(hit.group) ?? []), hit]);
  return hits.map((hit) => ({
    ...hit,
    allWords,
    matches: (byGroup.get(hit.group) ?? []).filter((match) => match.id !== hit.id).slice(0, matchesPerGroup),
  }));
}

function distinctExpansions(expansions: SearchResult['expansions']): SearchResult['expansions'] {
  const seen = new Set<string>();
  return expansions.filter((expansion) => {
    const key = `${expansion.kind} ${expansion.term}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
