/**
 * A piece of the graph to take away: nodes and edges, each with its source, written as JSON, as two CSV tables in
 * the columns Gephi's spreadsheet import expects (Id, Label; Source, Target, Type), as GEXF 1.3 (Gephi) and as
 * GraphML (Cytoscape, yEd, NetworkX). Pure functions: the server's /export/ route and the tests use them alike.
 */
import { toCsv } from './csv.js';

export interface ExportNode {
  id: string;
  kind: string;
  label: string;
  /** Adopted, signed, delivered or held. */
  date?: string | null;
  /** ISO codes of the countries it belongs to. */
  countries?: string[];
  status?: string | null;
  /** The URL the fact was checked against. */
  source?: string | null;
  /** The corpus document it was read from. */
  document?: string | null;
  checked?: string | null;
}

export interface ExportEdge {
  id: string;
  type: string;
  /** The relationship in words, read from `from` to `to`. */
  label: string;
  from: string;
  to: string;
  /** The relationship as a sentence. */
  sentence?: string | null;
  fromDate?: string | null;
  toDate?: string | null;
  signed?: string | null;
  inForce?: string | null;
  note?: string | null;
  source?: string | null;
  document?: string | null;
  checked?: string | null;
}

export interface ExportGraph {
  /** What was exported, in words: "Neighbourhood of Lu Wei". */
  title: string;
  /** The address the export was made from, so that it can be made again. */
  query: string;
  nodes: ExportNode[];
  edges: ExportEdge[];
  /** Anything else the view holds (a connection's paths, a search's hits), kept in the JSON only. */
  extra?: Record<string, unknown>;
}

export const exportFormats = ['json', 'nodes.csv', 'edges.csv', 'gexf', 'graphml'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  'nodes.csv': 'text/csv; charset=utf-8',
  'edges.csv': 'text/csv; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
};

/** Node and edge attributes besides id, label and ends, in column order: one list for every format. */
const nodeAttributes = ['kind', 'date', 'countries', 'status', 'source', 'document', 'checked'] as const;
const edgeAttributes = [
  'type',
  'sentence',
  'fromDate',
  'toDate',
  'signed',
  'inForce',
  'note',
  'source',
  'document',
  'checked',
] as const;

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value);

/** Characters XML 1.0 cannot hold at all, and the five it must escape. */
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xml = (value: unknown) =>
  text(value)
    .replace(notXml, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

const present = (value: unknown) => text(value) !== '';

export function writeExport(graph: ExportGraph, format: ExportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(graph, null, 2)}\n`;
    case 'nodes.csv':
      return toCsv(
        ['Id', 'Label', ...nodeAttributes],
        graph.nodes.map((node) => [node.id, node.label, ...nodeAttributes.map((name) => text(node[name]))]),
      );
    case 'edges.csv':
      return toCsv(
        ['Source', 'Target', 'Type', 'Id', 'Label', ...edgeAttributes],
        graph.edges.map((edge) => [
          edge.from,
          edge.to,
          'Directed',
          edge.id,
          edge.label,
          ...edgeAttributes.map((name) => text(edge[name])),
        ]),
      );
    case 'gexf':
      return gexf(graph);
    case 'graphml':
      return graphml(graph);
  }
}

function gexf(graph: ExportGraph): string {
  const declare = (names: readonly string[]) =>
    names.map((name) => `      <attribute id="${name}" title="${name}" type="string"/>`).join('\n');
  const values = (item: Record<string, unknown>, names: readonly string[]) => {
    const set = names.filter((name) => present(item[name]));
    if (set.length === 0) return '';
    const lines = set.map((name) => `          <attvalue for="${name}" value="${xml(item[name])}"/>`);
    return `\n        <attvalues>\n${lines.join('\n')}\n        </attvalues>\n      `;
  };
  const nodes = graph.nodes.map(
    (node) =>
      `      <node id="${xml(node.id)}" label="${xml(node.label)}">${values({ ...node }, nodeAttributes)}</node>`,
  );
  const edges = graph.edges.map(
    (edge) =>
      `      <edge id="${xml(edge.id)}" source="${xml(edge.from)}" target="${xml(edge.to)}" label="${xml(edge.label)}">${values({ ...edge }, edgeAttributes)}</edge>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta>
    <creator>China–ASEAN Cyber Policy Graph</creator>
    <description>${xml(`${graph.title} (${graph.query})`)}</description>
  </meta>
  <graph mode="static" defaultedgetype="directed">
    <attributes class="node">
${declare(nodeAttributes)}
    </attributes>
    <attributes class="edge">
${declare(edgeAttributes)}
    </attributes>
    <nodes>
${nodes.join('\n')}
    </nodes>
    <edges>
${edges.join('\n')}
    </edges>
  </graph>
</gexf>
`;
}

function graphml(graph: ExportGraph): string {
  // Key ids are unique across nodes and edges: a node's source and an edge's source are different keys.
  const keys = [
    ...['label', ...nodeAttributes].map(
      (name) => `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="string"/>`,
    ),
    ...['label', ...edgeAttributes].map(
      (name) => `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="string"/>`,
    ),
  ];
  const data = (prefix: string, item: Record<string, unknown>, names: readonly string[]) =>
    names
      .filter((name) => present(item[name]))
      .map((name) => `\n      <data key="${prefix}_${name}">${xml(item[name])}</data>`)
      .join('');
  const nodes = graph.nodes.map(
    (node) => `    <node id="${xml(node.id)}">${data('n', { ...node }, ['label', ...nodeAttributes])}\n    </node>`,
  );
  const edges = graph.edges.map(
    (edge) =>
      `    <edge id="${xml(edge.id)}" source="${xml(edge.from)}" target="${xml(edge.to)}">${data('e', { ...edge }, ['label', ...edgeAttributes])}\n    </edge>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <desc>${xml(`${graph.title} (${graph.query})`)}</desc>
${keys.join('\n')}
  <graph id="G" edgedefault="directed">
${nodes.join('\n')}
${edges.join('\n')}
  </graph>
</graphml>
`;
}
