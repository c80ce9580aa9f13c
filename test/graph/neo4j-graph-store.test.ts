import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import neo4jDriver from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeGraph } from '../../ingest/model.js';
import { nodeKinds, relationshipTypes } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { CYPHER_DIR } from '../../server/graph/cypher-queries.js';
import type { Neo4jGraphStore } from '../../server/graph/neo4j-graph-store.js';
import { describeGraphStoreContract } from '../contract/graph-store.contract.js';
import { fixtureGraph } from '../helpers/graph-fixture.js';
import { graphChecksum, NEO4J_START_MS, openTestStore, type TestNeo4j, testNeo4j } from '../helpers/neo4j.js';
import { repositoryRoot } from '../helpers/server.js';

let neo4j: TestNeo4j;
const stores: Neo4jGraphStore[] = [];
// Both stores a contract suite opens work on the same graph, as two processes pointed at one database would.
const contractGraph = `contract-${process.pid}`;

beforeAll(async () => {
  neo4j = await testNeo4j();
}, NEO4J_START_MS);

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await neo4j?.stop();
}, 60_000);

async function open(options: Parameters<typeof openTestStore>[1] = {}): Promise<Neo4jGraphStore> {
  const store = await openTestStore(neo4j, options);
  stores.push(store);
  return store;
}

/** Runs Cypher on the test database directly, as another tool pointed at it would. */
async function cypher(query: string, parameters: Record<string, unknown>) {
  const driver = neo4jDriver.driver(neo4j.uri, undefined);
  try {
    return (await driver.executeQuery(query, parameters, { database: neo4j.database })).records;
  } finally {
    await driver.close();
  }
}

describeGraphStoreContract('neo4j', () => open({ graph: contractGraph }));
describeGraphStoreContract('neo4j, loading in batches of 7', () => open({ batchSize: 7 }));
describeGraphStoreContract('neo4j without derived caches (reading by walking)', () => open({ derivedCaches: false }));

describe('cypher/schema.cypher', () => {
  it('has an id constraint for every node kind and every relationship type of the model', async () => {
    const schema = await readFile(join(CYPHER_DIR, 'schema.cypher'), 'utf8');
    for (const kind of nodeKinds) {
      expect(schema).toMatch(new RegExp(`FOR \\(n:${kind}\\) REQUIRE \\(n\\._generation, n\\.id\\) IS UNIQUE`));
    }
    for (const type of relationshipTypes) {
      expect(schema).toMatch(
        new RegExp(`FOR \\(\\)-\\[r:${type}\\]-\\(\\) REQUIRE \\(r\\._generation, r\\.id\\) IS UNIQUE`),
      );
    }
  });
});

describe('Neo4jGraphStore', () => {
  let graph: KnowledgeGraph;

  beforeAll(async () => {
    graph = await fixtureGraph();
  });

  it('gives every node back exactly as loaded, nested values included', async () => {
    const store = await open();
    await store.replaceGraph(graph);
    const ids = graph.nodes.map((node) => node.id);
    expect(await store.getNodes(ids)).toEqual(graph.nodes);
  });

  it('readers see the old graph or the new one while it is replaced, never a mix', async () => {
    const shared = `replaced-${randomUUID()}`;
    const store = await open({ graph: shared, batchSize: 5 });
    const reader = await open({ graph: shared });
    const countriesOnly = {
      nodes: graph.nodes.filter((node) => node.kind === 'Country'),
      relationships: [],
      passages: [],
    };
    await store.replaceGraph(graph);
    const full = await reader.stats();
    const small = { nodes: { Country: 2 }, relationships: {}, passages: 0 };
    let replacing = true;
    const seen: unknown[] = [];
    const reading = (async () => {
      while (replacing) seen.push(await reader.stats());
    })();
    await store.replaceGraph(countriesOnly);
    await store.replaceGraph(graph);
    replacing = false;
    await reading;
    expect(seen.length).toBeGreaterThan(0);
    for (const stats of seen) expect([full, small]).toContainEqual(stats);
    // Another process notices the switch within a second.
    await expect.poll(() => reader.stats(), { timeout: 5_000 }).toEqual(full);
  });

  it('keeps a reload that is still running when the clean-up after the load before it comes due', async () => {
    // The clean-up after a load comes due about 2 s later (readTimeoutMs is 1 ms here), by which time the third
    // load below (the bundled corpus, five rows per transaction) is under way: it must wait for that load to end
    // rather than take its half-loaded generation for an abandoned one, then delete both retired loads.
    const shared = `reloaded-${randomUUID()}`;
    const store = await open({ graph: shared, readTimeoutMs: 1, batchSize: 5 });
    const bundled = (await ingestCorpus([join(repositoryRoot, 'corpus')])).graph;
    await store.replaceGraph(graph);
    await store.replaceGraph(graph);
    await store.replaceGraph(bundled);
    const statuses = async () =>
      (
        await cypher(
          'MATCH (generation:Generation {graph: $graph}) RETURN generation.status AS status ORDER BY status',
          { graph: shared },
        )
      ).map((record) => record.get('status'));
    await expect.poll(statuses, { timeout: 30_000, interval: 250 }).toEqual(['active']);
    const clean = await open();
    await clean.replaceGraph(bundled);
    expect(await graphChecksum(await open({ graph: shared }))).toBe(await graphChecksum(clean));
  }, 300_000);

  it("two stores reloading the same graph at once both end on the whole graph: a load is its owner's", async () => {
    // Two app instances on one database. Each load begins by disposing of unfinished loads, while the other
    // instance's load (five rows per transaction) is under way.
    const shared = `owned-${randomUUID()}`;
    const instances = [await open({ graph: shared, batchSize: 5 }), await open({ graph: shared, batchSize: 5 })];
    const countBy = <T>(items: readonly T[], keyOf: (item: T) => string) =>
      items.reduce<Record<string, number>>((counts, item) => {
        counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
        return counts;
      }, {});
    const whole = {
      nodes: countBy(graph.nodes, (node) => node.kind),
      relationships: countBy(graph.relationships, (relationship) => relationship.type),
      passages: graph.passages.length,
    };
    await Promise.all(
      instances.map(async (store) => {
        for (let reload = 0; reload < 3; reload++) {
          await store.replaceGraph(graph);
          expect(await store.stats()).toEqual(whole);
        }
      }),
    );
    for (const store of instances) expect(await store.stats()).toEqual(whole);
    const [active] = await cypher(
      "MATCH (generation:Generation {graph: $graph, status: 'active'}) RETURN count(*) AS active",
      { graph: shared },
    );
    expect(active?.get('active').toNumber()).toBe(1);
  }, 300_000);

  it('disposes of a load whose owner stopped beating, and only of that one', async () => {
    const shared = `abandoned-${randomUUID()}`;
    const store = await open({ graph: shared });
    // Two loads of other instances: one beat a second ago, the other's last heartbeat is ten minutes old.
    for (const [owner, age] of [
      ['alive', 1_000],
      ['gone', 600_000],
    ] as const) {
      await cypher(
        `CREATE (:Generation {number: $number, graph: $graph, status: 'loading', owner: $owner,
           startedAt: timestamp() - $age, heartbeat: timestamp() - $age})`,
        { number: neo4jDriver.int(1_000_000 + Math.floor(Math.random() * 1_000_000)), graph: shared, owner, age },
      );
    }
    await store.replaceGraph(graph);
    const owners = await cypher('MATCH (generation:Generation {graph: $graph}) RETURN generation.owner AS owner', {
      graph: shared,
    });
    expect(owners.map((record) => record.get('owner')).sort()).toEqual(['alive', store.owner].sort());
  });

  it('refuses a path longer than its Cypher allows instead of silently cutting it', async () => {
    const store = await open();
    await expect(
      store.shortestPaths('country:CN', 'country:VN', { maxHops: 7, types: ['PARTY_TO'], limit: 1 }),
    ).rejects.toThrow(/maxHops must be at most 6/);
  });
});
