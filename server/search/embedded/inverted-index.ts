/**
 * The in-memory inverted index behind the embedded search: postings by term in typed arrays, and every
 * document's term sequence by field, for phrases, proximity, word positions and exactness.
 *
 * Matches are ranked by the rules written down in the README's search section, which the Meilisearch adapter
 * configures as its ranking rules, so both rank alike: fewer typos, then query words found in more important
 * fields (`searchFields` order), then query words closer together, then exactness (a field that is the query,
 * or starts with it, then more words matched as typed), then the instrument's status (in force first), then
 * query words nearer the start of a field, then kind (entities, instruments, provisions, quotes), then load
 * order. Each rule is a cost; the costs of one row are packed
 * into one number, most important in the highest bits, so ranking is one numeric comparison.
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
}

/** A document's folded terms by field, in `searchFields` order. */
export type DocumentTerms = readonly (readonly string[])[];

/** What the index keeps of a document: its terms, and its status and kind rank, 0–3 each. */
export interface IndexedDocument {
  terms: DocumentTerms;
  status: number;
  kind: number;
}

export interface IndexMatches {
  /** Matching rows, ascending. */
  rows: Uint32Array;
  /** Rank key of each matching row, by position in `rows`: lower ranks first. */
  keys: Float64Array;
}

/** Separates the values of a list field (aliases, country names): a query word never matches it. */
export const valueBoundary = '\u0000';

/** The costs a rank key packs, from the least significant: their widths in bits. */
const bits = { kind: 2, position: 8, status: 2, exactness: 4, proximity: 7, attribute: 7, typo: 5 } as const;
const maxProximityCost = 7;
/** Pairs of words farther apart than this count as far apart, as in Meilisearch. */
const maxDistance = 8;
/** Positions between the values of a list field: far apart for proximity. */
const listValueGap = maxDistance - 1;
/** At most this many query words are ranked: 12 words of at most 2 typos, 6 field steps, 7 proximity steps fit. */
const maxGroups = 12;
/**
 * Derived postings (prefix unions, term sequences) kept between queries: building one scans every
 * candidate row's terms, and the same common words recur across queries that the match cache tells apart.
 */
const cachedDerivedPostings = 64;

interface Posting {
  rows: Uint32Array;
  /** Bit f set where the row has the phrase in field f. */
  fields: Uint8Array;
  /** Where entry i's positions are: positions[positionStart[i] .. positionStart[i + 1]). */
  positionStart: Uint32Array;
  /** Each occurrence as `field << 16 | position`, ascending within an entry. */
  positions: Uint32Array;
}

const emptyPosting: Posting = {
  rows: new Uint32Array(0),
  fields: new Uint8Array(0),
  positionStart: new Uint32Array(1),
  positions: new Uint32Array(0),
};

/** Positions past this are counted as this: far from the start, and far from any other word. */
const maxPosition = 0xffff;

function encodePosition(field: number, position: number): number {
  return field * 0x10000 + Math.min(position, maxPosition);
}

/** The lowest set bit's index: the most important field of a mask. */
function firstField(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

export class InvertedIndex {
  readonly documentCount: number;
  readonly fieldCount: number;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Postings of term t are at [postingStart[t], postingStart[t + 1]). */
  private readonly postingStart: Uint32Array;
  private readonly postingRows: Uint32Array;
  private readonly postingFields: Uint8Array;
  /** Positions of posting entry e: positions[positionStart[e] .. positionStart[e + 1]). */
  private readonly positionStart: Uint32Array;
  private readonly positions: Uint32Array;
  /** Terms of row r, field f are tokens[tokenStart[r * fieldCount + f] .. tokenStart[r * fieldCount + f + 1]). */
  private readonly tokenStart: Uint32Array;
  private readonly tokens: Uint32Array;
  /** The document's own rank by row (status, then kind), the lowest bits of its key. */
  private readonly ownRanks: Uint8Array;
  /**
   * Per-row working arrays of `match`, kept between calls: allocating them per query costs more in GC than
   * clearing. The sums need no clearing: a row's are set when it first matches the first word. `groupsMatched`
   * is how many of the words read so far the row matched, each in turn: a row that missed one stays behind.
   */
  private readonly groupsMatched: Uint8Array;
  private readonly typoSum: Uint8Array;
  private readonly attributeSum: Uint8Array;
  private readonly exactWords: Uint8Array;
  /** The typos and most important field of the row's cheapest alternative so far in the current group. */
  private readonly groupTypos: Uint8Array;
  private readonly groupField: Uint8Array;
  /** By group × row: the posting entry and the (sorted) alternative that gave the row its reading of the word. */
  private readonly chosenEntry: Int32Array;
  private readonly chosenAlternative: Uint8Array;
  private readonly matchedRows: Uint32Array;
  private readonly boundaryId: number;
  /** Recently built derived postings by phrase key, least recent first. */
  private readonly derivedPostings = new Map<string, Posting>();

  /**
   * `documentOf` is asked for each row once, in row order, so the caller can read rows and split their terms
   * as they are needed: every document's terms as strings at once would double the memory of a load.
   */
  constructor(documentCount: number, fieldCount: number, documentOf: (row: number) => IndexedDocument) {
    this.documentCount = documentCount;
    this.fieldCount = fieldCount;
    this.boundaryId = this.idOf(valueBoundary);
    this.tokenStart = new Uint32Array(documentCount * fieldCount + 1);
    this.ownRanks = new Uint8Array(documentCount);
    let tokens = new Uint32Array(1024);
    let total = 0;
    for (let row = 0; row < documentCount; row++) {
      const { terms: fields, status, kind } = documentOf(row);
      this.ownRanks[row] = (status << bits.kind) | kind;
      for (let field = 0; field < fieldCount; field++) {
        const terms = fields[field] ?? [];
        if (total + terms.length > tokens.length) {
          const grown = new Uint32Array(Math.max(tokens.length * 2, total + terms.length));
          grown.set(tokens);
          tokens = grown;
        }
        for (const term of terms) tokens[total++] = this.idOf(term);
        this.tokenStart[row * fieldCount + field + 1] = total;
      }
    }
    this.tokens = tokens.slice(0, total);
    this.groupsMatched = new Uint8Array(documentCount);
    this.typoSum = new Uint8Array(documentCount);
    this.attributeSum = new Uint8Array(documentCount);
    this.exactWords = new Uint8Array(documentCount);
    this.groupTypos = new Uint8Array(documentCount);
    this.groupField = new Uint8Array(documentCount);
    this.chosenEntry = new Int32Array(maxGroups * documentCount);
    this.chosenAlternative = new Uint8Array(maxGroups * documentCount);
    this.matchedRows = new Uint32Array(documentCount);

    // Three passes: count each term's documents, fill the postings in row order (so each list is sorted) and count
    // each entry's occurrences, then fill in the occurrences' positions.
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
    this.postingFields = new Uint8Array(entries);
    this.positionStart = new Uint32Array(entries + 1);
    const cursor = this.postingStart.slice(0, termCount);
    const slot = new Uint32Array(termCount);
    lastRow.fill(-1);
    for (let row = 0; row < documentCount; row++) {
      for (let field = 0; field < fieldCount; field++) {
        const from = this.tokenStart[row * fieldCount + field] as number;
        const to = this.tokenStart[row * fieldCount + field + 1] as number;
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
          this.postingFields[entry] = (this.postingFields[entry] as number) | (1 << field);
          this.positionStart[entry + 1] = (this.positionStart[entry + 1] as number) + 1;
        }
      }
    }
    for (let entry = 0; entry < entries; entry++) {
      this.positionStart[entry + 1] = (this.positionStart[entry + 1] as number) + (this.positionStart[entry] as number);
    }
    this.positions = new Uint32Array(this.positionStart[entries] as number);
    // positionStart[e] serves as entry e's write cursor, so it ends at entry e + 1's start, and the array is
    // shifted by one after: a cursor array of its own would take as much memory again at the peak of a load.
    cursor.set(this.postingStart.subarray(0, termCount));
    lastRow.fill(-1);
    for (let row = 0; row < documentCount; row++) {
      for (let field = 0; field < fieldCount; field++) {
        this.forEachPosition(row, field, (term, position) => {
          if (lastRow[term] !== row) {
            lastRow[term] = row;
            slot[term] = cursor[term] as number;
            cursor[term] = (cursor[term] as number) + 1;
          }
          const entry = slot[term] as number;
          const at = this.positionStart[entry] as number;
          this.positionStart[entry] = at + 1;
          this.positions[at] = encodePosition(field, position);
        });
      }
    }
    this.positionStart.copyWithin(1, 0, entries);
    this.positionStart[0] = 0;
  }

  /**
   * Each token of a row's field with its position: one apart, and the values of a list field `listValueGap`
   * apart, as Meilisearch spaces them.
   */
  private forEachPosition(row: number, field: number, visit: (term: number, position: number) => void): void {
    const from = this.tokenStart[row * this.fieldCount + field] as number;
    const to = this.tokenStart[row * this.fieldCount + field + 1] as number;
    let position = -1;
    for (let index = from; index < to; index++) {
      const term = this.tokens[index] as number;
      position += term === this.boundaryId ? listValueGap : 1;
      visit(term, position);
    }
  }

  /** Every term with the number of documents that contain it. */
  vocabulary(): { term: string; documents: number }[] {
    return this.terms
      .map((term, id) => ({ term, documents: this.documentsOf(id) }))
      .filter((entry) => entry.term !== valueBoundary);
  }

  /**
   * Rows matching every group (a group matches when any of its alternatives does), with their rank keys. The
   * first alternative of a group is the word as typed; `termsWithPrefix` lists the indexed terms a prefix phrase
   * stands for.
   */
  match(
    groups: readonly (readonly Alternative[])[],
    termsWithPrefix: (prefix: string) => string[],
    storage: (bytes: number) => ArrayBuffer = (bytes) => new ArrayBuffer(bytes),
  ): IndexMatches {
    const count = this.documentCount;
    if (groups.length > maxGroups) throw new RangeError(`at most ${maxGroups} query words are ranked`);
    const { groupsMatched, typoSum, attributeSum, exactWords, groupTypos, groupField } = this;
    const { chosenEntry, chosenAlternative } = this;
    // Cheapest first, so a row's first alternative in a group is its reading of the word.
    const sortedGroups = groups.map((group) =>
      [...group].sort((a, b) => a.typos - b.typos || Number(a.byPrefix) - Number(b.byPrefix)),
    );
    const postings = sortedGroups.map((alternatives) =>
      alternatives.map((alternative) => this.postingOf(alternative.phrase, termsWithPrefix)),
    );
    // The rarest word first: a row that misses it is only read, not written, by the other words' loops.
    const entriesOf = (group: number) =>
      (postings[group] as Posting[]).reduce((sum, posting) => sum + posting.rows.length, 0);
    const order = groups.map((_, group) => group).sort((a, b) => entriesOf(a) - entriesOf(b));
    const lastGroup = order[order.length - 1] as number;
    // The last word's loop meets the matching rows in row order when they come from one posting list alone.
    const collectInLastLoop =
      (postings[lastGroup] as Posting[]).filter((posting) => posting.rows.length > 0).length <= 1;
    const matched = this.matchedRows;
    let at = 0;
    groupsMatched.fill(0);
    for (let step = 0; step < order.length; step++) {
      const groupIndex = order[step] as number;
      const stamp = step + 1;
      const collecting = collectInLastLoop && stamp === order.length;
      const alternatives = sortedGroups[groupIndex] as Alternative[];
      const groupPostings = postings[groupIndex] as Posting[];
      const chosen = groupIndex * count;
      for (const [alternativeIndex, alternative] of alternatives.entries()) {
        const { rows, fields } = groupPostings[alternativeIndex] as Posting;
        const typos = alternative.typos;
        const exact = typos === 0 && !alternative.byPrefix ? 1 : 0;
        for (let index = 0; index < rows.length; index++) {
          const row = rows[index] as number;
          const matchedSoFar = groupsMatched[row] as number;
          // A row that missed an earlier word cannot match: its sums would never be read.
          if (matchedSoFar === step) {
            const field = firstField(fields[index] as number);
            groupsMatched[row] = stamp;
            chosenEntry[chosen + row] = index;
            chosenAlternative[chosen + row] = alternativeIndex;
            groupTypos[row] = typos;
            groupField[row] = field;
            // The first word starts the row's sums afresh, whatever an earlier query left there.
            typoSum[row] = (step === 0 ? 0 : (typoSum[row] as number)) + typos;
            attributeSum[row] = (step === 0 ? 0 : (attributeSum[row] as number)) + field;
            exactWords[row] = (step === 0 ? 0 : (exactWords[row] as number)) + exact;
            if (collecting) matched[at++] = row;
          } else if (matchedSoFar === stamp && typos === groupTypos[row]) {
            // Among readings with as few typos, the most important field counts (Meilisearch ranks typos first).
            const field = firstField(fields[index] as number);
            if (field < (groupField[row] as number)) {
              attributeSum[row] = (attributeSum[row] as number) - (groupField[row] as number) + field;
              groupField[row] = field;
            }
          }
        }
      }
    }
    if (!collectInLastLoop) {
      for (let row = 0; row < count; row++) if (groupsMatched[row] === groups.length) matched[at++] = row;
    }

    // One buffer for both, taken from the caller, which can recycle those of evicted matches: a fresh
    // buffer per query is external memory, whose growth sets off full collections of a large heap.
    const buffer = storage(at * 12);
    const keys = new Float64Array(buffer, 0, at);
    const rows = new Uint32Array(buffer, at * 8, at);
    rows.set(matched.subarray(0, at));
    this.rankKeys(groups, postings, rows, keys);
    return { rows, keys };
  }

  /** The rank key of a row that any query matches (an empty query): its own rank alone. */
  ownKey(row: number): number {
    return this.ownRanks[row] as number;
  }

  /**
   * The rank key of each matched row. Besides the sums `match` worked out: proximity adds, for each pair of
   * consecutive query words, the distance of their closest pair of occurrences in one field (a word after the next
   * one counts one further; different fields count as far). Word position adds each word's earliest position.
   * Exactness: a field that is the query (0), one that starts with it (1), otherwise 2 plus the words not matched as
   * typed. One loop over the rows with the readings' position ranges in scratch arrays: this runs for every match
   * of a query, tens of thousands for common words.
   */
  private rankKeys(
    groups: readonly (readonly Alternative[])[],
    postings: readonly (readonly Posting[])[],
    rows: Uint32Array,
    keys: Float64Array,
  ): void {
    const count = this.documentCount;
    const groupCount = groups.length;
    const { chosenEntry, chosenAlternative, typoSum, attributeSum, exactWords, ownRanks } = this;
    // How many terms each word spans (a segmented Chinese word spans its segments), and where it starts in a query
    // typed as a field's whole start.
    const offsets = new Uint32Array(groupCount);
    let totalWidth = 0;
    for (let group = 0; group < groupCount; group++) {
      offsets[group] = totalWidth;
      const first = groups[group]?.[0]?.phrase;
      totalWidth += first?.kind === 'sequence' ? first.terms.length : 1;
    }
    // The reading of each word in the current row: its positions are positionsOf[g][from[g] .. to[g]).
    const positionsOf: Uint32Array[] = groups.map(() => emptyPosting.positions);
    const from = new Uint32Array(groupCount);
    const to = new Uint32Array(groupCount);
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index] as number;
      let position = 0;
      let proximity = 0;
      let firstEarliest = maxPosition;
      for (let group = 0; group < groupCount; group++) {
        const posting = (postings[group] as readonly Posting[])[
          chosenAlternative[group * count + row] as number
        ] as Posting;
        const entry = chosenEntry[group * count + row] as number;
        const positions = posting.positions;
        const start = posting.positionStart[entry] as number;
        const end = posting.positionStart[entry + 1] as number;
        positionsOf[group] = positions;
        from[group] = start;
        to[group] = end;
        // Occurrences are sorted by field, then position: when they are all in one field, the first is the earliest.
        let earliest = (positions[start] as number) & maxPosition;
        if ((((positions[start] as number) ^ (positions[end - 1] as number)) & ~maxPosition) !== 0) {
          for (let at = start + 1; at < end; at++) {
            const place = (positions[at] as number) & maxPosition;
            if (place < earliest) earliest = place;
          }
        }
        if (group === 0) firstEarliest = earliest;
        position += earliest;
        if (group > 0) {
          const previous = group - 1;
          proximity += closestPairCost(
            positionsOf[previous] as Uint32Array,
            from[previous] as number,
            to[previous] as number,
            positions,
            start,
            end,
          );
        }
      }
      const inexactWords = groupCount - (exactWords[row] as number);
      let exactness = 2 + inexactWords;
      // A field starts with the query only where it starts with the query's first word.
      if (inexactWords === 0 && firstEarliest === 0) {
        exactness = Math.min(exactness, this.startsAField(row, positionsOf, from, to, offsets, totalWidth));
      }
      keys[index] = packKey(
        typoSum[row] as number,
        attributeSum[row] as number,
        proximity,
        Math.min(position, (1 << bits.position) - 1),
        exactness,
        ownRanks[row] as number,
      );
    }
  }

  /**
   * 0 when a field of the row is the query as typed, 1 when one starts with it, 3 otherwise: a list field counts
   * as one sequence from its start, as Meilisearch reads it. Word g's positions are positionsOf[g][from[g] .. to[g]).
   */
  private startsAField(
    row: number,
    positionsOf: readonly Uint32Array[],
    from: Uint32Array,
    to: Uint32Array,
    offsets: Uint32Array,
    totalWidth: number,
  ): number {
    const groupCount = positionsOf.length;
    if (groupCount === 0) return 3;
    const first = positionsOf[0] as Uint32Array;
    let best = 3;
    for (let at = from[0] as number; at < (to[0] as number) && best > 0; at++) {
      const start = first[at] as number;
      if ((start & maxPosition) !== 0) continue;
      const field = start >>> 16;
      let startsHere = true;
      for (let group = 1; group < groupCount && startsHere; group++) {
        const wanted = encodePosition(field, offsets[group] as number);
        const positions = positionsOf[group] as Uint32Array;
        startsHere = false;
        for (let index = from[group] as number; index < (to[group] as number); index++) {
          if (positions[index] === wanted) {
            startsHere = true;
            break;
          }
        }
      }
      if (!startsHere) continue;
      const length =
        (this.tokenStart[row * this.fieldCount + field + 1] as number) -
        (this.tokenStart[row * this.fieldCount + field] as number);
      best = Math.min(best, length === totalWidth ? 0 : 1);
    }
    return best;
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
    return this.tokenStart[row * this.fieldCount] as number;
  }

  private rowEnd(row: number): number {
    return this.tokenStart[(row + 1) * this.fieldCount] as number;
  }

  /** Documents that contain the term. */
  private documentsOf(id: number): number {
    return (this.postingStart[id + 1] as number) - (this.postingStart[id] as number);
  }

  private termPosting(term: string): Posting {
    const id = this.termIds.get(term);
    if (id === undefined || id === this.boundaryId) return emptyPosting;
    const from = this.postingStart[id] as number;
    const to = this.postingStart[id + 1] as number;
    return {
      rows: this.postingRows.subarray(from, to),
      fields: this.postingFields.subarray(from, to),
      positionStart: this.positionStart.subarray(from, to + 1),
      positions: this.positions,
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

  /** One posting for several terms: a row's fields and positions are those of any of them. */
  private union(postings: Posting[]): Posting {
    if (postings.length === 1) return postings[0] as Posting;
    const fieldsByRow = new Uint8Array(this.documentCount);
    const positionsByRow = new Uint32Array(this.documentCount);
    let distinct = 0;
    for (const posting of postings) {
      for (let index = 0; index < posting.rows.length; index++) {
        const row = posting.rows[index] as number;
        if (fieldsByRow[row] === 0) distinct++;
        fieldsByRow[row] = (fieldsByRow[row] as number) | (posting.fields[index] as number);
        positionsByRow[row] =
          (positionsByRow[row] as number) +
          (posting.positionStart[index + 1] as number) -
          (posting.positionStart[index] as number);
      }
    }
    const rows = new Uint32Array(distinct);
    const fields = new Uint8Array(distinct);
    const positionStart = new Uint32Array(distinct + 1);
    // Where the next position of each row goes, by row.
    const writeAt = new Uint32Array(this.documentCount);
    let at = 0;
    for (let row = 0; row < this.documentCount && at < distinct; row++) {
      if (fieldsByRow[row] === 0) continue;
      rows[at] = row;
      fields[at] = fieldsByRow[row] as number;
      writeAt[row] = positionStart[at] as number;
      positionStart[at + 1] = (positionStart[at] as number) + (positionsByRow[row] as number);
      at++;
    }
    const positions = new Uint32Array(positionStart[distinct] as number);
    for (const posting of postings) {
      for (let index = 0; index < posting.rows.length; index++) {
        const row = posting.rows[index] as number;
        const from = posting.positionStart[index] as number;
        const to = posting.positionStart[index + 1] as number;
        positions.set(posting.positions.subarray(from, to), writeAt[row] as number);
        writeAt[row] = (writeAt[row] as number) + to - from;
      }
    }
    for (let entry = 0; entry < distinct; entry++) {
      positions.subarray(positionStart[entry] as number, positionStart[entry + 1] as number).sort();
    }
    return { rows, fields, positionStart, positions };
  }

  /** Rows where the terms occur consecutively in one field, with the position of each occurrence's start. */
  private sequencePosting(terms: readonly string[]): Posting {
    const ids = terms.map((term) => this.termIds.get(term));
    if (ids.some((id) => id === undefined)) return emptyPosting;
    const sequence = ids as number[];
    const rarest = sequence.reduce((best, id) => (this.documentsOf(id) < this.documentsOf(best) ? id : best));
    const candidates = this.termPosting(this.terms[rarest] as string).rows;
    const rows: number[] = [];
    const fields: number[] = [];
    const positionStart: number[] = [0];
    const positions: number[] = [];
    for (const row of candidates) {
      let mask = 0;
      for (let field = 0; field < this.fieldCount; field++) {
        const from = this.tokenStart[row * this.fieldCount + field] as number;
        const to = this.tokenStart[row * this.fieldCount + field + 1] as number;
        let index = from;
        this.forEachPosition(row, field, (term, position) => {
          const start = index++;
          if (term !== sequence[0] || start + sequence.length > to) return;
          for (let offset = 1; offset < sequence.length; offset++) {
            if (this.tokens[start + offset] !== sequence[offset]) return;
          }
          mask |= 1 << field;
          positions.push(encodePosition(field, position));
        });
      }
      if (mask !== 0) {
        rows.push(row);
        fields.push(mask);
        positionStart.push(positions.length);
      }
    }
    return {
      rows: Uint32Array.from(rows),
      fields: Uint8Array.from(fields),
      positionStart: Uint32Array.from(positionStart),
      positions: Uint32Array.from(positions),
    };
  }
}

/**
 * The proximity cost of two consecutive query words from their sorted positions: min(distance, maxDistance) − 1 for
 * their closest pair in one field, where the second word before the first counts one further. One merge of the two
 * lists: the closest occurrence of one word before an occurrence of the other is its latest one so far.
 */
function closestPairCost(
  first: Uint32Array,
  firstFrom: number,
  firstTo: number,
  second: Uint32Array,
  secondFrom: number,
  secondTo: number,
): number {
  let best = maxProximityCost;
  let lastFirst = -1;
  let lastSecond = -1;
  let a = firstFrom;
  let b = secondFrom;
  while (best > 0 && (a < firstTo || b < secondTo)) {
    // On a tie the second word goes first: at the same place it counts as following the first word.
    if (a === firstTo || (b < secondTo && (second[b] as number) <= (first[a] as number))) {
      const right = second[b++] as number;
      if (lastFirst >= 0 && right >>> 16 === lastFirst >>> 16) {
        best = Math.min(best, Math.min(right - lastFirst, maxDistance) - 1);
      }
      lastSecond = right;
      // The first word's occurrences are used up: later ones of the second are only farther.
      if (a === firstTo) break;
    } else {
      const left = first[a++] as number;
      if (lastSecond >= 0 && left >>> 16 === lastSecond >>> 16) {
        best = Math.min(best, Math.min(left - lastSecond + 1, maxDistance) - 1);
      }
      lastFirst = left;
      if (b === secondTo) break;
    }
  }
  return best;
}

/** The costs of one row as one number, lower first; `ownRank` holds status (high 2 bits) and kind (low 2). */
function packKey(
  typos: number,
  attribute: number,
  proximity: number,
  position: number,
  exactness: number,
  ownRank: number,
): number {
  let key = Math.min(typos, (1 << bits.typo) - 1);
  key = key * (1 << bits.attribute) + Math.min(attribute, (1 << bits.attribute) - 1);
  key = key * (1 << bits.proximity) + Math.min(proximity, (1 << bits.proximity) - 1);
  key = key * (1 << bits.exactness) + Math.min(exactness, (1 << bits.exactness) - 1);
  key = key * (1 << bits.status) + (ownRank >> bits.kind);
  key = key * (1 << bits.position) + position;
  return key * (1 << bits.kind) + (ownRank & ((1 << bits.kind) - 1));
}
