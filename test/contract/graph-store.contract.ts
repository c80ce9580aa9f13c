/**
 * The GraphStore contract: every adapter (memory, Neo4j) must pass it. The fixture is a small corpus run
 * through the real ingest pipeline; each suite loads it with replaceGraph and only reads after that.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeGraph } from '../../ingest/model.js';
import type { GraphStore } from '../../server/graph/graph-store.js';
import { fixtureGraph } from '../helpers/graph-fixture.js';

export function describeGraphStoreContract(name: string, createStore: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    let graph: KnowledgeGraph;

    beforeAll(async () => {
      graph = await fixtureGraph();
      store = await createStore();
      await store.replaceGraph({ nodes: [], relationships: [], passages: [] });
      await store.replaceGraph(graph);
    }, 120_000);

    it('is ready once loaded and counts what it holds', async () => {
      expect(await store.readiness()).toEqual({ ready: true });
      const stats = await store.stats();
      expect(stats.nodes.Instrument).toBe(6);
      expect(stats.relationships.PART_OF).toBe(graph.relationships.filter((r) => r.type === 'PART_OF').length);
      expect(stats.passages).toBe(graph.passages.length);
    });

    it('returns nodes in the order asked, undefined for unknown ids, with every field intact', async () => {
      const [law, missing, country] = await store.getNodes(['instrument:vn-law', 'instrument:nope', 'country:VN']);
      expect(law).toEqual(graph.nodes.find((node) => node.id === 'instrument:vn-law'));
      expect(missing).toBeUndefined();
      expect(country).toMatchObject({ kind: 'Country', code: 'VN', asean: true });
    });

    it('lists nodes of a kind by id, a page at a time, with the total', async () => {
      const first = await store.listNodes({ kind: 'Instrument', offset: 0, limit: 2 });
      const rest = await store.listNodes({ kind: 'Instrument', offset: 2, limit: 10 });
      expect(first.total).toBe(6);
      expect([...first.nodes, ...rest.nodes].map((node) => node.id)).toEqual([
        'instrument:cn-law',
        'instrument:cn-law-amendment',
        'instrument:pact',
        'instrument:speech',
        'instrument:vn-decree',
        'instrument:vn-law',
      ]);
    });

    it('gives relationships by direction and type, ordered by id', async () => {
      const [outgoing] = await store.relationshipsOf(['instrument:vn-decree'], {
        direction: 'out',
        types: ['IMPLEMENTS'],
      });
      expect(outgoing?.map((r) => [r.type, r.to])).toEqual([['IMPLEMENTS', 'instrument:vn-law']]);
      const [incoming, none] = await store.relationshipsOf(['instrument:pact', 'instrument:nope'], {
        direction: 'in',
        types: ['PARTY_TO'],
      });
      expect(incoming?.map((r) => r.from).sort()).toEqual(['country:CN', 'country:VN', 'org:asean']);
      expect(incoming?.find((r) => r.from === 'country:CN')?.properties).toEqual({ signed: '2010-01-01' });
      expect(none).toEqual([]);
      const [all] = await store.relationshipsOf(['instrument:vn-law'], { direction: 'in' });
      const ids = all?.map((r) => r.id) ?? [];
      expect(ids).toEqual([...ids].sort());
      expect(new Set(all?.map((r) => r.type))).toEqual(new Set(['ENACTED', 'PART_OF', 'IMPLEMENTS', 'REFERENCES']));
    });

    it("keeps an instrument's versions and each provision's number in every version, and what an amendment changed", async () => {
      const [law, renumbered, inserted] = await store.getNodes([
        'instrument:cn-law',
        'provision:cn-law:art-37',
        'provision:cn-law:art-1@cn-law-amendment',
      ]);
      expect(law?.kind === 'Instrument' && law.versions?.map((version) => [version.id, version.inForceFrom])).toEqual([
        ['cn-law@original', undefined],
        ['cn-law@cn-law-amendment', '2026-01-01'],
      ]);
      expect(law).toEqual(graph.nodes.find((node) => node.id === 'instrument:cn-law'));
      expect(renumbered?.kind === 'Provision' && renumbered.versions?.map((entry) => entry.anchor)).toEqual([
        'art-37',
        'art-38',
      ]);
      expect(inserted).toMatchObject({ kind: 'Provision', instrument: 'instrument:cn-law', label: 'Article 1' });
      const [amendedBy] = await store.relationshipsOf(['provision:cn-law:art-37'], {
        direction: 'in',
        types: ['AMENDS'],
      });
      expect(amendedBy?.map((r) => [r.from, r.properties.note])).toEqual([
        ['instrument:cn-law-amendment', 'renumbers Article 37 as Article 38'],
      ]);
    });

    it('gives the passages of provisions in order', async () => {
      const [passages, none] = await store.passagesOf(['provision:vn-law:art-26', 'provision:nope']);
      expect(passages?.map((p) => p.text)).toEqual(['Data of users in Vietnam must be stored within the territory.']);
      expect(none).toEqual([]);
    });

    it('finds the shortest paths over the given relationship types', async () => {
      const paths = await store.shortestPaths('person:lu-wei', 'instrument:vn-law', {
        maxHops: 4,
        types: ['DELIVERED', 'REFERENCES'],
        limit: 5,
      });
      expect(paths.map((path) => path.nodes)).toEqual([['person:lu-wei', 'instrument:speech', 'instrument:vn-law']]);
      expect(paths[0]?.relationships.map((r) => r.type)).toEqual(['DELIVERED', 'REFERENCES']);
    });

    it('returns every shortest path, and none longer than maxHops', async () => {
      const paths = await store.shortestPaths('country:CN', 'country:VN', {
        maxHops: 3,
        types: ['PARTY_TO', 'ENACTED', 'MEMBER_OF'],
        limit: 10,
      });
      expect(paths.map((path) => path.nodes)).toEqual([['country:CN', 'instrument:pact', 'country:VN']]);
      expect(
        await store.shortestPaths('person:lu-wei', 'instrument:vn-law', {
          maxHops: 1,
          types: ['DELIVERED', 'REFERENCES'],
          limit: 5,
        }),
      ).toEqual([]);
      expect(
        await store.shortestPaths('person:lu-wei', 'instrument:vn-law', { maxHops: 4, types: ['MEMBER_OF'], limit: 5 }),
      ).toEqual([]);
      expect(
        await store.shortestPaths('person:nobody', 'instrument:vn-law', { maxHops: 4, types: ['DELIVERED'], limit: 5 }),
      ).toEqual([]);
    });

    it('gives the neighbourhood of a node, nearest first, cut at the limit', async () => {
      const near = await store.neighborhood('instrument:vn-law', {
        depth: 1,
        limit: 100,
        types: ['IMPLEMENTS', 'ENACTED'],
      });
      expect(near.nodes.map((node) => node.id).sort()).toEqual([
        'country:VN',
        'instrument:vn-decree',
        'instrument:vn-law',
      ]);
      expect(near.relationships.map((r) => r.type).sort()).toEqual(['ENACTED', 'ENACTED', 'IMPLEMENTS']);
      expect(near.truncated).toBe(false);
      const cut = await store.neighborhood('instrument:vn-law', { depth: 2, limit: 3 });
      expect(cut.nodes).toHaveLength(3);
      expect(cut.nodes[0]?.id).toBe('instrument:vn-law');
      expect(cut.truncated).toBe(true);
    });

    it('links themes to the instruments and provisions of each country', async () => {
      const links = await store.themeLinks(['country:VN', 'country:CN'], ['theme:data-localisation']);
      expect(links.map((link) => [link.country, link.instrument, link.provision ?? null])).toEqual([
        ['country:CN', 'instrument:cn-law', 'provision:cn-law:art-37'],
        ['country:VN', 'instrument:vn-decree', 'provision:vn-decree:art-1'],
        ['country:VN', 'instrument:vn-law', 'provision:vn-law:art-26'],
      ]);
      const direct = await store.themeLinks(['country:CN'], ['theme:cybersecurity']);
      expect(direct).toContainEqual({
        country: 'country:CN',
        theme: 'theme:cybersecurity',
        instrument: 'instrument:cn-law',
        date: '2016-11-07',
      });
      const viaParty = await store.themeLinks(['country:VN'], ['theme:cybersecurity']);
      expect(viaParty.map((link) => link.instrument)).toContain('instrument:pact');
    });

    it('replaces the whole graph, leaving nothing of the old one', async () => {
      const other = await createStore();
      const smaller = { nodes: graph.nodes.filter((n) => n.kind === 'Country'), relationships: [], passages: [] };
      await other.replaceGraph(graph);
      await other.replaceGraph(smaller);
      expect((await other.stats()).nodes).toEqual({ Country: 2 });
      expect(await other.getNodes(['instrument:vn-law'])).toEqual([undefined]);
      await other.replaceGraph(graph);
      await other.close();
      // Three loads, each of which takes several seconds on Neo4j when the machine is busy.
    }, 180_000);
  });
}
