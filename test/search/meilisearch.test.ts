/**
 * The SearchIndex contract and a relevance comparison against the run's real Meilisearch. Every index this
 * file creates carries a prefix unique to the run, and only those are deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeOf } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { ThemeTree } from '../../server/domain/themes.js';
import { searchDocuments } from '../../server/search/documents.js';
import { openSqliteSearchIndex } from '../../server/search/embedded/sqlite-search-index.js';
import { openMeiliSearchIndex } from '../../server/search/meilisearch/meilisearch-search-index.js';
import type { IndexingProgress, SearchIndex } from '../../server/search/search-index.js';
import { describeSearchIndexContract } from '../contract/search-index.contract.js';
import { testMeilisearch } from '../helpers/meilisearch.js';
import { repositoryRoot } from '../helpers/server.js';

// The run's Meilisearch (test/meilisearch/global-setup.ts), which says why when there is none.
const url = testMeilisearch()?.url;
const apiKey = testMeilisearch()?.apiKey;

const prefix = `contract_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
let created = 0;
const open = (name: string): SearchIndex =>
  openMeiliSearchIndex({
    url: url as string,
    ...(apiKey ? { apiKey } : {}),
    indexName: `${prefix}_${name}`,
    requestTimeoutMs: 10_000,
  });

describe.skipIf(!url)('Meilisearch', () => {
  afterAll(async () => {
    const client = new Meilisearch({ host: url as string, ...(apiKey ? { apiKey } : {}) });
    const { results } = await client.getRawIndexes({ limit: 10_000 });
    for (const index of results.filter((entry) => entry.uid.startsWith(`${prefix}_`))) {
      await client.deleteIndex(index.uid).waitTask({ timeout: 60_000 });
    }
  });

  describeSearchIndexContract('Meilisearch', async () => open(`c${created++}`));

  it('reports each upload as sent, then the documents as indexed, until all are', async () => {
    const index = openMeiliSearchIndex({
      url: url as string,
      ...(apiKey ? { apiKey } : {}),
      indexName: `${prefix}_progress`,
      // About one document an upload: progress in many steps.
      batchBytes: 1,
    });
    const { graph } = await ingestCorpus([join(repositoryRoot, 'corpus')]);
    const themes = graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme');
    const documents = searchDocuments(graph, new ThemeTree(themes)).slice(0, 12);
    const reports: IndexingProgress[] = [];
    await index.replaceAll(documents, { progress: (progress) => reports.push(progress) });
    const sent = [...new Set(reports.map((report) => report.sent))];
    expect(sent).toEqual(documents.map((_, at) => at + 1));
    expect(reports.at(-1)).toEqual({ sent: documents.length, indexed: documents.length });
    for (const [earlier, later] of reports.slice(1).map((report, at) => [reports[at], report] as const)) {
      expect(later.indexed).toBeGreaterThanOrEqual(earlier?.indexed ?? 0);
    }
    expect(reports.every((report) => report.indexed <= report.sent)).toBe(true);
    expect(await index.count()).toBe(documents.length);
    await index.close();
  }, 120_000);

  describe('relevance beside the embedded index, on the bundled corpus', () => {
    let embedded: SearchIndex;
    let meilisearch: SearchIndex;

    beforeAll(async () => {
      embedded = openSqliteSearchIndex({ path: ':memory:' });
      meilisearch = open('relevance');
      const { graph } = await ingestCorpus([join(repositoryRoot, 'corpus')]);
      const themes = graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme');
      const documents = searchDocuments(graph, new ThemeTree(themes));
      await embedded.replaceAll(documents);
      await meilisearch.replaceAll(documents);
    }, 300_000);

    afterAll(async () => {
      await embedded.close();
      await meilisearch.close();
    });

    const top = async (index: SearchIndex, text: string): Promise<string[]> =>
      (await index.search({ text, filter: {}, sort: 'relevance', offset: 0, limit: 5 })).hits.map((hit) => hit.id);

    it.each([
      ['English', 'data localisation'],
      ['English', 'critical information infrastructure'],
      ['Chinese', '网络安全'],
      ['Chinese', '个人信息'],
      ['Thai', 'ข้อมูลส่วนบุคคล'],
      ['Vietnamese', 'an ninh mạng'],
      ['Indonesian', 'data pribadi'],
    ])('agrees on the top results of a %s query (%s)', async (_, text) => {
      const [expected, actual] = await Promise.all([top(embedded, text), top(meilisearch, text)]);
      expect(expected.length).toBeGreaterThan(0);
      const shared = actual.filter((id) => expected.includes(id));
      // Both rank by different formulas (BM25 against bucket sort); agreement means most of the top five.
      expect(shared.length).toBeGreaterThanOrEqual(Math.min(3, expected.length));
    });
  });
});
