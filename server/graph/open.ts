import { join } from 'node:path';
import type { Config } from '../config.js';
import type { GraphStore } from './graph-store.js';
import { MemoryGraphStore } from './memory-graph-store.js';
import { Neo4jGraphStore } from './neo4j-graph-store.js';

/** The GraphStore that GRAPH_BACKEND names. */
export async function openGraphStore(config: Config): Promise<GraphStore> {
  if (config.GRAPH_BACKEND === 'neo4j') {
    if (!config.NEO4J_URI) throw new Error('GRAPH_BACKEND=neo4j needs NEO4J_URI');
    return Neo4jGraphStore.open({
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
      graph: config.NEO4J_GRAPH,
      batchSize: config.NEO4J_BATCH_SIZE,
      loadConcurrency: config.NEO4J_LOAD_CONCURRENCY,
      staleLoadMs: config.NEO4J_STALE_LOAD_MS,
      derivedCaches: config.NEO4J_CACHES === 'on',
    });
  }
  return MemoryGraphStore.open({ file: join(config.DATA_DIR, 'knowledge-graph.json') });
}
