/**
 * What the adapter asks of Meilisearch, checked against a stand-in HTTP server that records the requests
 * and answers in Meilisearch's shapes: the task sequence of a rebuild, and the multi-search of a query.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IndexingFailed } from '../../server/search/meilisearch/errors.js';
import { documentBatches, openMeiliSearchIndex } from '../../server/search/meilisearch/meilisearch-search-index.js';
import type { SearchDocument } from '../../server/search/search-index.js';

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

let server: Server;
let url: string;
let requests: Recorded[] = [];
const tasks = new Map<number, { status: string; error: unknown }>();
/** Indexes the stand-in lists, as a rebuild that died half-way would leave them. */
let abandoned: string[] = [];

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

function enqueue(failure?: string): Record<string, unknown> {
  const uid = tasks.size + 1;
  tasks.set(uid, {
    status: failure ? 'failed' : 'succeeded',
    error: failure ? { message: failure, code: 'invalid_document_fields', type: 'invalid_request', link: '' } : null,
  });
  return { taskUid: uid, indexUid: null, status: 'enqueued', type: 'documentAdditionOrUpdate', enqueuedAt: '' };
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const path = request.url ?? '';
    const body = await bodyOf(request);
    requests.push({ method: request.method ?? '', path, body });
    const send = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    const taskOf = (uid: number) => ({ uid, indexUid: null, type: 'x', details: {}, ...tasks.get(uid) });
    const task = /^\/tasks\/(\d+)/.exec(path);
    if (task) return send(200, taskOf(Number(task[1])));
    if (request.method === 'GET' && path.startsWith('/tasks?')) {
      const query = new URL(path, url).searchParams;
      const statuses = query.get('statuses')?.split(',') ?? [];
      const listed = (query.get('uids') ?? '').split(',').map(Number).map(taskOf);
      const results = listed.filter((entry) => statuses.length === 0 || statuses.includes(entry.status ?? ''));
      return send(200, { results, total: results.length, limit: results.length, from: null, next: null });
    }
    if (request.method === 'GET' && path.startsWith('/indexes?')) {
      const results = abandoned.map((uid) => ({ uid, primaryKey: 'key', createdAt: '', updatedAt: '' }));
      return send(200, { results, offset: 0, limit: 1000, total: results.length });
    }
    if (path === '/multi-search') {
      const queries = (body as { queries: { facets?: string[] }[] }).queries;
      return send(200, {
        results: queries.map((query, index) => ({
          indexUid: 'live',
          hits: [],
          query: '',
          processingTimeMs: 0,
          limit: index === 0 ? 20 : 0,
          offset: 0,
          estimatedTotalHits: 0,
          facetDistribution: Object.fromEntries((query.facets ?? []).map((facet) => [facet, {}])),
        })),
      });
    }
    if (path.includes('/documents')) {
      const ids = (body as { id: string }[]).map((document) => document.id);
      return send(202, enqueue(ids.some((id) => id.includes('bad')) ? 'document has a bad field' : undefined));
    }
    return send(202, enqueue());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
  abandoned = [];
});

const documentsNamed = (ids: string[]): SearchDocument[] =>
  ids.map((id) => ({
    id,
    kind: 'Provision',
    title: id,
    name: id,
    text: 'Text.',
    group: 'instrument:x',
    instrumentKind: 'law',
    countries: ['VN'],
    themes: [],
    language: 'vi',
  }));

/** A look at how tasks are doing: one task, or the uploads (listed with every finished status). */
const isTaskPoll = (path: string) => path.startsWith('/tasks/') || path.includes('statuses=succeeded');
const withoutTaskPolls = () => requests.filter((request) => !isTaskPoll(request.path));

describe('Meilisearch requests', () => {
  it('removes abandoned builds, enqueues settings and every batch before waiting, swaps documents and version together, and deletes the old ones', async () => {
    abandoned = ['live_build_0123', 'lively', 'live'];
    const index = openMeiliSearchIndex({ url, indexName: 'live', batchBytes: 1 });
    await index.replaceAll(documentsNamed(['provision:a', 'provision:b', 'provision:c']));
    const sequence = requests.map(
      (request) => `${request.method} ${decodeURIComponent(request.path).replace(/_build_[0-9a-f]{32}/, '_build_*')}`,
    );
    const polls = sequence.flatMap((entry, position) => (isTaskPoll(entry.slice('GET '.length)) ? [position] : []));
    expect(sequence.filter((entry) => !isTaskPoll(entry.slice('GET '.length)))).toEqual([
      'GET /indexes?offset=0&limit=1000',
      'DELETE /indexes/live_build_0123',
      'POST /indexes',
      'PATCH /indexes/live_build_*/settings',
      'POST /indexes/live_build_*/documents?primaryKey=key',
      'POST /indexes/live_build_*/documents?primaryKey=key',
      'POST /indexes/live_build_*/documents?primaryKey=key',
      expect.stringMatching(/^GET \/tasks\?uids=\d+,\d+,\d+,\d+,\d+&statuses=failed,canceled&limit=5$/),
      'POST /indexes',
      'POST /indexes',
      'POST /indexes',
      'POST /swap-indexes',
      'DELETE /indexes/live_build_*',
      'DELETE /indexes/live_build_*_version',
    ]);
    // Nothing waited on between the first upload and the last: the batches went in back to back.
    const uploads = sequence.flatMap((entry, position) => (entry.includes('/documents') ? [position] : []));
    expect(
      polls.filter((position) => position > (uploads[0] as number) && position < (uploads.at(-1) as number)),
    ).toEqual([]);
    const build = (withoutTaskPolls()[2]?.body as { uid: string } | undefined)?.uid;
    expect(build).toMatch(/^live_build_[0-9a-f]{32}$/);
    // The wait for the uploads asks about those three tasks only.
    expect(sequence).toContainEqual(
      expect.stringMatching(/^GET \/tasks\?uids=\d+,\d+,\d+&statuses=succeeded,failed,canceled&limit=3$/),
    );
    expect(withoutTaskPolls()[8]?.body).toEqual({ uid: `${build}_version`, primaryKey: 'key' });
    // The documents and their data version change in one swap task.
    expect(withoutTaskPolls()[11]?.body).toEqual([
      { indexes: ['live', build], rename: false },
      { indexes: ['live_version', `${build}_version`], rename: false },
    ]);
  });

  it('sizes uploads by bytes', () => {
    const documents = documentsNamed(Array.from({ length: 100 }, (_, index) => `provision:${index}`));
    const [single] = [...documentBatches(documents.slice(0, 1), Number.POSITIVE_INFINITY)];
    const limit = Buffer.byteLength(single?.payload ?? '') * 10;
    const batches = [...documentBatches(documents, limit)];
    expect(batches.length).toBeGreaterThan(5);
    for (const batch of batches) {
      expect(Buffer.byteLength(batch.payload)).toBeLessThanOrEqual(limit);
      expect((JSON.parse(batch.payload) as { id: string }[]).map((document) => document.id)).toEqual(batch.ids);
    }
    expect(batches.flatMap((batch) => batch.ids)).toEqual(documents.map((document) => document.id));
  });

  it('surfaces a failed batch with the ids it concerns, never swaps, and removes the partial build', async () => {
    const index = openMeiliSearchIndex({ url, indexName: 'live', batchBytes: 1 });
    const failure = await index
      .replaceAll(documentsNamed(['provision:a', 'provision:b', 'provision:bad', 'provision:d']))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IndexingFailed);
    expect((failure as IndexingFailed).documentIds).toEqual(['provision:bad']);
    expect((failure as Error).message).toMatch(/provision:bad: document has a bad field/);
    const paths = withoutTaskPolls().map((request) => `${request.method} ${request.path}`);
    expect(paths).not.toContain('POST /swap-indexes');
    expect(paths.at(-1)).toMatch(/^DELETE \/indexes\/live_build_/);
  });

  it('sends one query for hits and one per active filter, each without its own filter', async () => {
    const index = openMeiliSearchIndex({ url, indexName: 'live' });
    await index.search({
      text: 'data',
      filter: { countries: ['VN', '" OR 1'], kinds: [], yearFrom: 2018 },
      sort: 'date_asc',
      offset: 10,
      limit: 5,
    });
    const [search] = withoutTaskPolls();
    expect(search?.path).toBe('/multi-search');
    const [main, country, year, ...rest] =
      (search?.body as { queries: Record<string, unknown>[] } | undefined)?.queries ?? [];
    expect(rest).toEqual([]);
    expect(main).toMatchObject({
      indexUid: 'live',
      q: 'data',
      filter: String.raw`(countries = "VN" OR countries = "\" OR 1") AND (year >= 2018)`,
      sort: ['date:asc'],
      // Offset 10 with 5 a page is page 3: exhaustive paging counts exactly.
      page: 3,
      hitsPerPage: 5,
      facets: ['kind', 'countries', 'instrumentKind', 'themes', 'status', 'year'],
      matchingStrategy: 'all',
      showRankingScore: true,
    });
    expect(main?.attributesToHighlight).toEqual(expect.arrayContaining(['name', 'aliases', 'text', 'titleLocal']));
    expect(country).toMatchObject({ q: 'data', filter: '(year >= 2018)', hitsPerPage: 0, facets: ['countries'] });
    expect(year).toMatchObject({
      q: 'data',
      filter: String.raw`(countries = "VN" OR countries = "\" OR 1")`,
      hitsPerPage: 0,
      facets: ['year'],
    });
  });

  it('sorts a query without words by date, newest first, and sends no filter when none applies', async () => {
    const index = openMeiliSearchIndex({ url, indexName: 'live' });
    await index.search({ text: ' "" ', filter: { themes: [] }, sort: 'relevance', offset: 0, limit: 5 });
    const [main, ...rest] =
      (withoutTaskPolls()[0]?.body as { queries: Record<string, unknown>[] } | undefined)?.queries ?? [];
    expect(rest).toEqual([]);
    expect(main).toMatchObject({ q: '', sort: ['date:desc'] });
    expect(main).not.toHaveProperty('filter');
    expect(main).not.toHaveProperty('attributesToHighlight');
  });
});
