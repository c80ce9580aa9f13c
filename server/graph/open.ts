import { join } from 'node:path';
import type { Config } from '../config.js';
import type { GraphStore } from './graph-store.js';
import { MemoryGraphStore } from './memory-graph-store.js';

/** The GraphStore that GRAPH_BACKEND names. */
export async function openGraphStore(config: Config): Promise<GraphStore> {
  if (config.GRAPH_BACKEND !== 'memory') {
    throw new Error(`GRAPH_BACKEND=${config.GRAPH_BACKEND} is not available in this build; use memory`);
  }
  return MemoryGraphStore.open({ file: join(config.DATA_DIR, 'knowledge-graph.json') });
}
