import { describe, expect, it } from 'vitest';
import { chineseNumeral, parseProvisions } from '../../ingest/provisions.js';

describe('parseProvisions', () => {
  it('turns "Article N" lines into articles and paragraphs into passages', () => {
    const body =
      'Preamble text.\n\n## Article 1\nScope of the law.\n\nSecond paragraph.\n\nArticle 37. Operators shall store data.\n';
    const provisions = parseProvisions(body, 10, 'markdown');
    expect(provisions.map((p) => [p.label, p.anchor, p.paragraphs.length])).toEqual([
      ['Preamble', 'preamble', 1],
      ['Article 1', 'art-1', 2],
      ['Article 37', 'art-37', 1],
    ]);
    expect(provisions[2]?.paragraphs[0]?.text).toBe('Operators shall store data.');
    expect(provisions[1]?.line).toBe(12);
  });
  it('reads Chinese, Vietnamese, Indonesian and Thai article markers', () => {
    const body = '第三十七条 关键信息基础设施的运营者\n\nĐiều 26. Bảo vệ\n\nPasal 2\nUndang-undang ini\n\nมาตรา 5 ให้';
    const labels = parseProvisions(body, 1, 'text').map((p) => p.label);
    expect(labels).toEqual(['Article 37', 'Điều 26', 'Pasal 2', 'มาตรา 5']);
  });
  it('makes sections of Markdown headings', () => {
    const provisions = parseProvisions('## Chapter III – Data\n\nText here.', 1, 'markdown');
    expect(provisions[0]).toMatchObject({
      provisionKind: 'section',
      label: 'Chapter III – Data',
      anchor: 's-chapter-iii-data',
    });
  });
  it('gives an unstructured document one passage per paragraph', () => {
    const provisions = parseProvisions('One.\n\nTwo.\n\nThree.', 1, 'text');
    expect(provisions.map((p) => p.anchor)).toEqual(['p-1', 'p-2', 'p-3']);
    expect(provisions.every((p) => p.provisionKind === 'passage')).toBe(true);
  });
  it('treats each line of unwrapped plain text as a paragraph', () => {
    const long = 'x'.repeat(250);
    const provisions = parseProvisions(`Title line\nBy Someone\n${long}`, 1, 'text');
    expect(provisions.map((p) => p.paragraphs[0]?.text.length)).toEqual([10, 10, 250]);
  });
});

describe('chineseNumeral', () => {
  it.each([
    ['三十七', 37],
    ['十', 10],
    ['十二', 12],
    ['一百零二', 102],
    ['二百', 200],
    ['45', 45],
  ])('%s is %i', (text, value) => {
    expect(chineseNumeral(text)).toBe(value);
  });
});
