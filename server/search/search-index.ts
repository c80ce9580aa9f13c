/**
 * The SearchIndex port: what the product asks of full-text search. Adapters: the embedded index
 * (default) and Meilisearch. Both pass test/contract/search-index.contract.ts and follow the ranking
 * rules written down in the README's search section (the order of `searchFields`, then `rankingRules`).
 */
import type { InstrumentKind, InstrumentStatus } from '../../ingest/model.js';
import type { StagedVersion } from '../staged-version.js';

export const searchableKinds = [
  'Instrument',
  'Provision',
  'Quote',
  'Person',
  'Organization',
  'Event',
  'Country',
  'Theme',
] as const;
export type SearchableKind = (typeof searchableKinds)[number];

/**
 * The searchable fields of a document, most important first: a query word found in an earlier field ranks
 * the document above one where it is found only in a later field (Meilisearch's `attributeRank`).
 */
export const searchFields = [
  /**
   * Short titles, acronyms and official numbers; an entity's other names in every script: what people call it,
   * curated, so it ranks even above the official name.
   */
  'aliases',
  /** The unit's own name: an instrument's title, "Article 37", a speaker's name, an entity's name. */
  'name',
  /** The local-language title. */
  'titleLocal',
  /** Every name of the countries the unit belongs to, demonyms and other scripts included. */
  'countryNames',
  /** Instrument summary, provision text, quotation, or an entity's description. */
  'text',
  /** For a provision or quote: its instrument's title, short titles and local title. */
  'parentTitle',
  /** Labels and keywords, in every language, of the themes the unit itself is tagged with. */
  'themeText',
] as const;
export type SearchField = (typeof searchFields)[number];

/** One searchable unit, derived from the knowledge graph by `searchDocuments()`. */
export interface SearchDocument {
  /** The node id. */
  id: string;
  kind: SearchableKind;
  /** What a result shows as its title: "Article 37 · <instrument title>", "<speaker> · <instrument title>", a name. */
  title: string;
  name: string;
  aliases?: string[];
  titleLocal?: string;
  countryNames?: string[];
  text: string;
  parentTitle?: string;
  themeText?: string;
  /**
   * What a result collapses into when results come one per instrument: the instrument's id for an instrument,
   * provision or quote; the node's own id for an entity.
   */
  group: string;
  instrumentKind?: InstrumentKind;
  status?: InstrumentStatus;
  /** ISO codes of the enacting country or the parties (for an entity, its country). */
  countries: string[];
  /** Theme ids, including the ancestors of every tagged theme. */
  themes: string[];
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) of the instrument or event. */
  date?: string;
  language: string;
}

export interface SearchFilter {
  kinds?: SearchableKind[];
  countries?: string[];
  instrumentKinds?: InstrumentKind[];
  themes?: string[];
  statuses?: InstrumentStatus[];
  yearFrom?: number;
  yearTo?: number;
  /** Only documents of these groups (instrument ids, or entity ids). */
  groups?: string[];
}

export type SearchSort = 'relevance' | 'date_desc' | 'date_asc';

export interface SearchQuery {
  /** Free text; empty matches every document (then sorted by date unless asked otherwise). */
  text: string;
  filter: SearchFilter;
  sort: SearchSort;
  offset: number;
  limit: number;
  /**
   * One hit per group, the group's best-ranked document (Meilisearch's `distinct`); `total` and the facets then
   * count groups, each by the values of its best document.
   */
  collapse?: boolean;
  /**
   * With `filter.groups`: at most this many hits of each group, each group's best first (a Meilisearch query per
   * group); `offset` and `limit` then apply to the hits of all groups together, and facets are not counted.
   */
  perGroup?: number;
}

/** Highlighted text: `highlights` are [start, end) UTF-16 offsets into `text`. */
export interface Snippet {
  text: string;
  highlights: [number, number][];
}

/** How a query word reached a document word other than itself. */
export type ExpansionKind = 'typo' | 'prefix' | 'folding' | 'synonym';

export interface FieldMatch {
  field: SearchField;
  /** The field's text (a window of it when long), highlighted. */
  snippet: Snippet;
}

export interface SearchHit {
  id: string;
  kind: SearchableKind;
  group: string;
  /** Higher is better; comparable only within one result. */
  score: number;
  title: Snippet;
  snippet: Snippet;
  /** The fields that hold a matched word, in `searchFields` order. */
  matchedFields: FieldMatch[];
  /** How the matched words differ from the words typed, when they do. */
  via: ExpansionKind[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export const facetNames = ['kind', 'country', 'instrumentKind', 'theme', 'status', 'year'] as const;
export type FacetName = (typeof facetNames)[number];
export type SearchFacets = Record<FacetName, FacetCount[]>;

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** Counts over every match of the query and filter, each facet ignoring its own filter. */
  facets: SearchFacets;
  /** Query words that matched other words, and how. */
  expansions: { term: string; matched: string[]; kind: ExpansionKind }[];
}

export interface Readiness {
  ready: boolean;
  reason?: string;
}

/** How far a `replaceAll` has come, for a reingest job to report. */
export interface IndexingProgress {
  /** Documents the index has accepted for indexing (uploaded, for Meilisearch). */
  sent: number;
  /** Documents indexed so far; the new documents are served only once all are, and the swap is done. */
  indexed: number;
}

export interface IndexingOptions {
  /** Recorded with the documents: a checksum of the data they come from (server/data.ts). */
  dataVersion?: string;
  /** Hears how far indexing has come, as often as the adapter learns it. */
  progress?: (progress: IndexingProgress) => void;
}

export interface SearchIndex {
  /**
   * Full replace, not a merge: readers see the old documents or the new ones, never a mix (stageAll, then
   * activate).
   */
  replaceAll(documents: SearchDocument[], options?: IndexingOptions): Promise<void>;
  /**
   * Indexes `documents` beside the documents readers see, recorded as `options.dataVersion` (a checksum of the
   * data); searches see none of them until the staged version is activated. One staged index at a time.
   */
  stageAll(documents: SearchDocument[], options?: IndexingOptions): Promise<StagedVersion>;
  /** The data version recorded with the documents searches see; undefined when none is indexed or none was recorded. */
  dataVersion(): Promise<string | undefined>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** How many documents the index holds. */
  count(): Promise<number>;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

/**
 * Rank of an instrument's status at equal relevance: in force first, then amended or unknown, then the rest. An
 * entity has no status, and is not held back for it.
 */
export function statusRank(kind: SearchableKind, status: InstrumentStatus | undefined): number {
  if (status === 'in_force' || kindRank(kind) === 0) return 0;
  if (status === undefined || status === 'amended' || status === 'not_applicable') return 1;
  return 2;
}

/** Rank of a kind at equal relevance: entities, then instruments, then their provisions, then quotes. */
export function kindRank(kind: SearchableKind): number {
  if (kind === 'Instrument') return 1;
  if (kind === 'Provision') return 2;
  if (kind === 'Quote') return 3;
  return 0;
}
