/**
 * The bundled corpus in the embedded store and in Neo4j: connections, neighbourhoods, comparisons (theme links),
 * timelines (nodes by kind), relationships and counts must come out the same, order included.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KnowledgeGraph, meaningfulRelationshipTypes, nodeKinds } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { findConnections } from '../../server/domain/connections.js';
import type { GraphStore } from '../../server/graph/graph-store.js';
import { MemoryGraphStore } from '../../server/graph/memory-graph-store.js';
import { NEIGHBOUR_LIST_LENGTH } from '../../server/graph/neo4j-graph-store.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';
import { NEO4J_START_MS, openTestStore, type TestNeo4j, testNeo4j } from '../helpers/neo4j.js';
import { repositoryRoot } from '../helpers/server.js';

let neo4j: TestNeo4j;
let memory: GraphStore;
let graph: GraphStore;
let corpus: KnowledgeGraph;

const idsOf = (kind: string) =>
  corpus.nodes
    .filter((node) => node.kind === kind)
    .map((node) => node.id)
    .sort();
/** Every `step`-th id, so that the samples spread over the corpus without hand-picking. */
const spread = (ids: string[], count: number) =>
  ids.filter((_, index) => index % Math.max(1, Math.floor(ids.length / count)) === 0);

beforeAll(async () => {
  corpus = (await ingestCorpus([join(repositoryRoot, 'corpus')])).graph;
  neo4j = await testNeo4j();
  memory = await MemoryGraphStore.open();
  graph = await openTestStore(neo4j);
  await Promise.all([memory.replaceGraph(corpus), graph.replaceGraph(corpus)]);
}, NEO4J_START_MS);

afterAll(async () => {
  await graph?.close();
  await neo4j?.stop();
}, 60_000);

async function agree<T>(stores: [GraphStore, GraphStore], ask: (store: GraphStore) => Promise<T>): Promise<T> {
  const expected = await ask(stores[0]);
  expect(await ask(stores[1])).toEqual(expected);
  return expected;
}
const bothAgree = <T>(ask: (store: GraphStore) => Promise<T>) => agree([memory, graph], ask);

describe('the embedded store and Neo4j agree on the bundled corpus', () => {
  it('count the same nodes, relationships and passages', async () => {
    const stats = await bothAgree((store) => store.stats());
    expect(stats.passages).toBe(corpus.passages.length);
  });

  it('list every kind of node in the same order (the input of timelines)', async () => {
    for (const kind of nodeKinds) {
      await bothAgree((store) => store.listNodes({ kind, offset: 0, limit: 10_000 }));
      await bothAgree((store) => store.listNodes({ kind, offset: 3, limit: 7 }));
    }
  });

  it('give every relationship of every node, both directions', async () => {
    const ids = corpus.nodes.map((node) => node.id);
    for (const direction of ['out', 'in'] as const) {
      const lists = await bothAgree((store) => store.relationshipsOf(ids, { direction }));
      expect(lists.flat()).toHaveLength(corpus.relationships.length);
      await bothAgree((store) => store.relationshipsOf(ids, { direction, types: ['PARTY_TO', 'MENTIONS'] }));
    }
  });

  it('give the same passages', async () => {
    await bothAgree((store) => store.passagesOf(idsOf('Provision')));
  });

  it('find the same connections, in the same order', async () => {
    const countries = idsOf('Country');
    const pairs = [
      ...countries.slice(1).map((country) => [countries[0] ?? '', country]),
      ...spread(idsOf('Person'), 4).flatMap((person) =>
        spread(idsOf('Instrument'), 4).map((instrument) => [person, instrument]),
      ),
      ...spread(idsOf('Organization'), 3).flatMap((organization) =>
        spread(idsOf('Event'), 3).map((event) => [organization, event]),
      ),
    ] as [string, string][];
    // Pairs with more shortest paths than the limit show that both stores keep the same first ones.
    for (const country of countries) {
      for (const instrument of idsOf('Instrument')) {
        const options = { maxHops: 4, types: meaningfulRelationshipTypes, limit: 6 };
        if ((await memory.shortestPaths(country, instrument, options)).length > 5) pairs.push([country, instrument]);
      }
    }
    let cutByLimit = 0;
    for (const [from, to] of pairs) {
      for (const limit of [5, 1000]) {
        const paths = await bothAgree((store) =>
          store.shortestPaths(from, to, { maxHops: 4, types: meaningfulRelationshipTypes, limit }),
        );
        if (paths.length > 5) cutByLimit++;
      }
    }
    expect(cutByLimit).toBeGreaterThan(0);
  });

  it('explain the same connections, in the same order (server/domain/connections.ts over either store)', async () => {
    const ends = [
      ...spread(idsOf('Country'), 3),
      ...spread(idsOf('Person'), 4),
      ...spread(idsOf('Organization'), 3),
      ...spread(idsOf('Event'), 3),
      ...spread(idsOf('Instrument'), 4),
    ];
    let throughHubs = 0;
    let found = 0;
    for (const from of ends) {
      for (const to of ends) {
        if (from >= to) continue;
        const connections = await bothAgree((store) =>
          findConnections(store, from, to, { maxHops: 4, types: meaningfulRelationshipTypes, first: 5 }),
        );
        if (connections.paths.length > 0) found++;
        if (connections.throughHubs) throughHubs++;
      }
    }
    expect(found).toBeGreaterThan(0);
    expect(throughHubs).toBeGreaterThan(0);
  });

  it('give the same neighbourhoods, cut at the same place', async () => {
    const centres = [...idsOf('Country'), ...spread(idsOf('Instrument'), 5), ...spread(idsOf('Person'), 3)];
    let truncated = 0;
    for (const id of centres) {
      const wide = await bothAgree((store) => store.neighborhood(id, { depth: 2, limit: 200 }));
      const narrow = await bothAgree((store) => store.neighborhood(id, { depth: 2, limit: 25 }));
      await bothAgree((store) => store.neighborhood(id, { depth: 3, limit: 100, types: meaningfulRelationshipTypes }));
      if (wide.truncated || narrow.truncated) truncated++;
    }
    expect(truncated).toBeGreaterThan(0);
  });

  it('link the same instruments and provisions to each theme and country (the input of comparisons)', async () => {
    const links = await bothAgree((store) => store.themeLinks(idsOf('Country'), idsOf('Theme')));
    expect(links.length).toBeGreaterThan(0);
  });
});

// Neo4j reads a neighbourhood from each node's stored list of its first NEIGHBOUR_LIST_LENGTH neighbours, and walks
// relationships when that cannot be enough; hubs with more neighbours than that must give the same answers.
describe('the embedded store and Neo4j agree around hubs with more neighbours than Neo4j lists', () => {
  const articles = NEIGHBOUR_LIST_LENGTH + 90;
  const stores: GraphStore[] = [];

  beforeAll(async () => {
    const body = Array.from(
      { length: articles },
      (_, index) => `## Article ${index + 1}\nData must be stored within the territory.\n`,
    ).join('\n');
    const root = await writeCorpus({
      ...minimalVocabulary,
      'national/vn-hub.md': lawDocument('vn-hub', 'themes: [data-localisation]\n', body),
      'national/vn-small.md': lawDocument('vn-small', 'implements: [instrument:vn-hub]\n', '## Article 1\nScope.'),
    });
    const hubs = (await ingestCorpus([root])).graph;
    stores.push(await MemoryGraphStore.open(), await openTestStore(neo4j));
    await Promise.all(stores.map((store) => store.replaceGraph(hubs)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('give the same neighbourhoods from the hubs, from their neighbours and beyond the stored lists', async () => {
    const pair = () => stores as [GraphStore, GraphStore];
    const centres = ['instrument:vn-hub', 'theme:data-localisation', 'provision:vn-hub:art-7', 'country:VN'];
    for (const id of centres) {
      for (const [depth, limit] of [
        [1, 50],
        [2, 200],
        [3, NEIGHBOUR_LIST_LENGTH - 1],
        [2, NEIGHBOUR_LIST_LENGTH + 50],
      ] as const) {
        const subgraph = await agree(pair(), (store) => store.neighborhood(id, { depth, limit }));
        expect(subgraph.nodes.length).toBeGreaterThan(1);
      }
    }
    const hub = await agree(pair(), (store) => store.neighborhood('instrument:vn-hub', { depth: 1, limit: 500 }));
    expect(hub.truncated).toBe(true);
    // An article's neighbours are two hubs, the law and the theme it addresses; the relationship between them counts.
    const article = await agree(pair(), (store) =>
      store.neighborhood('provision:vn-hub:art-7', { depth: 1, limit: 50 }),
    );
    expect(article.relationships.map(({ type, from, to }) => `${from} ${type} ${to}`).sort()).toEqual([
      'instrument:vn-hub ADDRESSES theme:data-localisation',
      'provision:vn-hub:art-7 ADDRESSES theme:data-localisation',
      'provision:vn-hub:art-7 PART_OF instrument:vn-hub',
    ]);
  });
});
