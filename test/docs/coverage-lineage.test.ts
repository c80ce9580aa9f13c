/** The coverage report's "Lineage across borders": which links it lists, and where it places each end. */
import { describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { computeCoverage, renderCoverage } from '../../server/coverage-report.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';

const regionalDocument = `---
id: regional-framework
kind: agreement
title: Regional Data Framework
source: https://example.org/regional-framework
parties: [{ party: VN }, { party: CN }]
---
A framework the parties agreed.
`;

async function lineageOf(files: Record<string, string>) {
  const root = await writeCorpus({ ...minimalVocabulary, ...files });
  const { graph } = await ingestCorpus([root]);
  return computeCoverage(graph);
}

describe('coverage report: lineage across borders', () => {
  it('lists links between countries and into the regional layer, placing a provision in its instrument’s country', async () => {
    const coverage = await lineageOf({
      'national/cn/cn-law.md': lawDocument('cn-law', 'country: CN\n', 'A Chinese law.').replace('country: VN\n', ''),
      'national/vn/vn-law.md': lawDocument(
        'vn-law',
        'modeledOn:\n  - { target: instrument:cn-law, source: https://example.org/commentary, note: A commentary compares the two. }\n',
        'Article 2\nThis Law applies the Regional Data Framework at home.',
      ),
      'national/vn/vn-decree.md': lawDocument('vn-decree', 'implements: [instrument:vn-law]\n', 'Details the law.'),
      'regional/regional-framework.md': regionalDocument,
    });
    const rows = coverage.lineage.map((link) => ({
      type: link.type,
      from: `${link.from.instrument} (${link.from.place}) ${link.from.provisions.join(', ')}`.trim(),
      to: `${link.to.instrument} (${link.to.place})`,
      note: link.note,
      source: link.source,
    }));
    expect(rows).toEqual([
      {
        type: 'MODELED_ON',
        from: 'instrument:vn-law (Vietnam)',
        to: 'instrument:cn-law (China)',
        note: 'A commentary compares the two.',
        source: 'https://example.org/commentary',
      },
      {
        type: 'REFERENCES',
        from: 'instrument:vn-law (Vietnam) Article 2',
        to: 'instrument:regional-framework (regional)',
        note: 'found in the text: "Regional Data Framework"',
        source: 'https://example.org/vn-law',
      },
    ]);
    const report = renderCoverage(coverage);
    const crossBorder = report.slice(
      report.indexOf('### Between countries'),
      report.indexOf('### Within the regional'),
    );
    expect(crossBorder).toContain(
      '| Vietnam: vn-law title (`vn-law`) | MODELED_ON | China: cn-law title (`cn-law`) | A commentary compares the two. | https://example.org/commentary |',
    );
    expect(crossBorder).not.toContain('vn-decree');
  });
});
