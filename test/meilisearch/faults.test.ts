/**
 * The server and the adapter when a real Meilisearch misbehaves: killed while serving and restarted on the
 * same data, frozen, killed half-way through a reindex's upload, and refusing a document. Always a Meilisearch
 * of its own (it kills it), launched from the shared release.
 */
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeOf } from '../../ingest/model.js';
import { ThemeTree } from '../../server/domain/themes.js';
import { searchDocuments } from '../../server/search/documents.js';
import { IndexingFailed, SearchUnavailable } from '../../server/search/meilisearch/errors.js';
import { openMeiliSearchIndex } from '../../server/search/meilisearch/meilisearch-search-index.js';
import type { SearchDocument, SearchIndex, SearchQuery } from '../../server/search/search-index.js';
import { writeCorpus } from '../helpers/corpus.js';
import { fixtureCorpus, fixtureGraph } from '../helpers/graph-fixture.js';
import {
  type LaunchedMeilisearch,
  launchMeilisearch,
  MEILISEARCH_START_MS,
  meilisearchSource,
} from '../helpers/meilisearch.js';
import { type RunningServer, startServer } from '../helpers/server.js';

const source = meilisearchSource();
if (source.kind !== 'shared') {
  console.warn(
    `Meilisearch fault tests skipped: they kill the server, so they launch their own from the shared release, and ${source.kind === 'none' ? source.why : `only MEILI_URL (${source.url}) is available`}.`,
  );
}

const TIMEOUT_MS = 1000;
let meilisearch: LaunchedMeilisearch;
let documents: SearchDocument[];

beforeAll(async () => {
  if (source.kind !== 'shared') return;
  meilisearch = await launchMeilisearch();
  const graph = await fixtureGraph();
  const themes = graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme');
  documents = searchDocuments(graph, new ThemeTree(themes));
}, MEILISEARCH_START_MS);

afterAll(async () => {
  await meilisearch?.stop();
});

const searchQuery = '{ search(query: "territory") { total edges { node { id } } } }';
type SearchAnswer = { search: { total: number; edges: { node: { id: string } }[] } };
const extensionsOf = (response: object) => (response as { extensions?: Record<string, unknown> }).extensions;

async function readiness(server: RunningServer): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`${server.url}/readyz`);
  const body = (await response.json()) as { search: { reason?: string } };
  return { status: response.status, ...(body.search.reason ? { reason: body.search.reason } : {}) };
}

describe.skipIf(source.kind !== 'shared')('Meilisearch faults against the real server', () => {
  describe('killed while serving, then restarted on the same data and port', () => {
    let server: RunningServer;
    let withFallback: RunningServer;
    let before: SearchAnswer['search'] | undefined;

    beforeAll(async () => {
      const corpus = await writeCorpus(fixtureCorpus);
      const environment = {
        SEARCH_BACKEND: 'meilisearch',
        MEILI_URL: meilisearch.url,
        MEILI_KEY: meilisearch.key,
        MEILI_TIMEOUT_MS: String(TIMEOUT_MS),
        CORPUS_DIR: corpus,
      };
      [server, withFallback] = await Promise.all([
        startServer({ ...environment, MEILI_INDEX: 'faults_app' }),
        startServer({ ...environment, MEILI_INDEX: 'faults_fallback', SEARCH_FALLBACK: 'embedded' }),
      ]);
      before = (await server.graphql<SearchAnswer>(searchQuery)).data?.search;
    }, 120_000);

    afterAll(async () => {
      await Promise.all([server?.stop(), withFallback?.stop()]);
    });

    it('serves search from Meilisearch while it runs', async () => {
      expect(before?.total).toBeGreaterThan(0);
      expect(await readiness(server)).toEqual({ status: 200 });
      const answer = await withFallback.graphql<SearchAnswer>(searchQuery);
      expect(answer.data?.search).toEqual(before);
      expect(extensionsOf(answer)?.searchBackend).toBeUndefined();
    });

    it('once killed: /readyz says why, search is SERVICE_UNAVAILABLE, the fallback answers and says so', async () => {
      await meilisearch.kill();
      const ready = await readiness(server);
      expect(ready.status).toBe(503);
      expect(ready.reason).toMatch(new RegExp(`cannot reach Meilisearch at ${meilisearch.url}: .*ECONNREFUSED`));
      const failed = await server.graphql<SearchAnswer>(searchQuery);
      expect(failed.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(failed.errors?.[0]?.message).toMatch(/search is unavailable: cannot reach Meilisearch/);
      // The rest of the API does not depend on the search index.
      expect((await server.graphql('{ stats { passages } }')).errors).toBeUndefined();

      const answered = await withFallback.graphql<SearchAnswer>(searchQuery);
      expect(answered.errors).toBeUndefined();
      expect(answered.data?.search.edges.map((edge) => edge.node.id).sort()).toEqual(
        before?.edges.map((edge) => edge.node.id).sort(),
      );
      expect(extensionsOf(answered)?.searchBackend).toBe('embedded-fallback');
      expect((await readiness(withFallback)).reason).toMatch(/ECONNREFUSED.*answering from the embedded index/);
    });

    it('once restarted: ready again with the same answers, without restarting the app', async () => {
      const pid = server.child.pid;
      await meilisearch.restart();
      expect(await readiness(server)).toEqual({ status: 200 });
      expect((await server.graphql<SearchAnswer>(searchQuery)).data?.search).toEqual(before);
      const answer = await withFallback.graphql<SearchAnswer>(searchQuery);
      expect(extensionsOf(answer)?.searchBackend).toBeUndefined();
      expect(server.child.pid).toBe(pid);
      expect(server.child.exitCode).toBeNull();
    });

    it('frozen: search gives up after MEILI_TIMEOUT_MS, and answers again once it thaws', async () => {
      const pid = meilisearch.pid() as number;
      process.kill(pid, 'SIGSTOP');
      try {
        const failed = await server.graphql<SearchAnswer>(searchQuery);
        expect(failed.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(failed.errors?.[0]?.message).toContain(`did not answer within ${TIMEOUT_MS} ms`);
        expect((await readiness(server)).reason).toBe(
          `Meilisearch at ${meilisearch.url} did not answer within ${TIMEOUT_MS} ms`,
        );
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      expect((await server.graphql<SearchAnswer>(searchQuery)).data?.search).toEqual(before);
    });
  });

  describe('rebuilds', () => {
    const query: SearchQuery = { text: 'territory', filter: {}, sort: 'relevance', offset: 0, limit: 20 };
    const idsOf = async (index: SearchIndex) => (await index.search(query)).hits.map((hit) => hit.id).sort();
    const buildsOf = async (live: string): Promise<string[]> => {
      const response = await fetch(`${meilisearch.url}/indexes?limit=1000`, {
        headers: { authorization: `Bearer ${meilisearch.key}` },
      });
      const { results } = (await response.json()) as { results: { uid: string }[] };
      return results.map((index) => index.uid).filter((uid) => uid.startsWith(`${live}_build_`));
    };

    describe('killed half-way through the document upload', () => {
      let proxy: Server;
      let proxyUrl: string;
      /** Kill Meilisearch when this many document uploads have reached the proxy. */
      let killAtUpload = Number.POSITIVE_INFINITY;
      let uploads = 0;

      beforeAll(async () => {
        // Between the adapter and Meilisearch, so the kill lands exactly between two uploads of one rebuild.
        proxy = createServer((incoming, outgoing) => {
          const upload = incoming.method === 'POST' && /_build_\w+\/documents/.test(incoming.url ?? '');
          const forward = () => {
            const target = new URL(incoming.url ?? '/', meilisearch.url);
            const onward = request(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(outgoing);
            });
            onward.on('error', () => outgoing.destroy());
            incoming.pipe(onward);
          };
          if (upload && ++uploads >= killAtUpload) meilisearch.kill().then(forward);
          else forward();
        });
        await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
        proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
      });

      afterAll(async () => {
        await new Promise<void>((resolve) => proxy.close(() => resolve()));
      });

      it('keeps the previous index serving, and the next rebuild removes the half-built one', async () => {
        // One document per upload, so that the rebuild has uploads left when Meilisearch dies.
        const index = openMeiliSearchIndex({
          url: proxyUrl,
          apiKey: meilisearch.key,
          indexName: 'faults_upload',
          batchBytes: 1,
        });
        const previous = documents.slice(0, 3);
        await index.replaceAll(previous);
        const served = await idsOf(index);

        uploads = 0;
        killAtUpload = 3;
        const failure = await index.replaceAll(documents).catch((error: unknown) => error);
        killAtUpload = Number.POSITIVE_INFINITY;
        expect(failure).toBeInstanceOf(SearchUnavailable);
        expect((failure as SearchUnavailable).reason).toMatch(/cannot reach Meilisearch/);

        await meilisearch.restart();
        expect(await index.count()).toBe(previous.length);
        expect(await idsOf(index)).toEqual(served);
        const [halfBuilt, ...others] = await buildsOf('faults_upload');
        expect(others).toEqual([]);
        expect(halfBuilt).toMatch(/^faults_upload_build_[0-9a-f]{32}$/);

        await index.replaceAll(documents);
        expect(await index.count()).toBe(documents.length);
        expect(await buildsOf('faults_upload')).toEqual([]);
        await index.close();
      }, 120_000);
    });

    it('reports a document the engine refuses by its id, and swaps nothing in', async () => {
      const index = openMeiliSearchIndex({
        url: meilisearch.url,
        apiKey: meilisearch.key,
        indexName: 'faults_refused',
      });
      await index.replaceAll(documents);
      const served = await idsOf(index);
      // Meilisearch refuses a primary key longer than 511 bytes; this id's key is about 650.
      const refused = { ...(documents[0] as SearchDocument), id: `provision:${'x'.repeat(480)}` };
      const failure = await index.replaceAll([...documents, refused]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(IndexingFailed);
      expect((failure as IndexingFailed).documentIds).toContain(refused.id);
      expect((failure as IndexingFailed).message).toMatch(
        /Meilisearch failed to index documents .*Document identifier/,
      );
      expect(await index.count()).toBe(documents.length);
      expect(await idsOf(index)).toEqual(served);
      expect(await buildsOf('faults_refused')).toEqual([]);
      await index.close();
    });
  });
});
