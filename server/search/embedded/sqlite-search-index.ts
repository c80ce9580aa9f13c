/**
 * The embedded SearchIndex: documents and their folded terms kept in SQLite, matched and ranked by an
 * in-memory inverted index built from those terms (the ranking rules are in inverted-index.ts and the
 * README's search section); the original text is read back from SQLite for snippets. Filtering, facet
 * counting and sorting run in memory over typed arrays indexed by row, because every facet needs the
 * matches under a different set of filters: one pass over the matches serves all of them.
 */
import Database from 'better-sqlite3';
import { replaceNow } from '../../staged-version.js';
import { explainHit, type FieldTexts, fieldTexts, type HitMatcher, queryWords } from '../explain.js';
import {
  type FacetCount,
  type FacetName,
  facetNames,
  kindRank,
  type Readiness,
  type SearchableKind,
  type SearchDocument,
  type SearchFacets,
  type SearchFilter,
  type SearchHit,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  searchFields,
  statusRank,
} from '../search-index.js';
import { isExpandable, isUnspacedScript, tokenize, typoBudget } from '../tokenize.js';
import { type Alternative, type IndexMatches, InvertedIndex, valueBoundary } from './inverted-index.js';
import { Vocabulary } from './vocabulary.js';

export interface SqliteSearchIndexOptions {
  /** A database file (created if missing, reopened with its documents if present) or ':memory:'. */
  path: string;
}

/** Query words beyond this are ignored: they would only narrow an AND query further at growing cost. */
export const maxQueryTerms = 12;
/**
 * Alternatives per query word, so a short or common word cannot blow up the query: BM25 reads the
 * whole posting list of every alternative to weigh it, whatever the other words match.
 */
const maxExpansionsPerTerm = 10;
const maxTyposPerTerm = 5;
/** Longer query words are matched as written: no real word is this long, and the typo search grows with length. */
const maxExpandableLength = 40;
const maxLimit = 1000;
/** Queries whose matches and scores are kept: paging, re-sorting and clicking facets re-run the same query. */
const cachedExpressions = 32;
/** Buffers of evicted matches kept for reuse. */
const spareBuffers = 4;

/** Bumped when the tables change: a file of another version is emptied, which makes the server ingest again. */
const schemaVersion = 4;
/** The documents readers see are in `search_document`; a reindex fills `search_document_staged` and renames it. */
const documentTable = (name: string) => `
  CREATE TABLE IF NOT EXISTS ${name} (
    row INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    grp TEXT NOT NULL,
    instrument_kind TEXT,
    status TEXT,
    date TEXT,
    countries TEXT NOT NULL,
    themes TEXT NOT NULL,
    title TEXT NOT NULL,
    texts TEXT NOT NULL,
    terms TEXT NOT NULL
  );
`;
/** `search_meta` holds the data version of `search_document`, changed in the same transaction as the documents. */
const schema = `${documentTable('search_document')}
  CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
const obsoleteTables = ['search_vocabulary', 'search_text', 'search_document', 'search_document_staged', 'search_meta'];

const facetFields = facetNames;
type FacetField = FacetName;

/** One facet field of every facet profile, in compressed-sparse-row form: profile p has values[start[p] .. start[p+1]). */
interface FieldColumn {
  names: string[];
  start: Uint32Array;
  values: Uint32Array;
  /**
   * When no profile holds more than one value: the code of each profile's value, names.length for none.
   * Counting then reads one code per profile instead of a range, several times faster.
   */
  onlyCode?: Uint32Array;
}

interface IndexState {
  ids: string[];
  kinds: SearchableKind[];
  /** Group code of each row, an index into `groupNames`. */
  groupOfRow: Uint32Array;
  groupNames: string[];
  groupCodes: Map<string, number>;
  /** YYYYMMDD with missing parts as 0; 0 for an undated document. */
  dateKeys: Uint32Array;
  /**
   * Documents with the same values in every facet field share a profile (the provisions of one
   * instrument do), so filters and facet counts are worked out once per profile, not per match.
   */
  profileOfRow: Uint32Array;
  /** 0 … n−1: the candidates of an empty query. */
  allRows: Uint32Array;
  fields: Record<FacetField, FieldColumn>;
  vocabulary: Vocabulary;
  index: InvertedIndex;
  /** Recently used expressions, least recent first; emptied with the state when a staged index is activated. */
  matchCache: Map<string, IndexMatches>;
  /**
   * A query's rank keys spread out by row, for ranking: cached matches keep them by match only, a fraction of
   * the rows. Shared by every search, which runs synchronously from spreading to ranking.
   */
  keyByRow: Float64Array;
  /** Buffers of evicted matches, for the next queries' matches to reuse. */
  spareBuffers: ArrayBuffer[];
  /** Working array of `filterAndCount`: matches by facet profile. */
  rowsByProfile: Uint32Array;
}

interface StoredRow {
  id: string;
  kind: SearchableKind;
  grp: string;
  instrument_kind: string | null;
  status: string | null;
  date: string | null;
  countries: string;
  themes: string;
  /** JSON array: the folded terms of each field in `searchFields` order, space-separated. */
  terms: string;
}

interface CompiledQuery {
  /** Every word must match one alternative of its group. */
  groups: Alternative[][];
  /** The groups written out, as the key of the match cache. */
  expression: string;
  matcher: HitMatcher;
  expansions: SearchResult['expansions'];
  words: ReturnType<typeof queryWords>;
}

export function openSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex {
  const db = new Database(options.path);
  if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (db.pragma('user_version', { simple: true }) !== schemaVersion) {
    for (const table of obsoleteTables) db.exec(`DROP TABLE IF EXISTS ${table}`);
    db.pragma(`user_version = ${schemaVersion}`);
  }
  db.exec(schema);

  const insertInto = (table: string) =>
    db.prepare(
      `INSERT INTO ${table}
         (row, id, kind, grp, instrument_kind, status, date, countries, themes, title, texts, terms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  const statements = {
    storedRows: db.prepare(
      `SELECT id, kind, grp, instrument_kind, status, date, countries, themes, terms
       FROM search_document ORDER BY row`,
    ),
    original: db.prepare('SELECT title, texts FROM search_document WHERE row = ?'),
    documentCount: db.prepare('SELECT COUNT(*) FROM search_document').pluck(),
    readVersion: db.prepare("SELECT value FROM search_meta WHERE key = 'dataVersion'"),
    writeVersion: db.prepare("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('dataVersion', ?)"),
    forgetVersion: db.prepare("DELETE FROM search_meta WHERE key = 'dataVersion'"),
  };

  let state = readState();
  let dataVersion = (statements.readVersion.get() as { value: string } | undefined)?.value;
  let closed = false;

  /** The state of the stored documents, read one row at a time: all rows at once would double a load's memory. */
  function readState(): IndexState {
    const rows = statements.storedRows.iterate() as IterableIterator<StoredRow>;
    try {
      return buildState(statements.documentCount.get() as number, () => rows.next().value as StoredRow);
    } finally {
      rows.return?.();
    }
  }

  /**
   * Stores the documents in `search_document_staged` and builds their state in one pass, each row written as the
   * index reads it, in one transaction: a build that fails leaves no staged table behind.
   */
  const stageAndBuild = db.transaction((documents: SearchDocument[]): IndexState => {
    db.exec(`DROP TABLE IF EXISTS search_document_staged; ${documentTable('search_document_staged')}`);
    const insert = insertInto('search_document_staged');
    // Theme keywords repeat across documents tagged alike: each distinct text is tokenized once.
    const themeTerms = new Map<string, string>();
    let written = 0;
    return buildState(documents.length, () => {
      const document = documents[written] as SearchDocument;
      const row = storedRowOf(document, themeTerms);
      written++;
      insert.run(
        written,
        row.id,
        row.kind,
        row.grp,
        row.instrument_kind,
        row.status,
        row.date,
        row.countries,
        row.themes,
        document.title,
        JSON.stringify(fieldTexts(document)),
        row.terms,
      );
      return row;
    });
  });

  const swapInStaged = db.transaction((version: string | undefined) => {
    db.exec('DROP TABLE search_document; ALTER TABLE search_document_staged RENAME TO search_document');
    if (version === undefined) statements.forgetVersion.run();
    else statements.writeVersion.run(version);
  });

  const assertOpen = (): void => {
    if (closed) throw new Error('the search index is closed');
  };

  const stageAll: SearchIndex['stageAll'] = async (documents, { dataVersion: version } = {}) => {
    assertOpen();
    assertUniqueIds(documents);
    const next = stageAndBuild(documents);
    return {
      activate: async () => {
        assertOpen();
        swapInStaged(version);
        // Synchronous from the commit to here, so no search sees the new rows with the old in-memory index.
        state = next;
        dataVersion = version;
      },
      discard: async () => {
        if (!closed) db.exec('DROP TABLE IF EXISTS search_document_staged');
      },
    };
  };

  return {
    replaceAll: (documents, options) => replaceNow(stageAll(documents, options)),

    stageAll,

    async dataVersion() {
      assertOpen();
      return dataVersion;
    },

    async search(query) {
      assertOpen();
      return runSearch(query, state, (row) => {
        const stored = statements.original.get(row) as { title: string; texts: string };
        return { title: stored.title, texts: JSON.parse(stored.texts) as FieldTexts };
      });
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

/** The folded terms of a text, space-separated: terms never contain spaces, so splitting restores them. */
function indexedText(text: string): string {
  return tokenize(text)
    .map((token) => token.term)
    .join(' ');
}

function termsOf(indexed: string): string[] {
  return indexed === '' ? [] : indexed.split(' ');
}

/** A field's terms; the values of a list field are kept apart by a boundary, for proximity and exactness. */
function indexedField(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  if (!Array.isArray(value)) return indexedText(value);
  return value
    .map(indexedText)
    .filter((terms) => terms !== '')
    .join(` ${valueBoundary} `);
}

function storedRowOf(document: SearchDocument, themeTerms: Map<string, string>): StoredRow {
  const themeText = document.themeText ?? '';
  let indexedThemes = themeTerms.get(themeText);
  if (indexedThemes === undefined) {
    indexedThemes = indexedText(themeText);
    themeTerms.set(themeText, indexedThemes);
  }
  return {
    id: document.id,
    kind: document.kind,
    grp: document.group,
    instrument_kind: document.instrumentKind ?? null,
    status: document.status ?? null,
    date: document.date ?? null,
    countries: JSON.stringify(document.countries),
    themes: JSON.stringify(document.themes),
    terms: JSON.stringify(
      searchFields.map((field) => (field === 'themeText' ? indexedThemes : indexedField(document[field]))),
    ),
  };
}

/** The in-memory state of `count` stored rows, which `nextRow` gives one at a time, in row order. */
function buildState(count: number, nextRow: () => StoredRow): IndexState {
  const builders = Object.fromEntries(facetFields.map((field) => [field, new FieldBuilder(count)])) as Record<
    FacetField,
    FieldBuilder
  >;
  const ids: string[] = [];
  const kinds: SearchableKind[] = [];
  const dateKeys = new Uint32Array(count);
  const profileOfRow = new Uint32Array(count);
  const groupOfRow = new Uint32Array(count);
  const groupCodes = new Map<string, number>();
  const profiles = new Map<string, number>();
  const index = new InvertedIndex(count, searchFields.length, (rowIndex) => {
    const row = nextRow();
    const year = row.date ? row.date.slice(0, 4) : '';
    const key = JSON.stringify([row.kind, row.instrument_kind, row.countries, row.themes, row.status, year]);
    let profile = profiles.get(key);
    if (profile === undefined) {
      profile = profiles.size;
      profiles.set(key, profile);
      builders.kind.add(profile, [row.kind]);
      builders.instrumentKind.add(profile, row.instrument_kind ? [row.instrument_kind] : []);
      builders.country.add(profile, JSON.parse(row.countries) as string[]);
      builders.theme.add(profile, JSON.parse(row.themes) as string[]);
      builders.status.add(profile, row.status ? [row.status] : []);
      builders.year.add(profile, year ? [year] : []);
    }
    profileOfRow[rowIndex] = profile;
    dateKeys[rowIndex] = dateKey(row.date);
    let group = groupCodes.get(row.grp);
    if (group === undefined) {
      group = groupCodes.size;
      groupCodes.set(row.grp, group);
    }
    groupOfRow[rowIndex] = group;
    ids.push(row.id);
    kinds.push(row.kind);
    return {
      terms: (JSON.parse(row.terms) as string[]).map(termsOf),
      status: statusRank(row.kind, (row.status ?? undefined) as Parameters<typeof statusRank>[1]),
      kind: kindRank(row.kind),
    };
  });
  return {
    ids,
    kinds,
    groupOfRow,
    groupNames: [...groupCodes.keys()],
    groupCodes,
    dateKeys,
    profileOfRow,
    allRows: Uint32Array.from({ length: count }, (_, row) => row),
    fields: Object.fromEntries(facetFields.map((field) => [field, builders[field].build(profiles.size)])) as Record<
      FacetField,
      FieldColumn
    >,
    vocabulary: new Vocabulary(index.vocabulary()),
    index,
    matchCache: new Map(),
    keyByRow: new Float64Array(count),
    spareBuffers: [],
    rowsByProfile: new Uint32Array(profiles.size),
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

  build(profileCount: number): FieldColumn {
    const start = this.start.slice(0, profileCount + 1);
    const values = Uint32Array.from(this.values);
    const column: FieldColumn = { names: [...this.codes.keys()], start, values };
    if (values.length === 0 || profileCount === 0) return column;
    const onlyCode = new Uint32Array(profileCount);
    for (let profile = 0; profile < profileCount; profile++) {
      const from = start[profile] as number;
      const size = (start[profile + 1] as number) - from;
      if (size > 1) return column;
      onlyCode[profile] = size === 1 ? (values[from] as number) : column.names.length;
    }
    return { ...column, onlyCode };
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
  original: (row: number) => { title: string; texts: FieldTexts },
): SearchResult {
  const offset = Math.max(0, Math.floor(query.offset) || 0);
  const limit = Math.min(maxLimit, Math.max(0, Math.floor(query.limit) || 0));
  const compiled = compileQuery(query.text, state.vocabulary);

  let candidates: Uint32Array;
  let keys: Float64Array | undefined;
  if (compiled) {
    const matches = cachedMatches(state, compiled);
    candidates = matches.rows;
    keys = byRow(matches, state);
  } else {
    candidates = state.allRows;
  }
  candidates = inGroups(candidates, state, query.filter.groups);

  const sort = query.sort === 'relevance' && !compiled ? 'date_desc' : query.sort;
  const before = precedes(sort, state.dateKeys, keys);
  const standings = standingsOf(candidates, state, query.filter);
  const { passing, facets } = query.collapse
    ? collapseAndCount(candidates, state, standings, before)
    : { passing: passingRows(candidates, state, standings), facets: countFacets(state, standings) };
  const ranked = (
    query.perGroup === undefined
      ? topRows(passing, offset + limit, before)
      : bestOfEachGroup(passing, state, before, query.perGroup)
  ).slice(offset, offset + limit);
  const matcher = compiled?.matcher ?? { matches: () => false, terms: [] };
  const words = compiled?.words ?? [];
  const hits = ranked.map((row): SearchHit => {
    const stored = original(row + 1);
    return explainHit(
      {
        id: state.ids[row] as string,
        kind: state.kinds[row] as SearchableKind,
        group: state.groupNames[state.groupOfRow[row] as number] as string,
        title: stored.title,
      },
      stored.texts,
      matcher,
      words,
      keys ? 1 / (1 + (keys[row] as number)) : 0,
    );
  });
  return { hits, total: passing.length, facets, expansions: compiled?.expansions ?? [] };
}

function byRow(matches: IndexMatches, state: IndexState): Float64Array {
  const { rows, keys } = matches;
  const { keyByRow } = state;
  for (let index = 0; index < rows.length; index++) keyByRow[rows[index] as number] = keys[index] as number;
  return keyByRow;
}

/** The best `perGroup` rows of each group, in rank order. */
function bestOfEachGroup(rows: Uint32Array, state: IndexState, before: Precedes, perGroup: number): number[] {
  const taken = new Map<number, number>();
  return [...rows]
    .sort((a, b) => (before(a, b) ? -1 : 1))
    .filter((row) => {
      const group = state.groupOfRow[row] as number;
      const count = taken.get(group) ?? 0;
      taken.set(group, count + 1);
      return count < perGroup;
    });
}

/** The candidates that belong to one of the groups; all of them when no group is asked for. */
function inGroups(candidates: Uint32Array, state: IndexState, groups: string[] | undefined): Uint32Array {
  if (!groups) return candidates;
  const wanted = new Set(groups.flatMap((group) => state.groupCodes.get(group) ?? []));
  return candidates.filter((row) => wanted.has(state.groupOfRow[row] as number));
}

function cachedMatches(state: IndexState, compiled: CompiledQuery): IndexMatches {
  const cached = state.matchCache.get(compiled.expression);
  if (cached) {
    state.matchCache.delete(compiled.expression);
    state.matchCache.set(compiled.expression, cached);
    return cached;
  }
  const matches = state.index.match(
    compiled.groups,
    (prefix) => state.vocabulary.startingWith(prefix),
    (bytes) => {
      const spare = state.spareBuffers.findIndex((buffer) => buffer.byteLength >= bytes);
      return spare === -1 ? new ArrayBuffer(bytes) : (state.spareBuffers.splice(spare, 1)[0] as ArrayBuffer);
    },
  );
  state.matchCache.set(compiled.expression, matches);
  if (state.matchCache.size > cachedExpressions) {
    const oldest = state.matchCache.keys().next().value as string;
    const evicted = state.matchCache.get(oldest) as IndexMatches;
    state.matchCache.delete(oldest);
    state.spareBuffers.push(evicted.keys.buffer as ArrayBuffer);
    if (state.spareBuffers.length > spareBuffers) {
      // The smallest spare is the least likely to fit the next query.
      state.spareBuffers.sort((a, b) => b.byteLength - a.byteLength).pop();
    }
  }
  return matches;
}

/**
 * The query as groups of phrases, as FTS5 would read the expression `group AND group …` with each
 * group `(phrase OR phrase …)`: each word ORs with its typo expansions, and the last word also
 * matches as a prefix; adjacent segments of an unspaced script (网络安全 → 网络 安全) must appear as
 * a sequence. The word as typed comes first in its group; each alternative carries its typos and whether it
 * is a completion, for ranking. Nothing the user types is read as syntax.
 */
function compileQuery(text: string, vocabulary: Vocabulary): CompiledQuery | undefined {
  const tokens = tokenize(text).slice(0, maxQueryTerms);
  if (tokens.length === 0) return undefined;
  const groups: Alternative[][] = [];
  const exact = new Set<string>();
  const expansions: SearchResult['expansions'] = [];
  const seen = new Set<string>();
  let prefix: string | undefined;
  let sequence: string[] = [];
  let sequenceEnd = -1;
  const flushSequence = (): void => {
    if (sequence.length === 0) return;
    const text = sequence.join(' ');
    if (!seen.has(text)) groups.push([exactly({ kind: 'sequence', terms: sequence })]);
    seen.add(text);
    sequence = [];
  };

  tokens.forEach((token, index) => {
    if (isUnspacedScript(token.term)) {
      if (token.start !== sequenceEnd) flushSequence();
      sequence.push(token.term);
      sequenceEnd = token.end;
      exact.add(token.term);
      return;
    }
    flushSequence();
    const isLast = index === tokens.length - 1;
    if (seen.has(token.term) && !isLast) return;
    seen.add(token.term);
    exact.add(token.term);
    if (!isExpandable(token.term) || token.term.length > maxExpandableLength) {
      groups.push([exactly({ kind: 'term', term: token.term })]);
      return;
    }
    const typos = vocabulary.withinTypos(token.term, typoBudget(token.term), maxTyposPerTerm);
    const alternatives: Alternative[] = [
      exactly({ kind: 'term', term: token.term }),
      ...typos.map(
        (match): Alternative => ({ phrase: { kind: 'term', term: match.term }, typos: match.typos, byPrefix: false }),
      ),
    ];
    for (const match of typos) exact.add(match.term);
    if (typos.length > 0)
      expansions.push({ term: token.term, matched: typos.map((match) => match.term), kind: 'typo' });
    if (isLast) {
      prefix = token.term;
      const completions = vocabulary.withPrefix(token.term, maxExpansionsPerTerm);
      // A few completions each stand as a word of their own; many stand together as one prefix phrase.
      if (completions.count > maxExpansionsPerTerm) {
        alternatives.push({ phrase: { kind: 'prefix', prefix: token.term }, typos: 0, byPrefix: true });
      } else {
        for (const match of completions.top) {
          alternatives.push({ phrase: { kind: 'term', term: match.term }, typos: 0, byPrefix: true });
        }
      }
      const completed = completions.top.map((match) => match.term).filter((term) => !exact.has(term));
      for (const term of completed) exact.add(term);
      if (completed.length > 0) expansions.push({ term: token.term, matched: completed, kind: 'prefix' });
    }
    // A term both a typo and a completion keeps its first, cheaper, reading.
    const distinct = new Map<string, Alternative>();
    for (const alternative of alternatives) {
      const key = phraseKey(alternative.phrase);
      if (!distinct.has(key)) distinct.set(key, alternative);
    }
    groups.push([...distinct.values()]);
  });
  flushSequence();

  const lastPrefix = prefix;
  return {
    groups,
    expression: groups.map((group) => `(${group.map(alternativeKey).join(' OR ')})`).join(' AND '),
    matcher: {
      matches: (term) => exact.has(term) || (lastPrefix !== undefined && term.startsWith(lastPrefix)),
      terms: [...exact, ...(lastPrefix === undefined ? [] : [lastPrefix])],
    },
    expansions,
    words: queryWords(text),
  };
}

function exactly(phrase: Alternative['phrase']): Alternative {
  return { phrase, typos: 0, byPrefix: false };
}

function alternativeKey(alternative: Alternative): string {
  return `${phraseKey(alternative.phrase)}~${alternative.typos}${alternative.byPrefix ? 'p' : ''}`;
}

function phraseKey(phrase: Alternative['phrase']): string {
  if (phrase.kind === 'prefix') return `${JSON.stringify(phrase.prefix)}*`;
  return JSON.stringify(phrase.kind === 'term' ? phrase.term : phrase.terms.join(' '));
}

/** How each facet profile of the candidates stands against the filter. */
interface Standings {
  columns: FieldColumn[];
  /** Candidates by profile. */
  rowsByProfile: Uint32Array;
  anyActive: boolean;
  /**
   * Per profile with rows: 2 when it passes every filter, 1 when it fails only `failedFieldOf` (so counts in that
   * facet alone), 0 otherwise.
   */
  standing: Uint8Array;
  failedFieldOf: Int8Array;
}

/**
 * One pass over the candidate rows counts them by facet profile; then, per profile: one that passes
 * every filter holds results and counts in every facet; one that fails exactly one filter counts only
 * in that filter's own facet, which is what "each facet ignores its own filter" means.
 */
function standingsOf(candidates: Uint32Array, state: IndexState, filter: SearchFilter): Standings {
  const selections = facetFields.map((field) => selectedCodes(field, state.fields[field], filter));
  const active = facetFields.map((_, index) => selections[index] !== undefined);
  const columns = facetFields.map((field) => state.fields[field]);
  const profileCount = (columns[0] as FieldColumn).start.length - 1;
  const { profileOfRow, rowsByProfile } = state;
  rowsByProfile.fill(0);
  for (let index = 0; index < candidates.length; index++) {
    const profile = profileOfRow[candidates[index] as number] as number;
    rowsByProfile[profile] = (rowsByProfile[profile] as number) + 1;
  }
  const anyActive = active.includes(true);
  const standing = new Uint8Array(profileCount);
  const failedFieldOf = new Int8Array(profileCount).fill(-1);
  for (let profile = 0; profile < profileCount; profile++) {
    if (!anyActive) {
      standing[profile] = 2;
      continue;
    }
    if (rowsByProfile[profile] === 0) continue;
    let failures = 0;
    let failedField = -1;
    for (let field = 0; field < columns.length && failures < 2; field++) {
      if (!active[field]) continue;
      const { start, values } = columns[field] as FieldColumn;
      const selection = selections[field] as Uint8Array;
      let hit = false;
      for (let at = start[profile] as number, end = start[profile + 1] as number; at < end && !hit; at++) {
        hit = selection[values[at] as number] === 1;
      }
      if (!hit) {
        failures++;
        failedField = field;
      }
    }
    if (failures === 0) standing[profile] = 2;
    else if (failures === 1) {
      standing[profile] = 1;
      failedFieldOf[profile] = failedField;
    }
  }
  return { columns, rowsByProfile, anyActive, standing, failedFieldOf };
}

/** Whether a profile counts in the facet of `field`: it passes every filter, or fails only that field's own. */
function countsIn(standings: Standings, profile: number, field: number): boolean {
  const standing = standings.standing[profile] as number;
  return standing === 2 || (standing === 1 && standings.failedFieldOf[profile] === field);
}

function passingRows(candidates: Uint32Array, state: IndexState, standings: Standings): Uint32Array {
  if (!standings.anyActive) return candidates;
  const passing = new Uint32Array(candidates.length);
  let passed = 0;
  for (let index = 0; index < candidates.length; index++) {
    const row = candidates[index] as number;
    if (standings.standing[state.profileOfRow[row] as number] === 2) passing[passed++] = row;
  }
  return passing.subarray(0, passed);
}

/**
 * Counting runs field by field, each a tight loop over one column, adding a weight for every profile (0 for
 * those that do not count): cheaper than branching on each.
 */
function countFacets(state: IndexState, standings: Standings): SearchFacets {
  const { columns, rowsByProfile } = standings;
  const profileCount = rowsByProfile.length;
  const counts = columns.map((column, field) => {
    const fieldCounts = new Uint32Array(column.names.length + 1);
    let weights = rowsByProfile;
    if (standings.anyActive) {
      weights = new Uint32Array(profileCount);
      for (let profile = 0; profile < profileCount; profile++) {
        if (countsIn(standings, profile, field)) weights[profile] = rowsByProfile[profile] as number;
      }
    }
    countField(column, fieldCounts, weights);
    return fieldCounts;
  });
  return facetsFrom(state, counts);
}

/**
 * One row per group, its best: the results, and for each facet the best rows of the groups under every filter
 * but that facet's own, counted by their values (what Meilisearch's `distinct` counts).
 */
function collapseAndCount(
  candidates: Uint32Array,
  state: IndexState,
  standings: Standings,
  before: Precedes,
): { passing: Uint32Array; facets: SearchFacets } {
  const { profileOfRow } = state;
  const bestOfGroups = (counts: (profile: number) => boolean): number[] => {
    const best = new Map<number, number>();
    for (const row of candidates) {
      if (!counts(profileOfRow[row] as number)) continue;
      const group = state.groupOfRow[row] as number;
      const current = best.get(group);
      if (current === undefined || before(row, current)) best.set(group, row);
    }
    return [...best.values()];
  };
  const passing = Uint32Array.from(bestOfGroups((profile) => standings.standing[profile] === 2)).sort();
  const counts = standings.columns.map((column, field) => {
    const fieldCounts = new Uint32Array(column.names.length + 1);
    const weights = new Uint32Array(standings.rowsByProfile.length);
    const rows = standings.anyActive ? bestOfGroups((profile) => countsIn(standings, profile, field)) : passing;
    for (const row of rows) {
      const profile = profileOfRow[row] as number;
      weights[profile] = (weights[profile] as number) + 1;
    }
    countField(column, fieldCounts, weights);
    return fieldCounts;
  });
  return { passing, facets: facetsFrom(state, counts) };
}

function facetsFrom(state: IndexState, counts: Uint32Array[]): SearchFacets {
  const facetOf = (field: number): FacetCount[] => {
    const { names } = state.fields[facetFields[field] as FacetField];
    const fieldCounts = counts[field] as Uint32Array;
    const facet: FacetCount[] = [];
    names.forEach((value, code) => {
      const count = fieldCounts[code] as number;
      if (count > 0) facet.push({ value, count });
    });
    return facet.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };
  return Object.fromEntries(facetFields.map((field, index) => [field, facetOf(index)])) as SearchFacets;
}

/** Adds each profile's weight to the counts of its values in one facet field. */
function countField(column: FieldColumn, fieldCounts: Uint32Array, weights: Uint32Array): void {
  const { start, values, onlyCode } = column;
  if (onlyCode) {
    for (let profile = 0; profile < weights.length; profile++) {
      const code = onlyCode[profile] as number;
      fieldCounts[code] = (fieldCounts[code] as number) + (weights[profile] as number);
    }
    return;
  }
  for (let profile = 0; profile < weights.length; profile++) {
    const weight = weights[profile] as number;
    for (let at = start[profile] as number, end = start[profile + 1] as number; at < end; at++) {
      const code = values[at] as number;
      fieldCounts[code] = (fieldCounts[code] as number) + weight;
    }
  }
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
    status: filter.statuses,
  }[field];
  if (!wanted || wanted.length === 0) return undefined;
  const wantedSet = new Set<string>(wanted);
  column.names.forEach((name, code) => {
    if (wantedSet.has(name)) selection[code] = 1;
  });
  return selection;
}

/** Whether row a sorts before row b; ties fall back to relevance, then to load order, so pages are stable. */
type Precedes = (a: number, b: number) => boolean;

function precedes(sort: SearchQuery['sort'], dateKeys: Uint32Array, keys: Float64Array | undefined): Precedes {
  /** Negative when row a ranks above row b. */
  const byRelevance = (a: number, b: number): number => (keys ? (keys[a] as number) - (keys[b] as number) : 0);
  if (sort === 'relevance') {
    return (a, b) => {
      const order = byRelevance(a, b);
      return order < 0 || (order === 0 && a < b);
    };
  }
  const direction = sort === 'date_desc' ? -1 : 1;
  return (a, b) => {
    const dateA = dateKeys[a] as number;
    const dateB = dateKeys[b] as number;
    // Undated documents go last in either direction.
    if (dateA !== dateB) {
      if (dateA === 0 || dateB === 0) return dateB === 0;
      return (dateA - dateB) * direction < 0;
    }
    const order = byRelevance(a, b);
    return order < 0 || (order === 0 && a < b);
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
