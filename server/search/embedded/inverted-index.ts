/**
 * The in-memory inverted index behind the embedded search: postings by term in typed arrays, and every
 * document's term sequence for phrase matching. Matching and BM25 run here rather than in SQLite FTS5:
 * FTS5 computes BM25 with a docsize lookup per match and hands rows to JavaScript one at a time, which
 * costs 50–170 ms for a two-word query matching 60,000 of 100,000 documents; a pass over two posting
 * lists here costs about a millisecond. Scores follow FTS5's bm25() (same IDF floor, same column
 * weights), with document length counted over the title and text columns only, so theme keywords do
 * not lengthen a document.
 *
 * BM25 only orders matches of equal rank penalty, as Meilisearch's bucket sort orders by its "typo"
 * rule before anything else: typos first, then words found only among theme keywords, then words
 * found only as a prefix. An exact word thus outranks a near-miss spelling however often it occurs.
 */

/** One alternative of a query word, as FTS5 calls a phrase: a term, every term with a prefix, or a term sequence. */
export type Phrase =
  | { kind: 'term'; term: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'sequence'; terms: string[] };

/** One alternative of a query word with how far it is from what was typed. */
export interface Alternative {
  phrase: Phrase;
  typos: number;
  /** Whether it is a completion of the typed word rather than the word itself. */
  byPrefix: boolean;
  /** Ranks rows but adds nothing to BM25: the typed word inside a prefix phrase that already scores it. */
  rankOnly?: boolean;
}

/** A document's folded terms by column: title, local title, text, theme keywords. */
export type DocumentTerms = readonly [readonly string[], readonly string[], readonly string[], readonly string[]];

export interface IndexMatches {
  /** Matching rows, ascending. */
  rows: Uint32Array;
  /** Score of each matching row, by position in `rows` (BM25, higher is better). */
  scores: Float64Array;
  /**
   * Rank penalty of each matching row, by position in `rows` (lower ranks first, before any score): typos, then
   * theme-only words, then prefixes. Absent when every match is exact, so ranking then reads the scores alone.
   */
  penalties?: Uint16Array;
}

/** BM25 column weights: title, local title, text, theme keywords. */
const columnWeights = [4, 4, 1, 0.5] as const;
const columnCount = columnWeights.length;
/** Columns before this one hold the document's own words; the rest are theme keywords. */
const contentColumns = 3;
const k1 = 1.2;
const b = 0.75;
/**
 * Penalty steps, each larger than everything below it can add up to, in 16 bits (half the memory per
 * query of 32) for up to `maxGroups` query words of at most 2 typos each.
 */
const typoPenalty = 1 << 10;
const themeOnlyPenalty = 1 << 5;
const prefixPenalty = 1;
const maxGroups = 31;
/** A match's score (8 bytes), row (4) and penalty (2), laid out in that order in one buffer. */
export const bytesPerMatch = 14;
/**
 * Derived postings (prefix unions, term sequences) kept between queries: building one scans every
 * candidate row's terms, and the same common words recur across queries that the match cache tells apart.
 */
const cachedDerivedPostings = 64;

interface Posting {
  rows: Uint32Array;
  /** Column-weighted occurrences, by position in `rows`. */
  frequencies: Float32Array;
  /** 1 where the row has the phrase in its title or text, 0 where only among its theme keywords. */
  inContent: Uint8Array;
}

const emptyPosting: Posting = {
  rows: new Uint32Array(0),
  frequencies: new Float32Array(0),
  inContent: new Uint8Array(0),
};

export class InvertedIndex {
  readonly documentCount: number;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Postings of term t are at [postingStart[t], postingStart[t + 1]). */
  private readonly postingStart: Uint32Array;
  private readonly postingRows: Uint32Array;
  private readonly postingFrequencies: Float32Array;
  private readonly postingInContent: Uint8Array;
  /** Terms of row r, column c are tokens[tokenStart[r * 4 + c] .. tokenStart[r * 4 + c + 1]). */
  private readonly tokenStart: Uint32Array;
  private readonly tokens: Uint32Array;
  /** BM25's length normalisation by row, k1 · (1 − b + b · length / average length), worked out once. */
  private readonly lengthNorms: Float64Array;
  /**
   * Per-row working arrays of `match`, kept between calls: allocating them per query costs more in GC than
   * clearing. Scores and penalties need no clearing: a row's are set when it first matches the first word.
   */
  private readonly scoreByRow: Float64Array;
  private readonly penaltyByRow: Uint16Array;
  private readonly matchedRows: Uint32Array;
  private readonly groupsMatched: Uint8Array;
  private readonly lastGroup: Uint8Array;
  /** The penalty of the row's cheapest alternative so far in the current group (valid where lastGroup is current). */
  private readonly groupPenalty: Uint16Array;
  /** Recently built derived postings by phrase key, least recent first. */
  private readonly derivedPostings = new Map<string, Posting>();

  /**
   * `termsOf` is asked for each row's terms once, in row order, so the caller can split them from stored
   * text as they are needed: every document's terms as strings at once would double the memory of a load.
   */
  constructor(documentCount: number, termsOf: (row: number) => DocumentTerms) {
    this.documentCount = documentCount;
    this.tokenStart = new Uint32Array(documentCount * columnCount + 1);
    let tokens = new Uint32Array(1024);
    let total = 0;
    for (let row = 0; row < documentCount; row++) {
      const columns = termsOf(row);
      for (let column = 0; column < columnCount; column++) {
        const terms = columns[column] as readonly string[];
        if (total + terms.length > tokens.length) {
          const grown = new Uint32Array(Math.max(tokens.length * 2, total + terms.length));
          grown.set(tokens);
          tokens = grown;
        }
        for (const term of terms) tokens[total++] = this.idOf(term);
        this.tokenStart[row * columnCount + column + 1] = total;
      }
    }
    this.tokens = tokens.slice(0, total);
    const contentLength = (row: number): number =>
      (this.tokenStart[row * columnCount + contentColumns] as number) - this.rowStart(row);
    let totalContent = 0;
    for (let row = 0; row < documentCount; row++) totalContent += contentLength(row);
    const averageLength = documentCount > 0 ? totalContent / documentCount : 0;
    this.lengthNorms = new Float64Array(documentCount);
    this.scoreByRow = new Float64Array(documentCount);
    this.penaltyByRow = new Uint16Array(documentCount);
    this.matchedRows = new Uint32Array(documentCount);
    this.groupsMatched = new Uint8Array(documentCount);
    this.lastGroup = new Uint8Array(documentCount);
    this.groupPenalty = new Uint16Array(documentCount);
    for (let row = 0; row < documentCount; row++) {
      this.lengthNorms[row] = k1 * (1 - b + (b * contentLength(row)) / (averageLength || 1));
    }

    // Two passes: count each term's documents, then fill the postings in row order, so each list is sorted.
    const termCount = this.terms.length;
    const lastRow = new Int32Array(termCount).fill(-1);
    this.postingStart = new Uint32Array(termCount + 1);
    for (let row = 0; row < documentCount; row++) {
      for (let index = this.rowStart(row); index < this.rowEnd(row); index++) {
        const term = this.tokens[index] as number;
        if (lastRow[term] === row) continue;
        lastRow[term] = row;
        this.postingStart[term + 1] = (this.postingStart[term + 1] as number) + 1;
      }
    }
    for (let term = 0; term < termCount; term++) {
      this.postingStart[term + 1] = (this.postingStart[term + 1] as number) + (this.postingStart[term] as number);
    }
    const entries = this.postingStart[termCount] as number;
    this.postingRows = new Uint32Array(entries);
    this.postingFrequencies = new Float32Array(entries);
    this.postingInContent = new Uint8Array(entries);
    const cursor = this.postingStart.slice(0, termCount);
    const slot = new Uint32Array(termCount);
    lastRow.fill(-1);
    for (let row = 0; row < documentCount; row++) {
      for (let column = 0; column < columnCount; column++) {
        const weight = columnWeights[column] as number;
        const from = this.tokenStart[row * columnCount + column] as number;
        const to = this.tokenStart[row * columnCount + column + 1] as number;
        for (let index = from; index < to; index++) {
          const term = this.tokens[index] as number;
          if (lastRow[term] !== row) {
            lastRow[term] = row;
            const entry = cursor[term] as number;
            cursor[term] = entry + 1;
            slot[term] = entry;
            this.postingRows[entry] = row;
          }
          const entry = slot[term] as number;
          this.postingFrequencies[entry] = (this.postingFrequencies[entry] as number) + weight;
          if (column < contentColumns) this.postingInContent[entry] = 1;
        }
      }
    }
  }

  /** Every term with the number of documents that contain it. */
  vocabulary(): { term: string; documents: number }[] {
    return this.terms.map((term, id) => ({
      term,
      documents: (this.postingStart[id + 1] as number) - (this.postingStart[id] as number),
    }));
  }

  /**
   * Rows matching every group (a group matches when any of its alternatives does), scored as FTS5's
   * bm25() scores the equivalent expression: a sum over every phrase of the expression; and ranked by
   * the cheapest alternative of each group for that row. `termsWithPrefix` lists the indexed terms a prefix phrase
   * stands for.
   */
  match(
    groups: readonly (readonly Alternative[])[],
    termsWithPrefix: (prefix: string) => string[],
    storage: (bytes: number) => ArrayBuffer = (bytes) => new ArrayBuffer(bytes),
  ): IndexMatches {
    const count = this.documentCount;
    if (groups.length > maxGroups) throw new RangeError(`at most ${maxGroups} query words are ranked`);
    const { groupsMatched, lastGroup, groupPenalty, lengthNorms, scoreByRow: scores, penaltyByRow: penalties } = this;
    groupsMatched.fill(0);
    lastGroup.fill(0);
    // No word to start the sums: every row matches, scoring nothing.
    if (groups.length === 0) {
      scores.fill(0);
      penalties.fill(0);
    }
    for (let groupIndex = 0; groupIndex < groups.length; groupIndex++) {
      const stamp = groupIndex + 1;
      for (const alternative of groups[groupIndex] as readonly Alternative[]) {
        const { rows, frequencies, inContent } = this.postingOf(alternative.phrase, termsWithPrefix);
        if (rows.length === 0) continue;
        const idf = Math.max(Math.log((count - rows.length + 0.5) / (rows.length + 0.5)), 0) || 1e-6;
        const weight = alternative.rankOnly === true ? 0 : idf;
        const penalty = alternative.typos * typoPenalty + (alternative.byPrefix ? prefixPenalty : 0);
        const themeOnly = penalty + themeOnlyPenalty;
        for (let index = 0; index < rows.length; index++) {
          const row = rows[index] as number;
          // A row that missed an earlier group cannot match: its score and penalty would never be read.
          if (groupsMatched[row] !== groupIndex && lastGroup[row] !== stamp) continue;
          const frequency = frequencies[index] as number;
          const score = (weight * (frequency * (k1 + 1))) / (frequency + (lengthNorms[row] as number));
          const rowPenalty = inContent[index] === 1 ? penalty : themeOnly;
          if (lastGroup[row] !== stamp) {
            lastGroup[row] = stamp;
            groupsMatched[row] = stamp;
            groupPenalty[row] = rowPenalty;
            // The first word starts the row's sums afresh, whatever an earlier query left there.
            scores[row] = groupIndex === 0 ? score : (scores[row] as number) + score;
            penalties[row] = groupIndex === 0 ? rowPenalty : (penalties[row] as number) + rowPenalty;
          } else {
            scores[row] = (scores[row] as number) + score;
            if (rowPenalty < (groupPenalty[row] as number)) {
              penalties[row] = (penalties[row] as number) - (groupPenalty[row] as number) + rowPenalty;
              groupPenalty[row] = rowPenalty;
            }
          }
        }
      }
    }
    const matched = this.matchedRows;
    let at = 0;
    let penalized = false;
    for (let row = 0; row < count; row++) {
      if (groupsMatched[row] !== groups.length) continue;
      matched[at++] = row;
      if (penalties[row] !== 0) penalized = true;
    }
    // One buffer for all three, taken from the caller, which can recycle those of evicted matches: a fresh
    // buffer per query is external memory, whose growth sets off full collections of a large heap.
    const buffer = storage(at * bytesPerMatch);
    const rowScores = new Float64Array(buffer, 0, at);
    const rows = new Uint32Array(buffer, at * 8, at);
    rows.set(matched.subarray(0, at));
    for (let index = 0; index < at; index++) rowScores[index] = scores[rows[index] as number] as number;
    if (!penalized) return { rows, scores: rowScores };
    const rowPenalties = new Uint16Array(buffer, at * 12, at);
    for (let index = 0; index < at; index++) rowPenalties[index] = penalties[rows[index] as number] as number;
    return { rows, scores: rowScores, penalties: rowPenalties };
  }

  private idOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  private rowStart(row: number): number {
    return this.tokenStart[row * columnCount] as number;
  }

  private rowEnd(row: number): number {
    return this.tokenStart[(row + 1) * columnCount] as number;
  }

  private termPosting(term: string): Posting {
    const id = this.termIds.get(term);
    if (id === undefined) return emptyPosting;
    const from = this.postingStart[id] as number;
    const to = this.postingStart[id + 1] as number;
    return {
      rows: this.postingRows.subarray(from, to),
      frequencies: this.postingFrequencies.subarray(from, to),
      inContent: this.postingInContent.subarray(from, to),
    };
  }

  private postingOf(phrase: Phrase, termsWithPrefix: (prefix: string) => string[]): Posting {
    if (phrase.kind === 'term') return this.termPosting(phrase.term);
    if (phrase.kind === 'sequence' && phrase.terms.length === 1) return this.termPosting(phrase.terms[0] as string);
    const key = phrase.kind === 'prefix' ? `${phrase.prefix}*` : phrase.terms.join(' ');
    const cached = this.derivedPostings.get(key);
    if (cached) {
      this.derivedPostings.delete(key);
      this.derivedPostings.set(key, cached);
      return cached;
    }
    const posting =
      phrase.kind === 'prefix'
        ? this.union(termsWithPrefix(phrase.prefix).map((term) => this.termPosting(term)))
        : this.sequencePosting(phrase.terms);
    this.derivedPostings.set(key, posting);
    if (this.derivedPostings.size > cachedDerivedPostings) {
      this.derivedPostings.delete(this.derivedPostings.keys().next().value as string);
    }
    return posting;
  }

  /** One posting for several terms: a row's frequency is the sum of theirs, as FTS5 counts a prefix phrase. */
  private union(postings: Posting[]): Posting {
    if (postings.length === 1) return postings[0] as Posting;
    const frequencyByRow = new Float32Array(this.documentCount);
    // 1: present among theme keywords only; 2: present in the title or text.
    const present = new Uint8Array(this.documentCount);
    let distinct = 0;
    for (const posting of postings) {
      for (let index = 0; index < posting.rows.length; index++) {
        const row = posting.rows[index] as number;
        if (present[row] === 0) distinct++;
        present[row] = Math.max(present[row] as number, 1 + (posting.inContent[index] as number));
        frequencyByRow[row] = (frequencyByRow[row] as number) + (posting.frequencies[index] as number);
      }
    }
    const rows = new Uint32Array(distinct);
    const frequencies = new Float32Array(distinct);
    const inContent = new Uint8Array(distinct);
    let at = 0;
    for (let row = 0; row < this.documentCount && at < distinct; row++) {
      if (present[row] === 0) continue;
      rows[at] = row;
      inContent[at] = present[row] === 2 ? 1 : 0;
      frequencies[at++] = frequencyByRow[row] as number;
    }
    return { rows, frequencies, inContent };
  }

  /** Rows where the terms occur consecutively in one column, weighted by column per occurrence. */
  private sequencePosting(terms: readonly string[]): Posting {
    const ids = terms.map((term) => this.termIds.get(term));
    if (ids.some((id) => id === undefined)) return emptyPosting;
    const sequence = ids as number[];
    const rarest = sequence.reduce((best, id) => (this.documentsOf(id) < this.documentsOf(best) ? id : best));
    const candidates = this.termPosting(this.terms[rarest] as string).rows;
    const rows: number[] = [];
    const frequencies: number[] = [];
    const inContent: number[] = [];
    for (const row of candidates) {
      let frequency = 0;
      let contentFrequency = 0;
      for (let column = 0; column < columnCount; column++) {
        const from = this.tokenStart[row * columnCount + column] as number;
        const to = this.tokenStart[row * columnCount + column + 1] as number;
        for (let start = from; start + sequence.length <= to; start++) {
          let offset = 0;
          while (offset < sequence.length && this.tokens[start + offset] === sequence[offset]) offset++;
          if (offset === sequence.length) {
            frequency += columnWeights[column] as number;
            if (column < contentColumns) contentFrequency++;
          }
        }
      }
      if (frequency > 0) {
        rows.push(row);
        frequencies.push(frequency);
        inContent.push(contentFrequency > 0 ? 1 : 0);
      }
    }
    return {
      rows: Uint32Array.from(rows),
      frequencies: Float32Array.from(frequencies),
      inContent: Uint8Array.from(inContent),
    };
  }

  private documentsOf(id: number): number {
    return (this.postingStart[id + 1] as number) - (this.postingStart[id] as number);
  }
}
