/**
 * REFERENCES found in the text: an instrument's title in another document's body links the two only
 * when it cites that instrument (the patterns below come from the bundled corpus).
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeGraph } from '../../ingest/model.js';
import { runIngest } from '../../ingest/pipeline.js';
import { minimalVocabulary, writeCorpus } from '../helpers/corpus.js';

const countries = `countries:
  - { code: CN, name: China, localNames: [中国], aliases: [PRC, People's Republic of China], searchNames: [Chinese], asean: false, source: https://example.org/cn }
  - { code: VN, name: Vietnam, localNames: [Việt Nam], aliases: [Viet Nam], asean: true, source: https://example.org/vn }
  - { code: KH, name: Cambodia, aliases: [Kingdom of Cambodia], searchNames: [Cambodian], asean: true, source: https://example.org/kh }
  - { code: SG, name: Singapore, aliases: [Republic of Singapore], asean: true, source: https://example.org/sg }
  - { code: MY, name: Malaysia, asean: true, source: https://example.org/my }
`;

function document(id: string, country: string | undefined, title: string, body: string): string {
  const home = country ? `country: ${country}\n` : '';
  return `---\nid: ${id}\nkind: law\ntitle: ${title}\n${home}source: https://example.org/${id}\n---\n${body}\n`;
}

/** The instruments that are cited; each test adds the documents that cite them. */
const cited = {
  'national/kh-e-commerce.md': document('kh-e-commerce', 'KH', 'Law on Electronic Commerce', 'Article 1\nScope.'),
  'national/sg-pdpa.md': document('sg-pdpa', 'SG', 'Personal Data Protection Act', 'Section 1\nShort title.'),
  'national/my-pdpa.md': document('my-pdpa', 'MY', 'Personal Data Protection Act', 'Section 1\nShort title.'),
  'national/cn-csl.md': document(
    'cn-csl',
    'CN',
    "Cybersecurity Law of the People's Republic of China",
    'Article 1\nPurpose.',
  ),
  'regional/transnational-crime.md': document(
    'transnational-crime',
    undefined,
    'ASEAN Declaration on Transnational Crime',
    'Paragraph 1\nCooperation.',
  ),
};

async function graphOf(citing: Record<string, string>): Promise<KnowledgeGraph> {
  const root = await writeCorpus({ ...minimalVocabulary, 'vocab/countries.yaml': countries, ...cited, ...citing });
  const result = await runIngest([root]);
  if (!('graph' in result)) throw new Error(JSON.stringify(result.report.errors));
  return result.graph;
}

/** The instruments a document REFERENCES (from the document itself, as a researcher traverses it). */
async function referencedBy(id: string, body: string, country?: string): Promise<string[]> {
  const graph = await graphOf({ [`national/${id}.md`]: document(id, country, `${id} title`, body) });
  return graph.relationships
    .filter((link) => link.type === 'REFERENCES' && link.from === `instrument:${id}`)
    .map((link) => link.to)
    .sort();
}

describe('titles found in the text', () => {
  it('does not take the "UNCITRAL Model Law on Electronic Commerce" for Cambodia\'s Law on Electronic Commerce', async () => {
    const body = 'Section 1\nSingapore was the first country to enact the UNCITRAL Model Law on Electronic Commerce.';
    expect(await referencedBy('sg-eta', body, 'SG')).toEqual([]);
  });

  it('does not link a generic title qualified by another country', async () => {
    expect(await referencedBy('vn-note', "Article 1\nUnlike Singapore's Law on Electronic Commerce, …", 'VN')).toEqual(
      [],
    );
  });

  it("does not link a generic title in another country's document that never names the instrument's country", async () => {
    const body = 'Section 2\nThe Law on Electronic Commerce gives electronic records legal effect.';
    expect(await referencedBy('sg-guide', body, 'SG')).toEqual([]);
  });

  it('links a generic title in a document of the same country, and says how the link was found', async () => {
    const graph = await graphOf({
      'national/kh-decree.md': document(
        'kh-decree',
        'KH',
        'Sub-Decree on Online Traders',
        'Article 1\nThis sub-decree implements the Law on Electronic Commerce.',
      ),
    });
    const links = graph.relationships.filter(
      (link) => link.type === 'REFERENCES' && link.to === 'instrument:kh-e-commerce',
    );
    expect(links.map((link) => link.from).sort()).toEqual(['instrument:kh-decree', 'provision:kh-decree:art-1']);
    for (const link of links) {
      expect(link.properties.note).toBe('found in the text: "Law on Electronic Commerce"');
      expect(link.provenance).toMatchObject({ document: 'instrument:kh-decree', url: 'https://example.org/kh-decree' });
    }
  });

  it("links a generic title where the passage names the instrument's country, before, after or in passing", async () => {
    for (const sentence of [
      "Cambodia's Law on Electronic Commerce took effect in 2019.",
      'The Cambodian Law on Electronic Commerce took effect in 2019.',
      'The Law on Electronic Commerce of the Kingdom of Cambodia took effect in 2019.',
      'In Cambodia, the Law on Electronic Commerce took effect in 2019.',
    ]) {
      expect(await referencedBy('vn-study', `Article 1\n${sentence}`, 'VN'), sentence).toEqual([
        'instrument:kh-e-commerce',
      ]);
    }
  });

  it("resolves a title two countries share by the citing document's country, or the country the passage names", async () => {
    const text = 'Section 3\nTransfers abroad follow the Personal Data Protection Act.';
    expect(await referencedBy('my-guideline', text, 'MY')).toEqual(['instrument:my-pdpa']);
    expect(await referencedBy('sg-guideline', text, 'SG')).toEqual(['instrument:sg-pdpa']);
    expect(await referencedBy('asean-survey', text)).toEqual([]);
    const named = 'Section 3\nIn Singapore, transfers abroad follow the Personal Data Protection Act.';
    expect(await referencedBy('asean-survey', named)).toEqual(['instrument:sg-pdpa']);
  });

  it('links a title that names its own country, and a regional title, from any document', async () => {
    const body =
      "Article 1\nThe 1997 ASEAN Declaration on Transnational Crime and the Cybersecurity Law of the People's Republic of China are compared.";
    expect(await referencedBy('vn-comparison', body, 'VN')).toEqual([
      'instrument:cn-csl',
      'instrument:transnational-crime',
    ]);
  });
});
