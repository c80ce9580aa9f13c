/**
 * The golden test of the seed article: ../shared/seed (a fixture shared by the team, not part of this
 * repository) ingested with its sidecar beside the bundled corpus.
 */

import { existsSync } from 'node:fs';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeGraph, NodeOf } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';

const seedText = join(import.meta.dirname, '../../../shared/seed/china-asean-cyberspace-forum-2014.txt');
const sidecar = join(import.meta.dirname, '../fixtures/seed/china-asean-cyberspace-forum-2014.yaml');
const seedFound = existsSync(seedText);
if (!seedFound) console.warn(`seed golden test skipped: ${seedText} not found (it lives in the team's shared/ folder)`);

const SEED = 'instrument:seed-cyberspace-cooperation-china-asean-2014';
const FORUM = 'event:china-asean-cyberspace-forum-2014';

describe.skipIf(!seedFound)('seed article: First China–ASEAN Cyberspace Forum, 2014', () => {
  let graph: KnowledgeGraph;
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id);
  const related = (type: string, from?: string, to?: string) =>
    graph.relationships.filter((r) => r.type === type && (!from || r.from === from) && (!to || r.to === to));

  beforeAll(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'seed-'));
    await copyFile(seedText, join(folder, 'china-asean-cyberspace-forum-2014.txt'));
    await copyFile(sidecar, join(folder, 'china-asean-cyberspace-forum-2014.yaml'));
    ({ graph } = await ingestCorpus(['corpus', folder]));
  });

  it('has the article with its date, author and source', () => {
    expect(node(SEED)).toMatchObject({ kind: 'Instrument', instrumentKind: 'article', date: '2014-09-23' });
    expect(node(SEED)?.provenance.url).toMatch(/^https?:\/\//);
    expect(related('AUTHORED', 'person:zhou-shixin', SEED)).toHaveLength(1);
  });

  it('has the forum in Nanning on 18 September 2014, held during the 11th China–ASEAN Expo', () => {
    expect(node(FORUM)).toMatchObject({
      kind: 'Event',
      label: 'First China–ASEAN Cyberspace Forum',
      date: '2014-09-18',
      place: 'Nanning',
    });
    const [during] = related('HELD_DURING', FORUM);
    expect(node(during?.to ?? '')?.label).toMatch(/11th China.ASEAN Expo/);
  });

  it('gives the forum its four topics as themes', () => {
    const themes = related('ADDRESSES', FORUM).map((r) => r.to);
    for (const theme of [
      'theme:digital-infrastructure',
      'theme:international-cooperation',
      'theme:cybersecurity',
      'theme:disaster-reduction',
    ]) {
      expect(themes).toContain(theme);
    }
  });

  it.each([
    ['person:liu-yunshan', 'Liu Yunshan'],
    ['person:lu-wei', 'Lu Wei'],
    ['person:charles-zhang', 'Charles Zhang'],
    ['person:qi-xiangdong', 'Qi Xiangdong'],
    ['person:zhu-guang', 'Zhu Guang'],
  ])('knows %s with a role in an organization, mentioned in the article', (id, name) => {
    expect(node(id)?.label).toBe(name);
    const roles = related('HELD_ROLE', id);
    expect(roles.length).toBeGreaterThan(0);
    expect(node(roles[0]?.to ?? '')?.kind).toBe('Organization');
    const mentioning = related('MENTIONS', undefined, id).filter((r) => r.from.startsWith('provision:seed-'));
    expect(mentioning.length).toBeGreaterThan(0);
  });

  it('attributes the quotations to Liu Yunshan and Lu Wei', () => {
    const quotes = graph.nodes.filter((n): n is NodeOf<'Quote'> => n.kind === 'Quote' && n.instrument === SEED);
    const by = (speaker: string) => quotes.filter((quote) => quote.speaker === speaker).map((quote) => quote.text);
    expect(by('person:liu-yunshan')).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Internet mutual learning'),
        expect.stringMatching(/^As an important achievement of human civilization/),
      ]),
    );
    expect(by('person:lu-wei')).toEqual([expect.stringContaining('information harbor')]);
    for (const quote of quotes) expect(related('SAID', quote.speaker, quote.id)).toHaveLength(1);
  });

  it('references the Treaty of Amity and Cooperation in Southeast Asia', () => {
    const treaty = graph.nodes.find(
      (n) => n.kind === 'Instrument' && /Treaty of Amity and Cooperation in Southeast Asia/.test(n.label),
    );
    expect(treaty).toBeDefined();
    expect(related('REFERENCES', SEED, treaty?.id)).toHaveLength(1);
  });
});
