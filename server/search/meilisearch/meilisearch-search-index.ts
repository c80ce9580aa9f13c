/**
 * The Meilisearch SearchIndex. Searches go to one live index; `replaceAll` builds a fresh index under a
 * unique name and swaps it in, so readers see the old documents or the new ones, never a half-built
 * index. Facets are disjunctive: one multi-search carries the query for hits and one query per
 * active filter, with that filter left out, for its own facet.
 */
import { randomUUID } from 'node:crypto';
import {
  type EnqueuedTaskPromise,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type MultiSearchQuery,
  type SearchResponse,
  type Task,
} from 'meilisearch';
import type {
  Readiness,
  SearchDocument,
  SearchFacets,
  SearchIndex,
  SearchQuery,
  SearchResult,
} from '../search-index.js';
import { tokenize } from '../tokenize.js';
import { IndexingFailed, SearchUnavailable } from './errors.js';
import { buildFilter, type FacetName, facetAttributes, facetConditions, facetNames } from './filter.js';
import {
  deriveExpansions,
  highlightTags,
  indexSettings,
  type MeiliHit,
  textFields,
  titleLocalFields,
  toFacetCounts,
  toMeiliDocument,
  toSearchHit,
} from './mapping.js';

export interface MeiliSearchIndexOptions {
  url: string;
  apiKey?: string;
  /** The live index; rebuilds are created beside it as `<indexName>_build_<random>` and swapped in. */
  indexName: string;
  synonyms?: Record<string, string[]>;
  /** Bound on every HTTP request, so an unresponsive server fails a search instead of hanging it. */
  requestTimeoutMs?: number;
  /** Bound on waiting for one indexing task. */
  taskTimeoutMs?: number;
  batchSize?: number;
}

const maxLimit = 1000;
const retrievedAttributes = ['id', 'kind', 'title', ...titleLocalFields, ...textFields];
const highlightedAttributes = ['title', ...titleLocalFields, ...textFields];

export function openMeiliSearchIndex(options: MeiliSearchIndexOptions): SearchIndex {
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
  const batchSize = options.batchSize ?? 1000;
  const client = new Meilisearch({
    host: options.url,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeout: requestTimeoutMs,
  });
  const live = options.indexName;
  const settings = indexSettings(options.synonyms ?? {});
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new Error('the search index is closed');
  };

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw unavailability(error, options.url) ?? error;
    }
  };

  const finished = async (enqueued: EnqueuedTaskPromise): Promise<Task> =>
    enqueued.waitTask({ timeout: taskTimeoutMs, interval: 50 });

  const succeeded = async (enqueued: EnqueuedTaskPromise, what: string): Promise<void> => {
    const task = await finished(enqueued);
    if (task.status !== 'succeeded') throw new Error(`Meilisearch could not ${what}: ${taskFailure(task)}`);
  };

  const createLiveIfMissing = async (): Promise<void> => {
    const task = await finished(client.createIndex(live, { primaryKey: 'key' }));
    if (task.status !== 'succeeded' && task.error?.code !== 'index_already_exists') {
      throw new Error(`Meilisearch could not create index ${live}: ${taskFailure(task)}`);
    }
  };

  const build = async (name: string, documents: SearchDocument[]): Promise<void> => {
    await succeeded(client.createIndex(name, { primaryKey: 'key' }), `create index ${name}`);
    const index = client.index(name);
    await succeeded(index.updateSettings(settings), `apply the settings of ${name}`);
    for (let start = 0; start < documents.length; start += batchSize) {
      const batch = documents.slice(start, start + batchSize);
      const task = await finished(index.addDocuments(batch.map(toMeiliDocument), { primaryKey: 'key' }));
      if (task.status !== 'succeeded') {
        throw new IndexingFailed(
          batch.map((document) => document.id),
          taskFailure(task),
        );
      }
    }
  };

  return {
    async replaceAll(documents) {
      assertOpen();
      assertUniqueIds(documents);
      await guarded(async () => {
        const name = `${live}_build_${randomUUID().replaceAll('-', '')}`;
        try {
          await build(name, documents);
          await createLiveIfMissing();
          await succeeded(client.swapIndexes([{ indexes: [live, name], rename: false }]), `swap ${name} into ${live}`);
        } finally {
          // After the swap this name holds the previous documents; before it, a partial build. Either goes.
          await finished(client.deleteIndex(name)).catch(() => undefined);
        }
      });
    },

    async search(query) {
      assertOpen();
      return guarded(() => runSearch(client, live, query));
    },

    async count() {
      assertOpen();
      return guarded(async () => {
        try {
          return (await client.index(live).getStats()).numberOfDocuments;
        } catch (error) {
          if (isIndexNotFound(error)) return 0;
          throw error;
        }
      });
    },

    async readiness(): Promise<Readiness> {
      if (closed) return { ready: false, reason: 'the search index is closed' };
      try {
        await client.health();
        return { ready: true };
      } catch (error) {
        const unavailable = unavailability(error, options.url);
        return { ready: false, reason: unavailable?.reason ?? `Meilisearch health check failed: ${String(error)}` };
      }
    },

    async close() {
      closed = true;
    },
  };
}

async function runSearch(client: Meilisearch, indexUid: string, query: SearchQuery): Promise<SearchResult> {
  const offset = Math.max(0, Math.floor(query.offset) || 0);
  const limit = Math.min(maxLimit, Math.max(0, Math.floor(query.limit) || 0));
  // Text without a single word (punctuation only) matches everything, as in the embedded adapter.
  const hasWords = tokenize(query.text).length > 0;
  const q = hasWords ? query.text : '';
  const sort = query.sort === 'relevance' && !hasWords ? 'date_desc' : query.sort;
  const active = Object.keys(facetConditions(query.filter)) as FacetName[];
  const filterFor = (except?: FacetName) => {
    const filter = buildFilter(query.filter, except);
    return filter === undefined ? {} : { filter };
  };
  const queries: MultiSearchQuery[] = [
    {
      indexUid,
      q,
      ...filterFor(),
      ...(sort === 'relevance' ? {} : { sort: [sort === 'date_desc' ? 'date:desc' : 'date:asc'] }),
      offset,
      limit,
      facets: Object.values(facetAttributes),
      attributesToRetrieve: retrievedAttributes,
      ...(hasWords
        ? {
            attributesToHighlight: highlightedAttributes,
            highlightPreTag: highlightTags.pre,
            highlightPostTag: highlightTags.post,
          }
        : {}),
      showRankingScore: true,
      matchingStrategy: 'all',
    },
    ...active.map(
      (facet): MultiSearchQuery => ({
        indexUid,
        q,
        ...filterFor(facet),
        limit: 0,
        facets: [facetAttributes[facet]],
        matchingStrategy: 'all',
      }),
    ),
  ];
  let responses: SearchResponse<MeiliHit>[];
  try {
    responses = (await client.multiSearch<{ queries: MultiSearchQuery[] }, MeiliHit>({ queries }))
      .results as SearchResponse<MeiliHit>[];
  } catch (error) {
    if (isIndexNotFound(error)) return emptyResult();
    throw error;
  }
  return toSearchResult(query.text, hasWords, active, responses);
}

/** The port's result from the multi-search answers: the main query first, then one per active facet. */
export function toSearchResult(
  queryText: string,
  hasWords: boolean,
  activeFacets: FacetName[],
  responses: SearchResponse<MeiliHit>[],
): SearchResult {
  const [main, ...own] = responses as [SearchResponse<MeiliHit>, ...SearchResponse<MeiliHit>[]];
  const distributionOf = (facet: FacetName): Record<string, number> | undefined => {
    const ownIndex = activeFacets.indexOf(facet);
    const response = ownIndex >= 0 ? own[ownIndex] : main;
    return response?.facetDistribution?.[facetAttributes[facet]];
  };
  const facets = Object.fromEntries(
    facetNames.map((facet) => [facet, toFacetCounts(distributionOf(facet))]),
  ) as unknown as SearchFacets;
  // Every document has exactly one kind, so the kinds of the fully filtered matches add up to an exact total
  // (estimatedTotalHits is, as named, an estimate).
  const kinds = main.facetDistribution?.[facetAttributes.kind];
  const total = kinds
    ? Object.values(kinds).reduce((sum, count) => sum + count, 0)
    : (main.estimatedTotalHits ?? main.totalHits ?? main.hits.length);
  const mapped = main.hits.map((hit) => toSearchHit(hit, hasWords));
  return {
    hits: mapped.map((entry) => entry.hit),
    total,
    facets,
    expansions: hasWords
      ? deriveExpansions(
          queryText,
          mapped.flatMap((entry) => entry.matchedWords),
        )
      : [],
  };
}

function emptyResult(): SearchResult {
  return {
    hits: [],
    total: 0,
    facets: { kind: [], country: [], instrumentKind: [], theme: [], year: [] },
    expansions: [],
  };
}

function assertUniqueIds(documents: SearchDocument[]): void {
  const seen = new Set<string>();
  for (const document of documents) {
    if (seen.has(document.id)) throw new Error(`duplicate search document id ${document.id}`);
    seen.add(document.id);
  }
}

function taskFailure(task: Task): string {
  return task.error ? `${task.error.message} (${task.error.code})` : `task ${task.uid} ended ${task.status}`;
}

function isIndexNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found';
}

/** The outage an error stands for, or undefined when it is not one (a bad request is a bug, not an outage). */
export function unavailability(error: unknown, url: string): SearchUnavailable | undefined {
  if (error instanceof SearchUnavailable) return error;
  // The client reports a request timeout as a request error caused by the timeout.
  const timeout = causes(error).find((cause) => cause instanceof MeilisearchRequestTimeOutError);
  if (timeout) return new SearchUnavailable(`Meilisearch at ${url} did not answer within ${timeout.cause.timeout} ms`);
  if (error instanceof MeilisearchTaskTimeOutError) {
    return new SearchUnavailable(`Meilisearch at ${url} did not finish task ${error.cause.taskUid} in time`);
  }
  if (error instanceof MeilisearchRequestError) {
    return new SearchUnavailable(`cannot reach Meilisearch at ${url}: ${rootCause(error)}`);
  }
  if (error instanceof MeilisearchApiError && error.response.status >= 500) {
    return new SearchUnavailable(`Meilisearch at ${url} answered ${error.response.status}: ${error.message}`);
  }
  return undefined;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 10; ) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/** The innermost message of a fetch failure ("connect ECONNREFUSED 127.0.0.1:1"), not "fetch failed". */
function rootCause(error: Error): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  if (current instanceof Error && 'code' in current && typeof current.code === 'string') {
    return current.message.includes(current.code) ? current.message : `${current.code}: ${current.message}`;
  }
  return current instanceof Error ? current.message : String(current);
}
