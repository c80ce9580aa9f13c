/**
 * Connections that explain, on the bundled corpus in the embedded store (no GraphQL): ranked paths that pass
 * through roles, documents and events before hubs, and one plain sentence per step.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GraphNode, type KnowledgeGraph, meaningfulRelationshipTypes } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { compareConnections, findConnections, pathCost } from '../../server/domain/connections.js';
import { describeRelationship } from '../../server/domain/relationship-words.js';
import type { GraphPath } from '../../server/graph/graph-store.js';
import { MemoryGraphStore } from '../../server/graph/memory-graph-store.js';
import { repositoryRoot } from '../helpers/server.js';

let corpus: KnowledgeGraph;
let store: MemoryGraphStore;
let nodes: Map<string, GraphNode>;
const defaults = { maxHops: 4, types: meaningfulRelationshipTypes, first: 5 };
const sentences = (path: GraphPath) =>
  path.relationships.map((relationship) => describeRelationship(relationship, (id) => nodes.get(id)));
const isHub = (id: string) => id.startsWith('country:') || id.startsWith('theme:');

beforeAll(async () => {
  corpus = (await ingestCorpus([join(repositoryRoot, 'corpus')])).graph;
  store = await MemoryGraphStore.open();
  await store.replaceGraph(corpus);
  nodes = new Map(corpus.nodes.map((node) => [node.id, node]));
});

describe('findConnections', () => {
  it('connects Lu Wei to China through his role at the Cyberspace Administration of China, not only directly', async () => {
    const { paths, throughHubs } = await findConnections(store, 'person:lu-wei', 'country:CN', defaults);
    expect(throughHubs).toBe(false);
    expect(paths.map((path) => path.nodes)).toContainEqual(['person:lu-wei', 'org:cac', 'country:CN']);
    const viaCac = paths.find((path) => path.nodes[1] === 'org:cac');
    expect(viaCac?.relationships.map((relationship) => relationship.type)).toEqual(['HELD_ROLE', 'BASED_IN']);
    expect(sentences(viaCac as GraphPath)).toEqual([
      'Lu Wei was Director (Minister) of Cyberspace Administration of China.',
      'Cyberspace Administration of China is an organisation of China.',
    ]);
    // Roles rank before attending an event held in the country: both are two steps.
    const roleRank = paths.findIndex((path) => path.relationships[0]?.type === 'HELD_ROLE');
    const eventRank = paths.findIndex((path) => path.relationships[0]?.type === 'PARTICIPATED_IN');
    expect(roleRank).toBeGreaterThanOrEqual(0);
    if (eventRank >= 0) expect(roleRank).toBeLessThan(eventRank);
  });

  it('passes through no country or theme when a path avoids them, and ranks paths by what they cost to read', async () => {
    for (const [from, to] of [
      ['person:lu-wei', 'instrument:treaty-of-amity-and-cooperation-1976'],
      ['org:cac', 'event:china-asean-cyberspace-forum-2014'],
      ['country:CN', 'country:VN'],
    ] as const) {
      const { paths, throughHubs } = await findConnections(store, from, to, defaults);
      expect(paths.length, `${from} → ${to}`).toBeGreaterThan(0);
      expect(throughHubs).toBe(false);
      for (const path of paths) {
        expect(path.nodes[0]).toBe(from);
        expect(path.nodes.at(-1)).toBe(to);
        expect(new Set(path.nodes).size).toBe(path.nodes.length);
        expect(path.nodes.slice(1, -1).filter(isHub)).toEqual([]);
        path.relationships.forEach((relationship, index) => {
          expect([relationship.from, relationship.to].sort()).toEqual(
            [path.nodes[index], path.nodes[index + 1]].sort(),
          );
        });
      }
      expect([...paths].sort(compareConnections)).toEqual(paths);
      expect(pathCost(paths[0] as GraphPath)).toBeLessThanOrEqual(pathCost(paths.at(-1) as GraphPath));
    }
  });

  it('passes through a country only when no other path is short enough, and says so', async () => {
    const { paths, throughHubs } = await findConnections(store, 'person:lu-wei', 'org:asean', defaults);
    expect(throughHubs).toBe(true);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path.nodes.slice(1, -1).some(isHub)).toBe(true);
  });

  it('follows only the kinds asked for, and finds nothing beyond maxHops', async () => {
    const roles = await findConnections(store, 'person:lu-wei', 'country:CN', {
      ...defaults,
      types: ['HELD_ROLE'],
    });
    expect(roles.paths).toEqual([]);
    const { paths } = await findConnections(store, 'person:lu-wei', 'country:CN', { ...defaults, maxHops: 1 });
    expect(paths.map((path) => path.relationships.map((relationship) => relationship.type))).toEqual([['BASED_IN']]);
  });

  it('returns the requested number of paths at most, and nothing for an unknown end', async () => {
    const { paths } = await findConnections(store, 'country:CN', 'country:VN', { ...defaults, first: 2 });
    expect(paths).toHaveLength(2);
    expect((await findConnections(store, 'person:nobody', 'country:CN', defaults)).paths).toEqual([]);
  });
});

describe('describeRelationship', () => {
  const relationship = (type: string, from: string, to: string) => {
    const found = corpus.relationships.find((r) => r.type === type && r.from === from && r.to === to);
    if (!found) throw new Error(`no ${type} from ${from} to ${to} in the corpus`);
    return describeRelationship(found, (id) => nodes.get(id));
  };

  it('states each kind of relationship in its own direction, with dates and the quotation', () => {
    expect(relationship('PARTY_TO', 'country:VN', 'instrument:treaty-of-amity-and-cooperation-1976')).toBe(
      'Vietnam is party to Treaty of Amity and Cooperation in Southeast Asia (signed 1992-07-22).',
    );
    expect(relationship('PARTICIPATED_IN', 'person:lu-wei', 'event:china-asean-cyberspace-forum-2014')).toBe(
      'Lu Wei took part in First China–ASEAN Cyberspace Forum (2014-09-18).',
    );
    expect(relationship('BASED_IN', 'event:china-asean-cyberspace-forum-2014', 'country:CN')).toBe(
      'First China–ASEAN Cyberspace Forum was held in China.',
    );
    const said = corpus.relationships.find((r) => r.type === 'SAID' && r.from === 'person:lu-wei');
    expect(describeRelationship(said as (typeof corpus.relationships)[number], (id) => nodes.get(id))).toMatch(
      /^Lu Wei said “.+”\.$/,
    );
  });

  it('names a provision with its instrument, except where the instrument is the other end', () => {
    const article = 'instrument:zhou-shixin-cyberspace-cooperation-china-asean-2014';
    const reference = corpus.relationships.find(
      (r) => r.type === 'REFERENCES' && r.from.startsWith(`provision:${article.slice('instrument:'.length)}`),
    );
    expect(reference).toBeDefined();
    const text = describeRelationship(reference as (typeof corpus.relationships)[number], (id) => nodes.get(id));
    expect(text).toMatch(/^Paragraph \d+ of Cyberspace cooperation between China and ASEAN refers to Treaty/);
    const partOf = corpus.relationships.find((r) => r.type === 'PART_OF' && r.from === reference?.from);
    expect(describeRelationship(partOf as (typeof corpus.relationships)[number], (id) => nodes.get(id))).toMatch(
      /^Paragraph \d+ is part of Cyberspace cooperation between China and ASEAN\.$/,
    );
  });
});
