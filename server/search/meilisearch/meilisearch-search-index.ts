/**
 * The Meilisearch SearchIndex. Searches go to one live index; `stageAll` builds a fresh index under a
 * unique name, and activating it swaps it in, so readers see the old documents or the new ones, never a
 * half-built index. The data version lives in a one-document index beside the live one (`<indexName>_version`),
 * swapped in the same swap task, which Meilisearch runs as one transaction: documents and version change together.
 * Facets are disjunctive: one multi-search carries the query for hits and one query per active filter, with that
 * filter left out, for its own facet.
 */
import { randomUUID } from 'node:crypto';
import {
  type EnqueuedTask,
  type EnqueuedTaskPromise,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type MultiSearchQuery,
  type SearchResponse,
  type Task,
} from 'meilisearch';
import { replaceNow } from '../../staged-version.js';
import { queryWords } from '../explain.js';
import {
  type FacetName,
  facetNames,
  type IndexingProgress,
  type Readiness,
  type SearchDocument,
  type SearchFacets,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  searchFields,
} from '../search-index.js';
import { IndexingFailed, SearchUnavailable } from './errors.js';
import { buildFilter, facetAttributes, facetConditions } from './filter.js';
import { keepAliveTransport } from './http-transport.js';
import {
  deriveExpansions,
  highlightTags,
  indexSettings,
  type MeiliHit,
  meiliQueryText,
  toFacetCounts,
  toMeiliDocument,
  toSearchHit,
} from './mapping.js';

export interface MeiliSearchIndexOptions {
  url: string;
  apiKey?: string;
  /** The live index; rebuilds are created beside it as `<indexName>_build_<random>` and swapped in. */
  indexName: string;
  /** Bound on every search and health request, so an unresponsive server fails a search instead of hanging it. */
  requestTimeoutMs?: number;
  /**
   * Bound on each request of a rebuild (an upload, a task poll): a server busy indexing on few cores takes
   * seconds to accept a large upload, which must not fail the rebuild as a search would fail.
   */
  writeTimeoutMs?: number;
  /** Bound on waiting for a rebuild's tasks, from the last upload until Meilisearch has indexed everything. */
  taskTimeoutMs?: number;
  /** Largest document upload; Meilisearch indexes a few large payloads much faster than many small ones. */
  batchBytes?: number;
}

const maxLimit = 1000;
/** What every hit carries besides its searchable fields. */
const identityAttributes = ['id', 'kind', 'group', 'title'];

export function openMeiliSearchIndex(options: MeiliSearchIndexOptions): SearchIndex {
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const taskTimeoutMs = options.taskTimeoutMs ?? 600_000;
  const batchBytes = options.batchBytes ?? 16 * 1024 * 1024;
  const writeTimeoutMs = Math.max(requestTimeoutMs, options.writeTimeoutMs ?? 60_000);
  const transport = keepAliveTransport();
  const clientWith = (timeout: number) =>
    new Meilisearch({
      host: options.url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout,
      httpClient: transport.httpClient,
    });
  const client = clientWith(requestTimeoutMs);
  const writer = clientWith(writeTimeoutMs);
  const live = options.indexName;
  const settings = indexSettings();
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

  /**
   * Polled here rather than with the client's waitTask, which adds an abort listener per poll that it never
   * removes (a warning, and a leak, on a long rebuild); the pause grows, so a long wait costs few requests.
   */
  const finished = async (enqueued: EnqueuedTaskPromise | EnqueuedTask): Promise<Task> => {
    const { taskUid } = await enqueued;
    let task: Task | undefined;
    await poll(`task ${taskUid}`, async () => {
      task = await writer.tasks.getTask(taskUid);
      return task.status !== 'enqueued' && task.status !== 'processing';
    });
    return task as Task;
  };

  /** Calls `done` until it says so, pausing longer each time, for at most `taskTimeoutMs`. */
  const poll = async (what: string, done: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + taskTimeoutMs;
    for (let pause = 10; !(await done()); pause = Math.min(pause * 2, 250)) {
      if (Date.now() > deadline) {
        throw new SearchUnavailable(
          `Meilisearch at ${options.url} did not finish ${what} within ${taskTimeoutMs} ms (raise taskTimeoutMs for larger corpora)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };

  /**
   * Waits for every upload to finish, telling `progress` after each look how many documents the finished ones
   * indexed. Meilisearch indexes the uploads enqueued meanwhile as one batch, so the count moves in steps.
   */
  const indexedAll = async (
    uploads: Map<number, string[]>,
    sent: number,
    progress: (progress: IndexingProgress) => void,
  ): Promise<void> => {
    const uids = [...uploads.keys()];
    await poll(`the upload tasks ${uids[0]}–${uids.at(-1)}`, async () => {
      const { results } = await writer.tasks.getTasks({
        uids,
        statuses: ['succeeded', 'failed', 'canceled'],
        limit: uids.length,
      });
      const indexed = results
        .filter((task) => task.status === 'succeeded')
        .reduce((sum, task) => sum + (uploads.get(task.uid)?.length ?? 0), 0);
      progress({ sent, indexed });
      return results.length === uids.length;
    });
  };

  const succeeded = async (enqueued: EnqueuedTaskPromise, what: string): Promise<void> => {
    const task = await finished(enqueued);
    if (task.status !== 'succeeded') throw new Error(`Meilisearch could not ${what}: ${taskFailure(task)}`);
  };

  const createIfMissing = async (name: string): Promise<void> => {
    const task = await finished(writer.createIndex(name, { primaryKey: 'key' }));
    if (task.status !== 'succeeded' && task.error?.code !== 'index_already_exists') {
      throw new Error(`Meilisearch could not create index ${name}: ${taskFailure(task)}`);
    }
  };

  /** The index holding the live index's data version, as its one document. */
  const liveVersion = `${live}_version`;
  const versionKey = 'dataVersion';

  /** A version index beside a build: empty when the data has no recorded version. */
  const buildVersion = async (name: string, dataVersion: string | undefined): Promise<void> => {
    await succeeded(writer.createIndex(name, { primaryKey: 'key' }), `create index ${name}`);
    if (dataVersion !== undefined) {
      await succeeded(
        writer.index(name).addDocuments([{ key: versionKey, dataVersion }]),
        `record data version ${dataVersion} in ${name}`,
      );
    }
  };

  /** Builds left by a rebuild that died half-way (this adapter assumes one writer per live index). */
  const removeAbandonedBuilds = async (): Promise<void> => {
    const abandoned = (await indexNames(writer)).filter((uid) => uid.startsWith(`${live}_build_`));
    await Promise.all(abandoned.map((uid) => succeeded(writer.deleteIndex(uid), `delete the half-built index ${uid}`)));
  };

  /**
   * Every task is enqueued without waiting for the one before: Meilisearch runs an index's tasks in order, so
   * the settings apply before any document is indexed (each document is indexed once, with the final
   * settings), and once the last task has finished every earlier one has too.
   */
  const build = async (
    name: string,
    documents: SearchDocument[],
    progress: (progress: IndexingProgress) => void,
  ): Promise<void> => {
    const steps: { task: EnqueuedTask; what: string }[] = [
      { task: await writer.createIndex(name, { primaryKey: 'key' }), what: `create index ${name}` },
      { task: await writer.index(name).updateSettings(settings), what: `apply the settings of ${name}` },
    ];
    const batches = new Map<number, string[]>();
    let sent = 0;
    for (const batch of documentBatches(documents, batchBytes)) {
      const task = await writer
        .index(name)
        .addDocumentsFromString(batch.payload, 'application/json', { primaryKey: 'key' });
      batches.set(task.taskUid, batch.ids);
      steps.push({ task, what: `index documents into ${name}` });
      sent += batch.ids.length;
      progress({ sent, indexed: 0 });
    }
    if (batches.size > 0) await indexedAll(batches, sent, progress);
    else await finished((steps.at(-1) as { task: EnqueuedTask }).task);
    const uids = steps.map((step) => step.task.taskUid);
    const { results: failed } = await writer.tasks.getTasks({
      uids,
      statuses: ['failed', 'canceled'],
      limit: uids.length,
    });
    if (failed.length === 0) return;
    const refused = failed.filter((task) => batches.has(task.uid));
    if (refused.length > 0) {
      const more = refused.length > 1 ? ` (and ${refused.length - 1} more failed uploads)` : '';
      throw new IndexingFailed(
        refused.flatMap((task) => batches.get(task.uid) ?? []),
        `${taskFailure(refused[0] as Task)}${more}`,
      );
    }
    const [first] = failed as [Task];
    const step = steps.find((candidate) => candidate.task.taskUid === first.uid);
    throw new Error(`Meilisearch could not ${step?.what ?? `run task ${first.uid}`}: ${taskFailure(first)}`);
  };

  const stageAll: SearchIndex['stageAll'] = async (documents, { dataVersion, progress = () => {} } = {}) => {
    assertOpen();
    assertUniqueIds(documents);
    const name = `${live}_build_${randomUUID().replaceAll('-', '')}`;
    const names = [name, `${name}_version`] as const;
    // After a swap these names hold the previous documents and version; before it, a partial build. Either goes.
    const remove = async () => {
      for (const uid of names) await finished(writer.deleteIndex(uid)).catch(() => undefined);
    };
    await guarded(async () => {
      await removeAbandonedBuilds();
      try {
        await build(name, documents, progress);
        await buildVersion(names[1], dataVersion);
      } catch (error) {
        await remove();
        throw error;
      }
    });
    return {
      activate: () =>
        guarded(async () => {
          assertOpen();
          try {
            await createIfMissing(live);
            await createIfMissing(liveVersion);
            await succeeded(
              writer.swapIndexes([
                { indexes: [live, name], rename: false },
                { indexes: [liveVersion, names[1]], rename: false },
              ]),
              `swap ${name} into ${live}`,
            );
          } finally {
            await remove();
          }
        }),
      discard: remove,
    };
  };

  return {
    replaceAll(documents, options) {
      return replaceNow(stageAll(documents, options));
    },

    stageAll,

    async dataVersion() {
      assertOpen();
      return guarded(async () => {
        try {
          const document = await client.index(liveVersion).getDocument(versionKey);
          return (document as { dataVersion?: string }).dataVersion;
        } catch (error) {
          if (isIndexNotFound(error) || apiError(error)?.cause?.code === 'document_not_found') return undefined;
          throw error;
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
      transport.close();
    },
  };
}

async function runSearch(client: Meilisearch, indexUid: string, query: SearchQuery): Promise<SearchResult> {
  const offset = Math.max(0, Math.floor(query.offset) || 0);
  const limit = Math.min(maxLimit, Math.max(0, Math.floor(query.limit) || 0));
  if (query.filter.groups?.length === 0) return emptyResult();
  // Text without a single word (punctuation only) matches everything, as in the embedded adapter.
  const q = meiliQueryText(query.text);
  const hasWords = q !== '';
  const sort = query.sort === 'relevance' && !hasWords ? 'date_desc' : query.sort;
  const active = Object.keys(facetConditions(query.filter)) as FacetName[];
  const filterFor = (except?: FacetName) => {
    const filter = buildFilter(query.filter, except);
    return filter === undefined ? {} : { filter };
  };
  // Exhaustive paging (page, hitsPerPage) counts exactly, groups included; an offset off the page grid asks for
  // every hit up to the page's end.
  const aligned = limit > 0 && offset % limit === 0;
  const paging = aligned ? { page: offset / limit + 1, hitsPerPage: limit } : { page: 1, hitsPerPage: offset + limit };
  const shared = {
    indexUid,
    q,
    matchingStrategy: 'all' as const,
    ...(query.collapse ? { distinct: 'group' } : {}),
  };
  // With words, the searchable fields come once, highlighted, in `_formatted` (Meilisearch puts a highlighted field
  // there even when it is not retrieved): half the bytes to send and parse of retrieving them plainly as well.
  const fields = hasWords
    ? {
        attributesToRetrieve: identityAttributes,
        attributesToHighlight: [...searchFields],
        highlightPreTag: highlightTags.pre,
        highlightPostTag: highlightTags.post,
      }
    : { attributesToRetrieve: [...identityAttributes, ...searchFields] };
  if (query.perGroup !== undefined && query.filter.groups) {
    const perGroup = query.perGroup;
    const queries = query.filter.groups.map(
      (group): MultiSearchQuery => ({
        ...shared,
        ...(buildFilter({ ...query.filter, groups: [group] })
          ? { filter: buildFilter({ ...query.filter, groups: [group] }) }
          : {}),
        limit: perGroup,
        ...fields,
        showRankingScore: true,
      }),
    );
    const responses = (await client.multiSearch<{ queries: MultiSearchQuery[] }, MeiliHit>({ queries }))
      .results as SearchResponse<MeiliHit>[];
    const words = queryWords(query.text);
    const hits = responses.flatMap((response) => response.hits.map((hit) => toSearchHit(hit, words, hasWords).hit));
    return {
      hits: hits.slice(offset, offset + limit),
      total: hits.length,
      facets: emptyResult().facets,
      expansions: [],
    };
  }
  const queries: MultiSearchQuery[] = [
    {
      ...shared,
      ...filterFor(),
      ...(sort === 'relevance' ? {} : { sort: [sort === 'date_desc' ? 'date:desc' : 'date:asc'] }),
      ...paging,
      facets: Object.values(facetAttributes),
      ...fields,
      showRankingScore: true,
    },
    ...active.map(
      (facet): MultiSearchQuery => ({
        ...shared,
        ...filterFor(facet),
        page: 1,
        hitsPerPage: 0,
        facets: [facetAttributes[facet]],
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
  const result = toSearchResult(query.text, hasWords, active, responses);
  return aligned ? result : { ...result, hits: result.hits.slice(offset) };
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
  ) as SearchFacets;
  const words = queryWords(queryText);
  const mapped = main.hits.map((hit) => toSearchHit(hit, words, hasWords));
  return {
    hits: mapped.map((entry) => entry.hit),
    total: main.totalHits ?? main.estimatedTotalHits ?? main.hits.length,
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
    facets: { kind: [], country: [], instrumentKind: [], theme: [], status: [], year: [] },
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
  return apiError(error)?.cause?.code === 'index_not_found';
}

/** Meilisearch's own answer, which the client hands on wrapped in a request error when a custom transport threw it. */
function apiError(error: unknown): MeilisearchApiError | undefined {
  return causes(error).find((cause): cause is MeilisearchApiError => cause instanceof MeilisearchApiError);
}

/** Every index's name, page by page. */
async function indexNames(client: Meilisearch): Promise<string[]> {
  const names: string[] = [];
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const { results, total } = await client.getRawIndexes({ offset, limit });
    names.push(...results.map((index) => index.uid));
    if (offset + limit >= total) return names;
  }
}

/**
 * The documents as JSON arrays of at most `maxBytes` each (a single larger document goes alone), with the ids
 * each carries, so a refused upload can name its documents. Serialised one batch at a time, as it is sent.
 */
export function* documentBatches(
  documents: SearchDocument[],
  maxBytes: number,
): Generator<{ payload: string; ids: string[] }> {
  let parts: string[] = [];
  let ids: string[] = [];
  let bytes = 2;
  for (const [order, document] of documents.entries()) {
    const json = JSON.stringify(toMeiliDocument(document, order));
    const size = Buffer.byteLength(json) + 1;
    if (parts.length > 0 && bytes + size > maxBytes) {
      yield { payload: `[${parts.join(',')}]`, ids };
      parts = [];
      ids = [];
      bytes = 2;
    }
    parts.push(json);
    ids.push(document.id);
    bytes += size;
  }
  if (parts.length > 0) yield { payload: `[${parts.join(',')}]`, ids };
}

/** The outage an error stands for, or undefined when it is not one (a bad request is a bug, not an outage). */
export function unavailability(error: unknown, url: string): SearchUnavailable | undefined {
  if (error instanceof SearchUnavailable) return error;
  // The client reports a request timeout as a request error caused by the timeout.
  const timeout = causes(error).find((cause) => cause instanceof MeilisearchRequestTimeOutError);
  if (timeout) return new SearchUnavailable(`Meilisearch at ${url} did not answer within ${timeout.cause.timeout} ms`);
  // A transport that throws Meilisearch's answer gets it wrapped in a request error; the answer decides.
  const answer = apiError(error);
  if (answer) {
    return answer.response.status >= 500
      ? new SearchUnavailable(`Meilisearch at ${url} answered ${answer.response.status}: ${answer.message}`)
      : undefined;
  }
  if (error instanceof MeilisearchRequestError) {
    return new SearchUnavailable(`cannot reach Meilisearch at ${url}: ${rootCause(error)}`);
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
