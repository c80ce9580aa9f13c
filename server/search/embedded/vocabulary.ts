/**
 * The index vocabulary in memory, for expanding query terms by prefix and by typo. Terms are kept
 * sorted, so a prefix is a binary-searched range and the edit-distance search can reuse the
 * dynamic-programming rows of the shared prefix of neighbouring terms, pruning whole ranges at once
 * (a trie walk without building the trie).
 */

export interface VocabularyTerm {
  term: string;
  /** How many documents contain the term. */
  documents: number;
}

export interface TypoMatch extends VocabularyTerm {
  typos: number;
}

/** Typo searches kept between queries: each walks much of the vocabulary, and query words recur. */
const cachedTypoSearches = 256;

export class Vocabulary {
  private readonly terms: string[];
  private readonly documentCounts: Uint32Array;
  /** Recent `withinTypos` answers by arguments, least recent first. */
  private readonly typoSearches = new Map<string, TypoMatch[]>();

  constructor(entries: VocabularyTerm[]) {
    // Sorted here in UTF-16 order, the order the binary searches compare in (SQLite sorts UTF-8 bytes).
    const sorted = [...entries].sort((a, b) => compareCodeUnits(a.term, b.term));
    this.terms = sorted.map((entry) => entry.term);
    this.documentCounts = Uint32Array.from(sorted, (entry) => entry.documents);
  }

  get size(): number {
    return this.terms.length;
  }

  /** Terms that start with `prefix` other than `prefix` itself: how many, and the `limit` most frequent. */
  withPrefix(prefix: string, limit: number): { count: number; top: VocabularyTerm[] } {
    const from = this.lowerBound(prefix);
    const to = this.lowerBound(`${prefix}\uffff`);
    const found: VocabularyTerm[] = [];
    for (let index = from; index < to; index++) {
      const term = this.terms[index] as string;
      if (term !== prefix) found.push({ term, documents: this.documentCounts[index] as number });
    }
    return { count: found.length, top: mostFrequent(found, limit) };
  }

  /** Every term that starts with `prefix`, `prefix` itself included: what an FTS5 prefix query matches. */
  startingWith(prefix: string): string[] {
    return this.terms.slice(this.lowerBound(prefix), this.lowerBound(`${prefix}\uffff`));
  }

  /** Terms within `maxTypos` edits (Levenshtein) of `word`, excluding `word`; fewest typos, then most frequent. */
  withinTypos(word: string, maxTypos: number, limit: number): TypoMatch[] {
    if (maxTypos <= 0 || this.terms.length === 0) return [];
    const key = `${maxTypos} ${limit} ${word}`;
    const cached = this.typoSearches.get(key);
    if (cached) {
      this.typoSearches.delete(key);
      this.typoSearches.set(key, cached);
      return cached;
    }
    const found = this.searchTypos(word, maxTypos).slice(0, limit);
    this.typoSearches.set(key, found);
    if (this.typoSearches.size > cachedTypoSearches) {
      this.typoSearches.delete(this.typoSearches.keys().next().value as string);
    }
    return found;
  }

  /** Every term within `maxTypos` edits of `word`, excluding `word`, in the order `withinTypos` returns. */
  private searchTypos(word: string, maxTypos: number): TypoMatch[] {
    const target = [...word];
    const width = target.length + 1;
    // rows[depth] holds the distances between the first `depth` characters of a term and every prefix of `word`.
    const rows: Uint16Array[] = [Uint16Array.from({ length: width }, (_, column) => column)];
    let rowsValid = 0;
    let previous: string[] = [];
    const found: TypoMatch[] = [];
    let index = 0;
    while (index < this.terms.length) {
      const term = this.terms[index] as string;
      const characters = [...term];
      let depth = Math.min(sharedPrefixLength(previous, characters), rowsValid);
      let pruned = false;
      while (depth < characters.length) {
        const above = rows[depth] as Uint16Array;
        const row = rows[depth + 1] ?? new Uint16Array(width);
        rows[depth + 1] = row;
        row[0] = depth + 1;
        let rowMinimum = row[0];
        for (let column = 1; column < width; column++) {
          const substitution = (above[column - 1] as number) + (target[column - 1] === characters[depth] ? 0 : 1);
          const value = Math.min(substitution, (above[column] as number) + 1, (row[column - 1] as number) + 1);
          row[column] = value;
          if (value < rowMinimum) rowMinimum = value;
        }
        depth++;
        if (rowMinimum > maxTypos) {
          pruned = true;
          break;
        }
      }
      rowsValid = depth;
      previous = characters;
      if (pruned) {
        // No term sharing these first `depth` characters can come within budget: jump past all of them.
        index = this.lowerBound(`${characters.slice(0, depth).join('')}\uffff`);
        continue;
      }
      const distance = (rows[characters.length] as Uint16Array)[width - 1] as number;
      if (distance <= maxTypos && distance > 0) {
        found.push({ term, documents: this.documentCounts[index] as number, typos: distance });
      }
      index++;
    }
    return found.sort((a, b) => a.typos - b.typos || b.documents - a.documents || compareCodeUnits(a.term, b.term));
  }

  private lowerBound(value: string): number {
    let low = 0;
    let high = this.terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.terms[middle] as string) < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function sharedPrefixLength(a: string[], b: string[]): number {
  const length = Math.min(a.length, b.length);
  let shared = 0;
  while (shared < length && a[shared] === b[shared]) shared++;
  return shared;
}

function mostFrequent<T extends VocabularyTerm>(terms: T[], limit: number): T[] {
  return terms.sort((a, b) => b.documents - a.documents || compareCodeUnits(a.term, b.term)).slice(0, limit);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
