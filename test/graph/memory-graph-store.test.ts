import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryGraphStore } from '../../server/graph/memory-graph-store.js';
import { describeGraphStoreContract } from '../contract/graph-store.contract.js';
import { fixtureGraph } from '../helpers/graph-fixture.js';

describeGraphStoreContract('memory (graphology)', () => MemoryGraphStore.open());

describe('MemoryGraphStore persistence', () => {
  it('reopens the last graph from DATA_DIR', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'graph-')), 'knowledge-graph.json');
    const first = await MemoryGraphStore.open({ file });
    expect((await first.readiness()).ready).toBe(false);
    const graph = await fixtureGraph();
    await first.replaceGraph(graph);
    const reopened = await MemoryGraphStore.open({ file });
    expect((await reopened.readiness()).ready).toBe(true);
    expect(await reopened.stats()).toEqual(await first.stats());
  });
});
