/**
 * Why a hit matched, worked out the same way for every adapter from the words it matched: the fields that
 * hold them, each highlighted in its own script, and how those words differ from the words typed.
 */
import { highlightAll, snippetAround, type TermMatcher } from './embedded/snippet.js';
import type { ExpansionKind, FieldMatch, SearchDocument, SearchField, SearchHit } from './search-index.js';
import { searchFields } from './search-index.js';
import { foldText, isExpandable, type Token, tokenize, typoBudget } from './tokenize.js';

/** The text of each searchable field of a document; list fields joined for display. */
export type FieldTexts = Partial<Record<SearchField, string>>;

const listSeparator = ' · ';
/**
 * Tokens of recently explained texts. Hits share their theme keywords, country names and instrument titles, and
 * these are the slow texts to cut (Chinese and Thai go through the word segmenter).
 */
const tokenCache = new Map<string, Token[]>();
const tokenCacheSize = 2048;

const foldedCache = new Map<string, string>();

function foldedOf(text: string): string {
  const cached = foldedCache.get(text);
  if (cached !== undefined) return cached;
  const folded = foldText(text);
  foldedCache.set(text, folded);
  if (foldedCache.size > tokenCacheSize) foldedCache.delete(foldedCache.keys().next().value as string);
  return folded;
}

export function tokensOf(text: string): Token[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const tokens = tokenize(text);
  tokenCache.set(text, tokens);
  if (tokenCache.size > tokenCacheSize) tokenCache.delete(tokenCache.keys().next().value as string);
  return tokens;
}

export function fieldTexts(document: SearchDocument): FieldTexts {
  const texts: FieldTexts = {};
  for (const field of searchFields) {
    const value = document[field];
    const text = Array.isArray(value) ? value.join(listSeparator) : value;
    if (text) texts[field] = text;
  }
  return texts;
}

/** A query word as typed (lower-cased, accents kept) and as matched (folded). */
export interface QueryWord {
  typed: string;
  term: string;
}

export function queryWords(text: string): QueryWord[] {
  return tokenize(text).map((token) => ({
    typed: text.slice(token.start, token.end).normalize('NFC').toLowerCase(),
    term: token.term,
  }));
}

/** Which folded terms count as matched; every one of them contains one of `terms`. */
export interface HitMatcher {
  matches: TermMatcher;
  terms: readonly string[];
}

/** The title, snippet, matched fields and expansions of a hit whose matched words `matcher` accepts. */
export function explainHit(
  document: Pick<SearchDocument, 'id' | 'kind' | 'group' | 'title'>,
  texts: FieldTexts,
  { matches, terms }: HitMatcher,
  words: QueryWord[],
  score: number,
): SearchHit {
  const matchedFields: FieldMatch[] = [];
  const via = new Set<ExpansionKind>();
  const text = texts.text ?? '';
  let textTokens: Token[] | undefined;
  for (const field of searchFields) {
    const fieldText = texts[field];
    if (!fieldText) continue;
    // A document's own text is its alone: caching it would only keep it alive, to be copied by every collection.
    const own = field === 'text';
    // Cutting a text into words is the slow part (Chinese and Thai go through the segmenter): a field whose
    // folded text contains no matched term cannot hold a matched word.
    const folded = own ? foldText(fieldText) : foldedOf(fieldText);
    if (!terms.some((term) => folded.includes(term))) continue;
    const tokens = own ? tokenize(fieldText) : tokensOf(fieldText);
    if (own) textTokens = tokens;
    let matched = false;
    for (const token of tokens) {
      if (!matches(token.term)) continue;
      matched = true;
      const how = expansionOf(fieldText.slice(token.start, token.end), token.term, words);
      if (how) via.add(how);
    }
    if (matched) matchedFields.push({ field, snippet: snippetAround(fieldText, matches, undefined, tokens) });
  }
  return {
    id: document.id,
    kind: document.kind,
    group: document.group,
    score,
    title: highlightAll(document.title, matches, tokensOf(document.title)),
    snippet: snippetAround(text, matches, undefined, textTokens ?? tokenize(text)),
    matchedFields,
    via: [...via].sort(),
  };
}

/** How a matched document word relates to the query: undefined when it is a word as typed. */
function expansionOf(written: string, term: string, words: QueryWord[]): ExpansionKind | undefined {
  const same = words.filter((word) => word.term === term);
  if (same.length > 0) {
    const surface = written.normalize('NFC').toLowerCase();
    return same.some((word) => word.typed === surface) ? undefined : 'folding';
  }
  const last = words[words.length - 1];
  if (last && isExpandable(last.term) && term.startsWith(last.term)) return 'prefix';
  if (words.some((word) => isExpandable(word.term) && withinEdits(word.term, term, typoBudget(word.term)))) {
    return 'typo';
  }
  return 'synonym';
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
