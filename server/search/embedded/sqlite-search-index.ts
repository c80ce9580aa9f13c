/**
 * The embedded SearchIndex: SQLite FTS5 over pre-tokenised, folded text (BM25, title weighted above
 * text), the original text kept beside it for snippets. Filtering, facet counting and sorting run in
 * memory over typed arrays indexed by row, because every facet needs the matches under a different
 * set of filters: one pass over the FTS matches serves all of them.
 */
import Database from 'better-sqlite3';
import type {
  FacetCount,
  Readiness,
  SearchableKind,
  SearchDocument,
  SearchFacets,
  SearchFilter,
  SearchHit,
  SearchIndex,
  SearchQuery,
  SearchResult,
} from '../search-index.js';
import { isExpandable, isUnspacedScript, type Token, tokenize, typoBudget } from '../tokenize.js';
import { highlightAll, snippetAround, type TermMatcher } from './snippet.js';
import { Vocabulary } from './vocabulary.js';

export interface SqliteSearchIndexOptions {
  /** A database file (created if missing, reopened with its documents if present) or ':memory:'. */
  path: string;
}

/** BM25 column weights: title, local title, text. */
const columnWeights = [4, 4, 1] as const;
/** Query words beyond this are ignored: they would only narrow an AND query further at growing cost. */
const maxQueryTerms = 12;
/**
 * Alternatives per query word, so a short or common word cannot blow up the FTS5 expression: BM25
 * reads the whole doclist of every alternative to weigh it, whatever the other words match.
 */
const maxExpansionsPerTerm = 10;
const maxTyposPerTerm = 5;
/** Longer query words are matched as written: no real word is this long, and the typo search grows with length. */
const maxExpandableLength = 40;
const maxLimit = 1000;
/**
 * FTS expressions whose matches and scores are kept: paging, re-sorting and clicking facets re-run
 * the same expression, and BM25 over a common word costs tens of milliseconds at 100,000 documents.
 */
const cachedExpressions = 32;

const schema = `
  CREATE TABLE IF NOT EXISTS search_document (
    row INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    instrument_kind TEXT NOT NULL,
    date TEXT,
    countries TEXT NOT NULL,
    themes TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    title, title_local, text,
    content = '',
    tokenize = "unicode61 remove_diacritics 0 categories 'L* M* N* Co'",
    prefix = '2 3'
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS search_vocabulary USING fts5vocab(search_text, 'row');
`;

const facetFields = ['kind', 'country', 'instrumentKind', 'theme', 'year'] as const;
type FacetField = (typeof facetFields)[number];

/** One facet field of every document, in compressed-sparse-row form: row r has values[start[r] .. start[r+1]). */
interface FieldColumn {
  names: string[];
  start: Uint32Array;
  values: Uint32Array;
}

interface IndexState {
  ids: string[];
  kinds: SearchableKind[];
  /** YYYYMMDD with missing parts as 0; 0 for an undated document. */
  dateKeys: Uint32Array;
  fields: Record<FacetField, FieldColumn>;
  vocabulary: Vocabulary;
  /** Recently used expressions, least recent first; emptied with the state by `replaceAll`. */
  matchCache: Map<string, Matches>;
}

interface Matches {
  rows: Uint32Array;
  /** Score by row (-BM25, higher is better). */
  scores: Float64Array;
}

interface StoredRow {
  id: string;
  kind: SearchableKind;
  instrument_kind: string;
  date: string | null;
  countries: string;
  themes: string;
}

interface CompiledQuery {
  expression: string;
  matches: TermMatcher;
  expansions: SearchResult['expansions'];
}

export function openSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex {
  const db = new Database(options.path);
  if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(schema);

  const statements = {
    insertDocument: db.prepare(
      `INSERT INTO search_document (row, id, kind, instrument_kind, date, countries, themes, title, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertText: db.prepare('INSERT INTO search_text (rowid, title, title_local, text) VALUES (?, ?, ?, ?)'),
    clearDocuments: db.prepare('DELETE FROM search_document'),
    clearText: db.prepare(`INSERT INTO search_text (search_text) VALUES ('delete-all')`),
    storedRows: db.prepare(
      'SELECT id, kind, instrument_kind, date, countries, themes FROM search_document ORDER BY row',
    ),
    vocabulary: db.prepare('SELECT term, doc AS documents FROM search_vocabulary'),
    matches: db
      .prepare(
        `SELECT rowid, bm25(search_text, ${columnWeights.join(', ')}) FROM search_text WHERE search_text MATCH ?`,
      )
      .raw(true),
    original: db.prepare('SELECT title, text FROM search_document WHERE row = ?'),
  };

  const loadState = (rows: StoredRow[]): IndexState =>
    buildState(rows, new Vocabulary(statements.vocabulary.all() as { term: string; documents: number }[]));

  let state = loadState(statements.storedRows.all() as StoredRow[]);
  let closed = false;

  const writeAll = db.transaction((documents: SearchDocument[], tokenised: string[][]) => {
    statements.clearText.run();
    statements.clearDocuments.run();
    documents.forEach((document, index) => {
      const row = index + 1;
      const [title, titleLocal, text] = tokenised[index] as [string, string, string];
      statements.insertDocument.run(
        row,
        document.id,
        document.kind,
        document.instrumentKind,
        document.date ?? null,
        JSON.stringify(document.countries),
        JSON.stringify(document.themes),
        document.title,
        document.text,
      );
      statements.insertText.run(row, title, titleLocal, text);
    });
  });

  const assertOpen = (): void => {
    if (closed) throw new Error('the search index is closed');
  };

  return {
    async replaceAll(documents) {
      assertOpen();
      assertUniqueIds(documents);
      const tokenised = documents.map((document) => [
        indexedText(document.title),
        indexedText(document.titleLocal ?? ''),
        indexedText(document.text),
      ]);
      writeAll(documents, tokenised);
      // Synchronous from the commit to here, so no search sees the new rows with the old in-memory columns.
      state = loadState(documents.map(storedRowOf));
    },

    async search(query) {
      assertOpen();
      return runSearch(
        query,
        state,
        (expression) => statements.matches.all(expression) as [number, number][],
        (row) => statements.original.get(row) as { title: string; text: string },
      );
    },

    async count() {
      assertOpen();
      return state.ids.length;
    },

    async readiness(): Promise<Readiness> {
      if (closed) return { ready: false, reason: 'the search index is closed' };
      return { ready: true };
    },

    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

function assertUniqueIds(documents: SearchDocument[]): void {
  const seen = new Set<string>();
  for (const document of documents) {
    if (seen.has(document.id)) throw new Error(`duplicate search document id ${document.id}`);
    seen.add(document.id);
  }
}

function indexedText(text: string): string {
  return tokenize(text)
    .map((token) => token.term)
    .join(' ');
}

function storedRowOf(document: SearchDocument): StoredRow {
  return {
    id: document.id,
    kind: document.kind,
    instrument_kind: document.instrumentKind,
    date: document.date ?? null,
    countries: JSON.stringify(document.countries),
    themes: JSON.stringify(document.themes),
  };
}

function buildState(rows: StoredRow[], vocabulary: Vocabulary): IndexState {
  const builders = Object.fromEntries(facetFields.map((field) => [field, new FieldBuilder(rows.length)])) as Record<
    FacetField,
    FieldBuilder
  >;
  const dateKeys = new Uint32Array(rows.length);
  rows.forEach((row, index) => {
    builders.kind.add(index, [row.kind]);
    builders.instrumentKind.add(index, [row.instrument_kind]);
    builders.country.add(index, JSON.parse(row.countries) as string[]);
    builders.theme.add(index, JSON.parse(row.themes) as string[]);
    builders.year.add(index, row.date ? [row.date.slice(0, 4)] : []);
    dateKeys[index] = dateKey(row.date);
  });
  return {
    ids: rows.map((row) => row.id),
    kinds: rows.map((row) => row.kind),
    dateKeys,
    fields: Object.fromEntries(facetFields.map((field) => [field, builders[field].build()])) as Record<
      FacetField,
      FieldColumn
    >,
    vocabulary,
    matchCache: new Map(),
  };
}

class FieldBuilder {
  private readonly codes = new Map<string, number>();
  private readonly start: Uint32Array;
  private values: number[] = [];

  constructor(rowCount: number) {
    this.start = new Uint32Array(rowCount + 1);
  }

  add(row: number, names: string[]): void {
    for (const name of new Set(names)) {
      let code = this.codes.get(name);
      if (code === undefined) {
        code = this.codes.size;
        this.codes.set(name, code);
      }
      this.values.push(code);
    }
    this.start[row + 1] = this.values.length;
  }

  build(): FieldColumn {
    return { names: [...this.codes.keys()], start: this.start, values: Uint32Array.from(this.values) };
  }
}

function dateKey(date: string | null): number {
  if (!date) return 0;
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return year * 10000 + month * 100 + day;
}

function runSearch(
  query: SearchQuery,
  state: IndexState,
  matchRows: (expression: string) => [number, number][],
  original: (row: number) => { title: string; text: string },
): SearchResult {
  const offset = Math.max(0, Math.floor(query.offset) || 0);
  const limit = Math.min(maxLimit, Math.max(0, Math.floor(query.limit) || 0));
  const compiled = compileQuery(tokenize(query.text).slice(0, maxQueryTerms), state.vocabulary);

  let candidates: Uint32Array;
  let scores: Float64Array | undefined;
  if (compiled) {
    ({ rows: candidates, scores } = cachedMatches(state, compiled.expression, matchRows));
  } else {
    candidates = Uint32Array.from({ length: state.ids.length }, (_, row) => row);
  }

  const { passing, facets } = filterAndCount(candidates, state, query.filter);
  const sort = query.sort === 'relevance' && !compiled ? 'date_desc' : query.sort;
  const ranked = topRows(passing, offset + limit, precedes(sort, state.dateKeys, scores)).slice(offset);
  const matches = compiled?.matches ?? (() => false);
  const hits = ranked.map((row): SearchHit => {
    const stored = original(row + 1);
    return {
      id: state.ids[row] as string,
      kind: state.kinds[row] as SearchableKind,
      score: scores?.[row] ?? 0,
      title: highlightAll(stored.title, matches),
      snippet: snippetAround(stored.text, matches),
    };
  });
  return { hits, total: passing.length, facets, expansions: compiled?.expansions ?? [] };
}

function cachedMatches(
  state: IndexState,
  expression: string,
  matchRows: (expression: string) => [number, number][],
): Matches {
  const cached = state.matchCache.get(expression);
  if (cached) {
    state.matchCache.delete(expression);
    state.matchCache.set(expression, cached);
    return cached;
  }
  const matched = matchRows(expression);
  const rows = new Uint32Array(matched.length);
  const scores = new Float64Array(state.ids.length);
  for (let index = 0; index < matched.length; index++) {
    const [rowid, bm25] = matched[index] as [number, number];
    rows[index] = rowid - 1;
    scores[rowid - 1] = -bm25;
  }
  const matches = { rows, scores };
  state.matchCache.set(expression, matches);
  if (state.matchCache.size > cachedExpressions) {
    state.matchCache.delete(state.matchCache.keys().next().value as string);
  }
  return matches;
}

/**
 * The FTS5 expression for the query words: words AND together; each word ORs with its typo
 * expansions, and the last word also matches as a prefix; adjacent segments of an unspaced script
 * (网络安全 → 网络 安全) must appear as a phrase. Every word is quoted here, so nothing the user
 * types is read as FTS5 syntax.
 */
function compileQuery(tokens: Token[], vocabulary: Vocabulary): CompiledQuery | undefined {
  if (tokens.length === 0) return undefined;
  const groups: string[] = [];
  const exact = new Set<string>();
  const expansions: SearchResult['expansions'] = [];
  const seen = new Set<string>();
  let prefix: string | undefined;
  let phrase: string[] = [];
  let phraseEnd = -1;
  const flushPhrase = (): void => {
    if (phrase.length === 0) return;
    const text = phrase.join(' ');
    if (!seen.has(text)) groups.push(quote(text));
    seen.add(text);
    phrase = [];
  };

  tokens.forEach((token, index) => {
    if (isUnspacedScript(token.term)) {
      if (token.start !== phraseEnd) flushPhrase();
      phrase.push(token.term);
      phraseEnd = token.end;
      exact.add(token.term);
      return;
    }
    flushPhrase();
    const isLast = index === tokens.length - 1;
    if (seen.has(token.term) && !isLast) return;
    seen.add(token.term);
    exact.add(token.term);
    if (!isExpandable(token.term) || token.term.length > maxExpandableLength) {
      groups.push(quote(token.term));
      return;
    }
    const typos = vocabulary.withinTypos(token.term, typoBudget(token.term), maxTyposPerTerm);
    const alternatives = [quote(token.term), ...typos.map((match) => quote(match.term))];
    const matched = typos.map((match) => match.term);
    if (isLast) {
      prefix = token.term;
      const completions = vocabulary.withPrefix(token.term, maxExpansionsPerTerm);
      // A few completions are cheaper as words than as an FTS5 prefix query, which merges every doclist in the range.
      if (completions.count > maxExpansionsPerTerm) alternatives[0] = `${quote(token.term)}*`;
      for (const match of completions.top) {
        if (completions.count <= maxExpansionsPerTerm) alternatives.push(quote(match.term));
        if (!matched.includes(match.term)) matched.push(match.term);
      }
    }
    for (const term of matched) exact.add(term);
    if (matched.length > 0) expansions.push({ term: token.term, matched });
    const distinct = [...new Set(alternatives)];
    groups.push(distinct.length === 1 ? (distinct[0] as string) : `(${distinct.join(' OR ')})`);
  });
  flushPhrase();

  const lastPrefix = prefix;
  return {
    expression: groups.join(' AND '),
    matches: (term) => exact.has(term) || (lastPrefix !== undefined && term.startsWith(lastPrefix)),
    expansions,
  };
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * One pass over the candidate rows: a row that passes every filter is a result and counts in every
 * facet; a row that fails exactly one filter counts only in that filter's own facet, which is what
 * "each facet ignores its own filter" means.
 */
function filterAndCount(
  candidates: Uint32Array,
  state: IndexState,
  filter: SearchFilter,
): { passing: Uint32Array; facets: SearchFacets } {
  const selections = facetFields.map((field) => selectedCodes(field, state.fields[field], filter));
  const active = facetFields.map((_, index) => selections[index] !== undefined);
  const columns = facetFields.map((field) => state.fields[field]);
  const counts = columns.map((column) => new Uint32Array(column.names.length));
  const passing = new Uint32Array(candidates.length);
  let passed = 0;

  for (let index = 0; index < candidates.length; index++) {
    const row = candidates[index] as number;
    let failures = 0;
    let failedField = -1;
    for (let field = 0; field < columns.length && failures < 2; field++) {
      if (!active[field]) continue;
      const { start, values } = columns[field] as FieldColumn;
      const selection = selections[field] as Uint8Array;
      let hit = false;
      for (let at = start[row] as number, end = start[row + 1] as number; at < end && !hit; at++) {
        hit = selection[values[at] as number] === 1;
      }
      if (!hit) {
        failures++;
        failedField = field;
      }
    }
    if (failures >= 2) continue;
    if (failures === 0) passing[passed++] = row;
    for (let field = 0; field < columns.length; field++) {
      if (failures === 1 && field !== failedField) continue;
      const { start, values } = columns[field] as FieldColumn;
      const fieldCounts = counts[field] as Uint32Array;
      for (let at = start[row] as number, end = start[row + 1] as number; at < end; at++) {
        const code = values[at] as number;
        fieldCounts[code] = (fieldCounts[code] as number) + 1;
      }
    }
  }

  const facetOf = (field: number): FacetCount[] => {
    const { names } = columns[field] as FieldColumn;
    const fieldCounts = counts[field] as Uint32Array;
    const facet: FacetCount[] = [];
    names.forEach((value, code) => {
      const count = fieldCounts[code] as number;
      if (count > 0) facet.push({ value, count });
    });
    return facet.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };
  return {
    passing: passing.subarray(0, passed),
    facets: {
      kind: facetOf(0),
      country: facetOf(1),
      instrumentKind: facetOf(2),
      theme: facetOf(3),
      year: facetOf(4),
    },
  };
}

/** Flags, by value code, of the values a filter selects; undefined when the filter does not constrain the field. */
function selectedCodes(field: FacetField, column: FieldColumn, filter: SearchFilter): Uint8Array | undefined {
  const selection = new Uint8Array(column.names.length);
  if (field === 'year') {
    const from = typeof filter.yearFrom === 'number' ? filter.yearFrom : undefined;
    const to = typeof filter.yearTo === 'number' ? filter.yearTo : undefined;
    if (from === undefined && to === undefined) return undefined;
    column.names.forEach((name, code) => {
      const year = Number(name);
      if ((from === undefined || year >= from) && (to === undefined || year <= to)) selection[code] = 1;
    });
    return selection;
  }
  const wanted = {
    kind: filter.kinds,
    country: filter.countries,
    instrumentKind: filter.instrumentKinds,
    theme: filter.themes,
  }[field];
  if (!wanted || wanted.length === 0) return undefined;
  const wantedSet = new Set<string>(wanted);
  column.names.forEach((name, code) => {
    if (wantedSet.has(name)) selection[code] = 1;
  });
  return selection;
}

/** Whether row a sorts before row b; ties fall back to score, then to load order, so pages are stable. */
type Precedes = (a: number, b: number) => boolean;

function precedes(sort: SearchQuery['sort'], dateKeys: Uint32Array, scores: Float64Array | undefined): Precedes {
  const byScore = (a: number, b: number): number => (scores ? (scores[b] as number) - (scores[a] as number) : 0);
  if (sort === 'relevance') return (a, b) => byScore(a, b) < 0 || (byScore(a, b) === 0 && a < b);
  const direction = sort === 'date_desc' ? -1 : 1;
  return (a, b) => {
    const dateA = dateKeys[a] as number;
    const dateB = dateKeys[b] as number;
    // Undated documents go last in either direction.
    if (dateA !== dateB) {
      if (dateA === 0 || dateB === 0) return dateB === 0;
      return (dateA - dateB) * direction < 0;
    }
    const scoreOrder = byScore(a, b);
    return scoreOrder < 0 || (scoreOrder === 0 && a < b);
  };
}

/** The first `count` rows in sort order, without sorting them all: a bounded max-heap of the best so far. */
function topRows(rows: Uint32Array, count: number, before: Precedes): number[] {
  if (count <= 0) return [];
  const heap: number[] = [];
  const siftDown = (from: number): void => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && before(heap[worst] as number, heap[left] as number)) worst = left;
      if (right < heap.length && before(heap[worst] as number, heap[right] as number)) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst] as number, heap[at] as number];
      at = worst;
    }
  };
  for (const row of rows) {
    if (heap.length < count) {
      heap.push(row);
      let at = heap.length - 1;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!before(heap[parent] as number, heap[at] as number)) break;
        [heap[at], heap[parent]] = [heap[parent] as number, heap[at] as number];
        at = parent;
      }
    } else if (before(row, heap[0] as number)) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}
