/**
 * A Neo4j for tests: the one NEO4J_URI names when set (e.g. a CI service), otherwise one started with the
 * launcher for this test file. Each test file uses its own graph name, so files can share one database.
 */
import { createHash, randomUUID } from 'node:crypto';
import { nodeKinds } from '../../ingest/model.js';
import type { GraphStore } from '../../server/graph/graph-store.js';
import { Neo4jGraphStore, type Neo4jGraphStoreOptions } from '../../server/graph/neo4j-graph-store.js';
import { type LaunchedNeo4j, launchNeo4j } from '../../server/neo4j/launch.js';

export interface TestNeo4j {
  uri: string;
  database: string;
  /** The launched server, when this file started one (absent when NEO4J_URI is set). */
  launched?: LaunchedNeo4j;
  stop(): Promise<void>;
}

/**
 * The environment that starts the app on `neo4j`, on a graph of its own: test files share the run's Neo4j, and
 * apps serving one graph follow each other's reloads (so a test would read another file's data).
 */
export function neo4jServerEnvironment(neo4j: Pick<TestNeo4j, 'uri' | 'database'>): Record<string, string> {
  return {
    GRAPH_BACKEND: 'neo4j',
    NEO4J_URI: neo4j.uri,
    NEO4J_DATABASE: neo4j.database,
    NEO4J_GRAPH: `test-${randomUUID()}`,
  };
}

/** Starting Neo4j takes 20–40 s on a small machine; the first run also builds the launcher. */
export const NEO4J_START_MS = 5 * 60_000;

export async function testNeo4j(): Promise<TestNeo4j> {
  const database = process.env.NEO4J_DATABASE || 'neo4j';
  const external = process.env.NEO4J_URI;
  if (external) return { uri: external, database, stop: async () => {} };
  const launched = await launchNeo4j();
  return { uri: launched.uri, database, launched, stop: () => launched.stop() };
}

/** A store on its own graph in the test Neo4j, so that tests do not see each other's data. */
export function openTestStore(
  neo4j: Pick<TestNeo4j, 'uri' | 'database'>,
  options: Partial<Neo4jGraphStoreOptions> = {},
): Promise<Neo4jGraphStore> {
  return Neo4jGraphStore.open({
    uri: neo4j.uri,
    database: neo4j.database,
    user: process.env.NEO4J_USER,
    password: process.env.NEO4J_PASSWORD,
    graph: `test-${randomUUID()}`,
    ...options,
  });
}

/** Everything a store holds, read back through the port, as one digest. */
export async function graphChecksum(store: GraphStore): Promise<string> {
  const all = Number.MAX_SAFE_INTEGER;
  const hash = createHash('sha256');
  const provisions: string[] = [];
  for (const kind of nodeKinds) {
    const { nodes } = await store.listNodes({ kind, offset: 0, limit: all });
    const ids = nodes.map((node) => node.id);
    if (kind === 'Provision') provisions.push(...ids);
    hash.update(JSON.stringify(nodes.map(canonical)));
    hash.update(
      JSON.stringify((await store.relationshipsOf(ids, { direction: 'out' })).map((list) => list.map(canonical))),
    );
  }
  hash.update(JSON.stringify((await store.passagesOf(provisions)).map((list) => list.map(canonical))));
  return hash.digest('hex');
}

/** The value with object keys sorted, so that property order does not change the digest. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, item]) => [key, canonical(item)]),
    );
  }
  return value;
}
