/** The export formats on a small graph with awkward text: strict XML parses back, CSV quotes, sources kept. */
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { type ExportGraph, writeExport } from '../../server/domain/export.js';

const graph: ExportGraph = {
  title: 'Neighbourhood of "Lu Wei" & <friends>',
  query: '/export/neighborhood.gexf?id=person:lu-wei&depth=1',
  nodes: [
    { id: 'person:lu-wei', kind: 'Person', label: 'Lu Wei 鲁炜', source: 'https://example.org/lu?a=1&b=2' },
    { id: 'org:cac', kind: 'Organization', label: 'CAC, "the regulator"\u0001', countries: ['CN'], document: 'vocab' },
  ],
  edges: [
    {
      id: 'rel:1',
      type: 'HELD_ROLE',
      label: 'held a role at',
      from: 'person:lu-wei',
      to: 'org:cac',
      sentence: 'Lu Wei was Director (Minister) of <CAC>.',
      fromDate: '2013',
      source: 'https://example.org/role',
    },
  ],
};

const strict = (text: string) =>
  new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');

describe('writeExport', () => {
  it('writes GEXF 1.3 that parses back with every node, edge and declared attribute', () => {
    const document = strict(writeExport(graph, 'gexf'));
    expect(document.documentElement?.getAttribute('xmlns')).toBe('http://gexf.net/1.3');
    const declared = new Set([...document.getElementsByTagName('attribute')].map((a) => a.getAttribute('id')));
    for (const value of [...document.getElementsByTagName('attvalue')])
      expect(declared).toContain(value.getAttribute('for'));
    const nodes = [...document.getElementsByTagName('node')];
    expect(nodes.map((node) => node.getAttribute('label'))).toEqual(['Lu Wei 鲁炜', 'CAC, "the regulator"']);
    const [edge] = [...document.getElementsByTagName('edge')];
    expect(edge?.getAttribute('source')).toBe('person:lu-wei');
    const sentence = [...(edge?.getElementsByTagName('attvalue') ?? [])].find(
      (v) => v.getAttribute('for') === 'sentence',
    );
    expect(sentence?.getAttribute('value')).toBe('Lu Wei was Director (Minister) of <CAC>.');
    expect(document.getElementsByTagName('description')[0]?.textContent).toContain('"Lu Wei" & <friends>');
  });

  it('writes GraphML whose data keys are declared for nodes or edges, with the sources', () => {
    const document = strict(writeExport(graph, 'graphml'));
    const keys = new Map(
      [...document.getElementsByTagName('key')].map((key) => [key.getAttribute('id'), key.getAttribute('for')]),
    );
    expect(keys.size).toBe(document.getElementsByTagName('key').length);
    for (const data of [...document.getElementsByTagName('data')]) {
      const owner = data.parentNode?.nodeName;
      expect(keys.get(data.getAttribute('key'))).toBe(owner);
    }
    const source = [...document.getElementsByTagName('data')].find((data) => data.getAttribute('key') === 'n_source');
    expect(source?.textContent).toBe('https://example.org/lu?a=1&b=2');
    expect(document.getElementsByTagName('graph')[0]?.getAttribute('edgedefault')).toBe('directed');
  });

  it("writes nodes and edges as CSV tables in Gephi's columns, quoting commas and quotes", () => {
    const nodes = writeExport(graph, 'nodes.csv').split('\r\n');
    expect(nodes[0]).toBe('Id,Label,kind,date,countries,status,source,document,checked');
    expect(nodes[2]).toBe('org:cac,"CAC, ""the regulator""\u0001",Organization,,CN,,,vocab,');
    const edges = writeExport(graph, 'edges.csv').split('\r\n');
    expect(edges[0]?.startsWith('Source,Target,Type,Id,Label,')).toBe(true);
    expect(edges[1]).toContain('person:lu-wei,org:cac,Directed,rel:1,held a role at,HELD_ROLE');
    expect(edges[1]).toContain('https://example.org/role');
  });

  it('writes JSON that reads back as the same graph', () => {
    expect(JSON.parse(writeExport(graph, 'json'))).toEqual(graph);
  });
});
