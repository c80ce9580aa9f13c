/**
 * The SearchIndex port: what the product asks of full-text search. Adapters: the embedded
 * SQLite FTS5 index (default) and Meilisearch. Both pass test/contract/search-index.contract.ts.
 */
import type { InstrumentKind } from '../../ingest/model.js';

export const searchableKinds = ['Instrument', 'Provision', 'Quote'] as const;
export type SearchableKind = (typeof searchableKinds)[number];

/** One searchable unit, derived from the knowledge graph by `searchDocuments()`. */
export interface SearchDocument {
  /** The node id of the instrument, provision or quote. */
  id: string;
  kind: SearchableKind;
  /** Instrument title; "Article 37 · <instrument title>"; or the speaker's name for a quote. */
  title: string;
  /** Local-language title of the instrument, when it has one. */
  titleLocal?: string;
  /** Instrument summary, provision text or quotation. */
  text: string;
  /**
   * Labels and keywords, in every language, of the themes the unit itself is tagged with (not their
   * ancestors). Searched with less weight than `text`, and a word found only here ranks below one found
   * in the title or text, so a concept query ("data localization") also reaches units worded otherwise.
   */
  themeText?: string;
  /** The instrument the unit belongs to (its own id for an instrument). */
  instrument: string;
  instrumentKind: InstrumentKind;
  /** ISO codes of the enacting country or the parties. */
  countries: string[];
  /** Theme ids, including the ancestors of every tagged theme. */
  themes: string[];
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) of the instrument. */
  date?: string;
  language: string;
}

export interface SearchFilter {
  kinds?: SearchableKind[];
  countries?: string[];
  instrumentKinds?: InstrumentKind[];
  themes?: string[];
  yearFrom?: number;
  yearTo?: number;
}

export type SearchSort = 'relevance' | 'date_desc' | 'date_asc';

export interface SearchQuery {
  /** Free text; empty matches every document (then sorted by date unless asked otherwise). */
  text: string;
  filter: SearchFilter;
  sort: SearchSort;
  offset: number;
  limit: number;
}

/** Highlighted text: `highlights` are [start, end) UTF-16 offsets into `text`. */
export interface Snippet {
  text: string;
  highlights: [number, number][];
}

export interface SearchHit {
  id: string;
  kind: SearchableKind;
  score: number;
  title: Snippet;
  snippet: Snippet;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  kind: FacetCount[];
  country: FacetCount[];
  instrumentKind: FacetCount[];
  theme: FacetCount[];
  year: FacetCount[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** Counts over every match of the query and filter, each facet ignoring its own filter. */
  facets: SearchFacets;
  /** Query terms that matched other words through typo tolerance or prefixes. */
  expansions: { term: string; matched: string[] }[];
}

export interface Readiness {
  ready: boolean;
  reason?: string;
}

export interface SearchIndex {
  /** Full replace, not a merge: readers see the old documents or the new ones, never a mix. */
  replaceAll(documents: SearchDocument[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** How many documents the index holds. */
  count(): Promise<number>;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}
