/**
 * Highlighted snippets cut from the original text, found by re-tokenising it with the search
 * tokeniser, so folded matches ("mang") highlight the characters as written ("mạng").
 */
import type { Snippet } from '../search-index.js';
import { type Token, tokenize } from '../tokenize.js';

/** Whether a folded token counts as a match of the query. */
export type TermMatcher = (term: string) => boolean;

const ellipsis = '…';

/** The whole text with every matching token highlighted; `tokens` are the text's, when already known. */
export function highlightAll(text: string, matches: TermMatcher, tokens: Token[] = tokenize(text)): Snippet {
  const highlights: [number, number][] = [];
  for (const token of tokens) {
    if (matches(token.term)) highlights.push([token.start, token.end]);
  }
  return { text, highlights };
}

/**
 * A window of about `windowWords` words around the best match: the window holding the most distinct
 * matched terms, then the most matches. Cut ends are marked with an ellipsis.
 */
export function snippetAround(
  text: string,
  matches: TermMatcher,
  windowWords = 30,
  tokens: Token[] = tokenize(text),
): Snippet {
  if (tokens.length <= windowWords) return highlightTokens(text, tokens, matches, 0, text.length);
  const first = bestWindowStart(tokens, matches, windowWords);
  const last = first + windowWords - 1;
  const from = first === 0 ? 0 : (tokens[first] as Token).start;
  const to = last >= tokens.length - 1 ? text.length : (tokens[last] as Token).end;
  return highlightTokens(text, tokens.slice(first, last + 1), matches, from, to);
}

function bestWindowStart(tokens: Token[], matches: TermMatcher, windowWords: number): number {
  const matched = tokens.map((token) => (matches(token.term) ? token.term : undefined));
  const firstMatch = matched.findIndex((term) => term !== undefined);
  if (firstMatch < 0) return 0;
  const inWindow = new Map<string, number>();
  let matchesInWindow = 0;
  const add = (index: number, delta: number): void => {
    const term = matched[index];
    if (term === undefined) return;
    const count = (inWindow.get(term) ?? 0) + delta;
    if (count === 0) inWindow.delete(term);
    else inWindow.set(term, count);
    matchesInWindow += delta;
  };
  for (let index = 0; index < windowWords; index++) add(index, 1);
  let best = 0;
  let bestDistinct = inWindow.size;
  let bestMatches = matchesInWindow;
  for (let start = 1; start + windowWords <= tokens.length; start++) {
    add(start - 1, -1);
    add(start + windowWords - 1, 1);
    if (inWindow.size > bestDistinct || (inWindow.size === bestDistinct && matchesInWindow > bestMatches)) {
      best = start;
      bestDistinct = inWindow.size;
      bestMatches = matchesInWindow;
    }
  }
  // Start a few words before the first match of the window, so the match reads in context.
  const firstInWindow = matched.findIndex((term, index) => index >= best && term !== undefined);
  const lead = Math.min(firstInWindow - best, Math.floor(windowWords / 5));
  return Math.max(0, Math.min(firstInWindow - lead, tokens.length - windowWords));
}

function highlightTokens(text: string, tokens: Token[], matches: TermMatcher, from: number, to: number): Snippet {
  const prefix = from > 0 ? ellipsis : '';
  const suffix = to < text.length ? ellipsis : '';
  const shift = prefix.length - from;
  const highlights: [number, number][] = [];
  for (const token of tokens) {
    if (matches(token.term)) highlights.push([token.start + shift, token.end + shift]);
  }
  return { text: `${prefix}${text.slice(from, to)}${suffix}`, highlights };
}
