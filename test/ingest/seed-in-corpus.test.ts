/**
 * The seed forum in the bundled corpus alone (no ../shared fixture): the SIIS commentary on the First
 * China–ASEAN Cyberspace Forum with the quotations it reports, its reference to the Treaty of Amity and
 * Cooperation, the forum's theme and topics, and the README's researcher path from Lu Wei to the Treaty.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type KnowledgeGraph, meaningfulRelationshipTypes, type NodeOf } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { findConnections } from '../../server/domain/connections.js';
import { MemoryGraphStore } from '../../server/graph/memory-graph-store.js';

const ARTICLE = 'instrument:zhou-shixin-cyberspace-cooperation-china-asean-2014';
const FORUM = 'event:china-asean-cyberspace-forum-2014';
const TREATY = 'instrument:treaty-of-amity-and-cooperation-1976';
const SIIS = 'http://en.siis.org.cn/En/Research/2110';

describe('the seed forum in the bundled corpus', () => {
  let graph: KnowledgeGraph;
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id);
  const related = (type: string, from?: string, to?: string) =>
    graph.relationships.filter((r) => r.type === type && (!from || r.from === from) && (!to || r.to === to));

  beforeAll(async () => {
    ({ graph } = await ingestCorpus(['corpus']));
  });

  it('has the article by Zhou Shixin of 23 September 2014, summarised in our words, with its source', () => {
    expect(node(ARTICLE)).toMatchObject({
      kind: 'Instrument',
      instrumentKind: 'article',
      label: 'Cyberspace cooperation between China and ASEAN',
      date: '2014-09-23',
      summaryMode: 'paraphrase',
      provenance: { url: SIIS },
    });
    expect(related('AUTHORED', 'person:zhou-shixin', ARTICLE)).toHaveLength(1);
    expect(related('REFERENCES', ARTICLE, TREATY)).toHaveLength(1);
    expect(related('MENTIONS', ARTICLE, FORUM)).toHaveLength(1);
  });

  it("keeps the quotations the article reports, with their speakers: Liu Yunshan's two and Lu Wei's", () => {
    const quotes = graph.nodes.filter((n): n is NodeOf<'Quote'> => n.kind === 'Quote' && n.instrument === ARTICLE);
    const by = (speaker: string) => quotes.filter((quote) => quote.speaker === speaker).map((quote) => quote.text);
    expect(by('person:liu-yunshan')).toEqual([
      expect.stringMatching(/^will further deepen exchanges with ASEAN countries in the field of Internet mutual/),
      expect.stringMatching(/^As an important achievement of human civilization, .*creating the world's future\.$/),
    ]);
    expect(by('person:lu-wei')).toEqual([expect.stringMatching(/^jointly promote financial information services/)]);
    for (const quote of quotes) {
      expect(quote).toMatchObject({ textMode: 'quotation', provenance: { url: SIIS } });
      expect(related('SAID', quote.speaker, quote.id)).toHaveLength(1);
    }
  });

  it('records the forum\'s theme "Development and cooperation" and its four topics, with their source', () => {
    const forum = node(FORUM) as NodeOf<'Event'>;
    expect(forum.theme).toEqual({ text: 'Development and cooperation', source: SIIS });
    expect(forum.topics?.map((topic) => topic.text)).toEqual([
      'the Internet infrastructure and narrowing the digital divide',
      'economic development and international cooperation networks',
      'cyberspace security and network management',
      'network information technology in disaster prevention and mitigation applications',
    ]);
    for (const topic of forum.topics ?? []) expect(topic.source).toBe(SIIS);
  });

  it("answers the README's researcher example: Lu Wei → said → quote → part of → article → references → Treaty", async () => {
    const store = await MemoryGraphStore.open();
    await store.replaceGraph(graph);
    const { paths } = await findConnections(store, 'person:lu-wei', TREATY, {
      maxHops: 4,
      types: meaningfulRelationshipTypes,
      first: 5,
    });
    expect(paths.length).toBeGreaterThan(0);
    const [path] = paths;
    expect(path?.nodes[0]).toBe('person:lu-wei');
    expect(path?.nodes.at(-1)).toBe(TREATY);
    expect(path?.nodes).toContain(ARTICLE);
    expect(path?.relationships.map((relationship) => relationship.type)).toEqual(['SAID', 'PART_OF', 'REFERENCES']);
    for (const relationship of path?.relationships ?? []) expect(relationship.provenance.url).toBe(SIIS);
  });
});
