/**
 * Meilisearch unreachable, for real: a loopback port nobody listens on, and a server that accepts
 * connections but never answers. No Meilisearch is needed for these.
 */
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { DataManager } from '../../server/data.js';
import { openGraphStore } from '../../server/graph/open.js';
import { openSqliteSearchIndex } from '../../server/search/embedded/sqlite-search-index.js';
import { SearchUnavailable } from '../../server/search/meilisearch/errors.js';
import { withEmbeddedFallback } from '../../server/search/meilisearch/fallback.js';
import { openMeiliSearchIndex } from '../../server/search/meilisearch/meilisearch-search-index.js';
import type { SearchDocument, SearchQuery } from '../../server/search/search-index.js';
import { startServer } from '../helpers/server.js';

const query: SearchQuery = { text: 'data', filter: { countries: ['VN'] }, sort: 'relevance', offset: 0, limit: 5 };
const documents: SearchDocument[] = [
  {
    id: 'provision:vn-cyber-law-26',
    kind: 'Provision',
    title: 'Điều 26 · Luật An ninh mạng',
    name: 'Điều 26',
    parentTitle: 'Luật An ninh mạng',
    text: 'Doanh nghiệp phải lưu trữ data tại Việt Nam.',
    group: 'instrument:vn-cyber-law',
    instrumentKind: 'law',
    countries: ['VN'],
    themes: ['theme:data-localisation'],
    date: '2018-06-12',
    language: 'vi',
  },
];

/** A loopback port that was free a moment ago: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let refusedUrl: string;
let silent: Server;
let silentUrl: string;
const silentSockets = new Set<Socket>();

beforeAll(async () => {
  refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  // Accepts connections and reads requests, but never answers.
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('Meilisearch unreachable', () => {
  it('reports not ready, with the reason', async () => {
    const index = openMeiliSearchIndex({ url: refusedUrl, indexName: 'unreachable' });
    const readiness = await index.readiness();
    expect(readiness.ready).toBe(false);
    expect(readiness.reason).toMatch(/cannot reach Meilisearch at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('fails searches, counts and reindexes with SearchUnavailable, coded SERVICE_UNAVAILABLE', async () => {
    const index = openMeiliSearchIndex({ url: refusedUrl, indexName: 'unreachable' });
    const failure = await index.search(query).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SearchUnavailable);
    expect((failure as SearchUnavailable).extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((failure as SearchUnavailable).message).toMatch(/ECONNREFUSED/);
    await expect(index.count()).rejects.toBeInstanceOf(SearchUnavailable);
    await expect(index.replaceAll(documents)).rejects.toBeInstanceOf(SearchUnavailable);
  });

  it('gives up on a server that never answers after the request timeout', async () => {
    const index = openMeiliSearchIndex({ url: silentUrl, indexName: 'silent', requestTimeoutMs: 300 });
    await expect(index.search(query)).rejects.toThrow(/did not answer within 300 ms/);
    expect(await index.readiness()).toEqual({
      ready: false,
      reason: `Meilisearch at ${silentUrl} did not answer within 300 ms`,
    });
  });

  it('answers from the embedded index with the fallback, and says why in readiness', async () => {
    const warnings: string[] = [];
    const index = withEmbeddedFallback(
      openMeiliSearchIndex({ url: refusedUrl, indexName: 'unreachable' }),
      openSqliteSearchIndex({ path: ':memory:' }),
      (message) => warnings.push(message),
    );
    await index.replaceAll(documents);
    expect(warnings.join('\n')).toMatch(/Meilisearch missed the last reindex/);
    const result = await index.search(query);
    expect(result.hits.map((hit) => hit.id)).toEqual(['provision:vn-cyber-law-26']);
    expect(await index.count()).toBe(1);
    const readiness = await index.readiness();
    expect(readiness.ready).toBe(true);
    expect(readiness.reason).toMatch(/ECONNREFUSED.*answering from the embedded index/);
  });

  it('is SERVICE_UNAVAILABLE through GraphQL without the fallback', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meili-faults-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEARCH_BACKEND: 'meilisearch',
      MEILI_URL: refusedUrl,
    });
    const stores = {
      graph: await openGraphStore(config),
      search: openMeiliSearchIndex({ url: refusedUrl, indexName: 'unreachable' }),
    };
    const app = createApp(config, new DataManager(config, stores, () => undefined));
    const port = await app.listen();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ search(query: "data") { total } }' }),
      });
      const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.errors?.[0]?.message).toMatch(/search is unavailable/);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { search: { reason: string } }).search.reason).toMatch(/ECONNREFUSED/);
    } finally {
      await app.drain();
    }
  });

  it('serves the bundled corpus from the embedded index with SEARCH_FALLBACK=embedded, and says so', async () => {
    const server = await startServer({
      SEARCH_BACKEND: 'meilisearch',
      MEILI_URL: refusedUrl,
      SEARCH_FALLBACK: 'embedded',
    });
    try {
      const response = await server.graphql<{ search: { total: number } }>(
        '{ search(query: "cybersecurity") { total } }',
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.search.total).toBeGreaterThan(0);
      expect((response as { extensions?: Record<string, unknown> }).extensions?.searchBackend).toBe(
        'embedded-fallback',
      );
      const plain = await server.graphql('{ __typename }');
      expect((plain as { extensions?: Record<string, unknown> }).extensions?.searchBackend).toBeUndefined();
      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as {
        search: { ready: boolean; reason: string };
      };
      expect(ready.search.ready).toBe(true);
      expect(ready.search.reason).toMatch(/answering from the embedded index/);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
