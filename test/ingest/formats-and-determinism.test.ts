import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeOf } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { minimalVocabulary, writeCorpus } from '../helpers/corpus.js';
import { pdfWithText } from '../helpers/pdf.js';

const provisionsOf = (graph: { nodes: { kind: string }[] }) =>
  graph.nodes.filter((node): node is NodeOf<'Provision'> => node.kind === 'Provision');

describe('formats with a sidecar', () => {
  it('reads the text layer of a PDF', async () => {
    const root = await writeCorpus({
      ...minimalVocabulary,
      'law.pdf': pdfWithText(['Article 1', 'Operators keep data stored within the territory.']),
      'law.yaml': 'id: vn-pdf-law\nkind: law\ntitle: PDF law\ncountry: VN\nsource: https://example.org/pdf\n',
    });
    const { graph } = await ingestCorpus([root]);
    const [article] = provisionsOf(graph);
    expect(article).toMatchObject({ label: 'Article 1', text: expect.stringContaining('stored within the territory') });
    expect(graph.relationships).toContainEqual(
      expect.objectContaining({ type: 'ADDRESSES', from: article?.id, to: 'theme:data-localisation' }),
    );
  });

  it('reads HTML headings and paragraphs, ignoring scripts', async () => {
    const root = await writeCorpus({
      ...minimalVocabulary,
      'speech.html':
        '<html><head><title>x</title><script>var a = 1;</script></head><body><h2>Opening</h2><p>Lu Wei said, &quot;Network security is a shared task for us all.&quot;</p></body></html>',
      'speech.yaml': 'id: cn-speech\nkind: speech\ntitle: A speech\ndeliveredBy: [person:lu-wei]\n',
    });
    const { graph } = await ingestCorpus([root]);
    expect(provisionsOf(graph).map((p) => [p.label, p.text])).toEqual([
      ['Opening', 'Lu Wei said, "Network security is a shared task for us all."'],
    ]);
    expect(graph.nodes).toContainEqual(
      expect.objectContaining({
        kind: 'Quote',
        speaker: 'person:lu-wei',
        text: 'Network security is a shared task for us all',
      }),
    );
  });

  it('reads Chinese articles and tags them by Chinese keywords and aliases', async () => {
    const root = await writeCorpus({
      ...minimalVocabulary,
      'cn.md':
        '---\nid: cn-law\nkind: law\ntitle: 法\ncountry: CN\nlanguage: zh\ntextMode: quotation\n---\n第三十七条 个人信息和重要数据应当在境内存储。国家互联网信息办公室负责。\n',
    });
    const { graph } = await ingestCorpus([root]);
    const [article] = provisionsOf(graph);
    expect(article).toMatchObject({
      id: 'provision:cn-law:art-37',
      number: '37',
      language: 'zh',
      textMode: 'quotation',
    });
    const targets = graph.relationships.filter((r) => r.from === article?.id).map((r) => `${r.type} ${r.to}`);
    expect(targets).toEqual(expect.arrayContaining(['ADDRESSES theme:data-localisation', 'MENTIONS org:cac']));
  });
});

describe('deterministic output', () => {
  it('gives the identical graph twice, and with the input files in another order', async () => {
    const first = await ingestCorpus(['corpus']);
    const second = await ingestCorpus(['corpus']);
    expect(JSON.stringify(second.graph)).toBe(JSON.stringify(first.graph));

    // The same files, copied into folders named so that they are visited in the reverse order.
    const shuffled = await mkdtemp(join(tmpdir(), 'shuffled-'));
    const folders = (await readdir('corpus')).sort().reverse();
    await Promise.all(
      folders.map((folder, index) =>
        cp(join('corpus', folder), join(shuffled, `${index}`, folder), { recursive: true }),
      ),
    );
    const reordered = await ingestCorpus(folders.map((_, index) => join(shuffled, `${index}`)).reverse());
    expect(JSON.stringify(reordered.graph.nodes.map((n) => n.id))).toBe(
      JSON.stringify(first.graph.nodes.map((n) => n.id)),
    );
    expect(reordered.graph.relationships.map((r) => r.id)).toEqual(first.graph.relationships.map((r) => r.id));
    expect(reordered.graph.passages.length).toBe(first.graph.passages.length);
  });
});
