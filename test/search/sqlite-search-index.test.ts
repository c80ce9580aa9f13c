import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteSearchIndex } from '../../server/search/embedded/sqlite-search-index.js';
import { describeSearchIndexContract } from '../contract/search-index.contract.js';

const directory = mkdtempSync(join(tmpdir(), 'sqlite-search-index-'));
let files = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeSearchIndexContract('SQLite FTS5 in memory', async () => openSqliteSearchIndex({ path: ':memory:' }));
describeSearchIndexContract('SQLite FTS5 in a file', async () =>
  openSqliteSearchIndex({ path: join(directory, `index-${files++}.sqlite`) }),
);

describe('SQLite search index file', () => {
  const provision = {
    kind: 'Provision' as const,
    title: 'Article 21 · Cybersecurity Law',
    name: 'Article 21',
    parentTitle: 'Cybersecurity Law',
    group: 'instrument:cn-csl',
    instrumentKind: 'law' as const,
    countries: ['CN'],
    themes: ['theme:security'],
    date: '2016-11-07',
    language: 'en',
  };

  it('keeps its documents and vocabulary when reopened', async () => {
    const path = join(directory, 'reopened.sqlite');
    const first = openSqliteSearchIndex({ path });
    await first.replaceAll([{ ...provision, id: 'provision:cn-csl-21', text: 'Graded cybersecurity protection.' }]);
    await first.close();

    const reopened = openSqliteSearchIndex({ path });
    expect(await reopened.count()).toBe(1);
    const result = await reopened.search({
      text: 'protecton',
      filter: { countries: ['CN'] },
      sort: 'relevance',
      offset: 0,
      limit: 10,
    });
    expect(result.hits.map((hit) => hit.id)).toEqual(['provision:cn-csl-21']);
    expect(result.facets.year).toEqual([{ value: '2016', count: 1 }]);
    await reopened.close();
  });

  it('rejects duplicate ids and keeps the previous documents', async () => {
    const index = openSqliteSearchIndex({ path: ':memory:' });
    await index.replaceAll([{ ...provision, id: 'provision:a', text: 'Original text.' }]);
    const duplicate = { ...provision, id: 'provision:b', text: 'New text.' };
    await expect(index.replaceAll([duplicate, duplicate])).rejects.toThrow(/duplicate/);
    expect(await index.count()).toBe(1);
    expect((await index.search({ text: 'original', filter: {}, sort: 'relevance', offset: 0, limit: 5 })).total).toBe(
      1,
    );
    await index.close();
  });

  it('reports not ready once closed', async () => {
    const index = openSqliteSearchIndex({ path: ':memory:' });
    await index.close();
    expect((await index.readiness()).ready).toBe(false);
  });
});
