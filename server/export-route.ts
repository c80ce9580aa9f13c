/**
 * Download URLs for a piece of the graph: /export/<view>.<format>, where the view is a neighbourhood, the
 * connections between two entities or a search's results, and the format one of server/domain/export.ts
 * (json, nodes.csv, edges.csv, gexf, graphml). Each view is answered by the GraphQL API itself, so an export
 * checks its arguments, follows the limits and holds exactly what the same query answers:
 *
 *   /export/neighborhood.gexf?id=person:lu-wei&depth=1&limit=100
 *   /export/connections.graphml?from=person:lu-wei&to=country:CN&maxHops=4
 *   /export/search.nodes.csv?query=data+localisation&country=VN
 */
import {
  contentTypes,
  type ExportEdge,
  type ExportFormat,
  type ExportGraph,
  type ExportNode,
  exportFormats,
  writeExport,
} from './domain/export.js';

/** What the export needs of the API: a GraphQL query run as a client's would be. */
export type ExecuteGraphql = <Data = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: Data | null; errors?: { message: string; extensions?: { code?: string } }[] }>;

export interface ExportAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const NODE_FIELDS = `fragment ExportNode on Node {
  id kind label provenance { document url checked }
  ... on Instrument { date status countries { code } }
  ... on Event { date country { code } }
  ... on Country { code }
}`;
const EDGE_FIELDS = `fragment ExportEdge on Edge {
  id type label from to sentence fromDate toDate signed inForce note provenance { document url checked }
}`;

interface NodeAnswer {
  id: string;
  kind: string;
  label: string;
  provenance: { document: string | null; url: string | null; checked: string | null };
  date?: string | null;
  status?: string | null;
  countries?: { code: string }[];
  country?: { code: string } | null;
  code?: string;
}
interface EdgeAnswer extends Omit<ExportEdge, 'source' | 'document' | 'checked'> {
  provenance: { document: string | null; url: string | null; checked: string | null };
}

const exportNode = (node: NodeAnswer): ExportNode => ({
  id: node.id,
  kind: node.kind,
  label: node.label,
  date: node.date ?? null,
  countries: node.countries?.map((country) => country.code) ?? (node.country ? [node.country.code] : []),
  status: node.status ?? null,
  source: node.provenance.url,
  document: node.provenance.document,
  checked: node.provenance.checked,
});

const exportEdge = ({ provenance, ...edge }: EdgeAnswer): ExportEdge => ({
  ...edge,
  source: provenance.url,
  document: provenance.document,
  checked: provenance.checked,
});

/** Nodes and edges once each, in the order first met. */
function distinct<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

class ExportRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A query parameter as a whole number, or a clear refusal. */
function integer(parameters: URLSearchParams, name: string, fallback: number): number {
  const value = parameters.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new ExportRefused(400, `Parameter ${name} must be a whole number (got "${value}").`);
  return Number(value);
}

/** A parameter given as a comma-separated list or repeated (country=CN,VN or country=CN&country=VN). */
const list = (parameters: URLSearchParams, name: string): string[] | undefined => {
  const values = parameters.getAll(name).flatMap((value) => value.split(',').filter(Boolean));
  return values.length > 0 ? values : undefined;
};

function required(parameters: URLSearchParams, name: string, example: string): string {
  const value = parameters.get(name);
  if (!value) throw new ExportRefused(400, `Parameter ${name} is required, e.g. ${name}=${example}.`);
  return value;
}

/** The HTTP status of an API error code; any other refusal is the request's fault (400). */
const statusOfCode: Record<string, number> = {
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

type View = (parameters: URLSearchParams, execute: ExecuteGraphql) => Promise<Omit<ExportGraph, 'query'>>;

async function run(execute: ExecuteGraphql, query: string, variables: Record<string, unknown>) {
  const answer = await execute(query, variables);
  if (answer.errors?.length || !answer.data) {
    const code = answer.errors?.[0]?.extensions?.code;
    const message = answer.errors?.map((error) => error.message).join('; ') ?? 'The API gave no answer.';
    throw new ExportRefused(statusOfCode[code ?? ''] ?? 400, message);
  }
  return answer.data;
}

const views: Record<string, View> = {
  async neighborhood(parameters, execute) {
    const data = await run(
      execute,
      `query Export($id: ID!, $depth: Int, $limit: Int, $via: [RelationshipType!]) {
        neighborhood(id: $id, depth: $depth, limit: $limit, via: $via) {
          truncated nodes { ...ExportNode } relationships { ...ExportEdge }
        }
      }
      ${NODE_FIELDS}
      ${EDGE_FIELDS}`,
      {
        id: required(parameters, 'id', 'person:lu-wei'),
        depth: integer(parameters, 'depth', 1),
        limit: integer(parameters, 'limit', 100),
        via: list(parameters, 'via'),
      },
    );
    const subgraph = data.neighborhood as { truncated: boolean; nodes: NodeAnswer[]; relationships: EdgeAnswer[] };
    return {
      title: `Neighbourhood of ${subgraph.nodes[0]?.label ?? parameters.get('id')}`,
      nodes: subgraph.nodes.map(exportNode),
      edges: subgraph.relationships.map(exportEdge),
      extra: { truncated: subgraph.truncated },
    };
  },

  async connections(parameters, execute) {
    const data = await run(
      execute,
      `query Export($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $via: [RelationshipType!]) {
        connections(from: $from, to: $to, maxHops: $maxHops, first: $first, via: $via) {
          throughHubs nodes { ...ExportNode } relationships { ...ExportEdge } steps { sentence }
        }
      }
      ${NODE_FIELDS}
      ${EDGE_FIELDS}`,
      {
        from: required(parameters, 'from', 'person:lu-wei'),
        to: required(parameters, 'to', 'country:CN'),
        maxHops: integer(parameters, 'maxHops', 4),
        first: integer(parameters, 'first', 5),
        via: list(parameters, 'via'),
      },
    );
    const paths = data.connections as {
      throughHubs: boolean;
      nodes: NodeAnswer[];
      relationships: EdgeAnswer[];
      steps: { sentence: string }[];
    }[];
    return {
      title: `Connections from ${parameters.get('from')} to ${parameters.get('to')}`,
      nodes: distinct(paths.flatMap((path) => path.nodes.map(exportNode))),
      edges: distinct(paths.flatMap((path) => path.relationships.map(exportEdge))),
      extra: {
        paths: paths.map((path) => ({
          nodes: path.nodes.map((node) => node.id),
          relationships: path.relationships.map((relationship) => relationship.id),
          sentences: path.steps.map((step) => step.sentence),
          throughHubs: path.throughHubs,
        })),
      },
    };
  },

  async search(parameters, execute) {
    const data = await run(
      execute,
      `query Export($query: String!, $first: Int, $filter: SearchFilter, $groupBy: SearchGrouping) {
        search(query: $query, first: $first, filter: $filter, groupBy: $groupBy) {
          total edges { node { id kind score node { ...ExportNode } instrument { ...ExportNode } } }
        }
      }
      ${NODE_FIELDS}`,
      {
        query: required(parameters, 'query', 'data+localisation'),
        first: integer(parameters, 'first', 50),
        // As the explorer shows them: one result per instrument unless group=none.
        groupBy: parameters.get('group') === 'none' ? 'NONE' : 'INSTRUMENT',
        filter: {
          countries: list(parameters, 'country'),
          kinds: list(parameters, 'kind'),
          instrumentKinds: list(parameters, 'instrumentKind'),
          themes: list(parameters, 'theme'),
          statuses: list(parameters, 'status'),
          yearFrom: parameters.has('yearFrom') ? integer(parameters, 'yearFrom', 0) : undefined,
          yearTo: parameters.has('yearTo') ? integer(parameters, 'yearTo', 0) : undefined,
        },
      },
    );
    const search = data.search as {
      total: number;
      edges: { node: { id: string; kind: string; score: number; node: NodeAnswer; instrument: NodeAnswer | null } }[];
    };
    const nodes = distinct(
      search.edges.flatMap(({ node: hit }) => [hit.node, ...(hit.instrument ? [hit.instrument] : [])].map(exportNode)),
    );
    // The relationships among the hits and their instruments: a provision's or quote's PART_OF, references between them.
    const among = await run(
      execute,
      `query Export($ids: [ID!]!) { relationshipsAmong(ids: $ids) { ...ExportEdge } } ${EDGE_FIELDS}`,
      { ids: nodes.map((node) => node.id) },
    );
    return {
      title: `Search results for “${parameters.get('query')}”`,
      nodes,
      edges: (among.relationshipsAmong as EdgeAnswer[]).map(exportEdge),
      extra: {
        total: search.total,
        hits: search.edges.map(({ node: hit }) => ({ id: hit.id, kind: hit.kind, score: hit.score })),
      },
    };
  },
};

const usage = `Export URLs are /export/<view>.<format> with view ${Object.keys(views).join(', ')} and format ${exportFormats.join(', ')}, e.g. /export/neighborhood.gexf?id=person:lu-wei`;

/** The answer to GET /export/…: the file, or a JSON error that says what to change. */
export async function answerExport(url: URL, execute: ExecuteGraphql): Promise<ExportAnswer> {
  const name = url.pathname.slice('/export/'.length);
  const dot = name.indexOf('.');
  const viewName = dot > 0 ? name.slice(0, dot) : name;
  const view = Object.hasOwn(views, viewName) ? views[viewName as keyof typeof views] : undefined;
  const format = name.slice(dot + 1) as ExportFormat;
  try {
    if (!view || dot < 0 || !exportFormats.includes(format)) throw new ExportRefused(404, usage);
    const graph = { ...(await view(url.searchParams, execute)), query: `${url.pathname}${url.search}` };
    const filename = `${slug(graph.title)}.${format}`;
    return {
      status: 200,
      headers: {
        'content-type': contentTypes[format],
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
      body: writeExport(graph, format),
    };
  } catch (error) {
    if (!(error instanceof ExportRefused)) throw error;
    return {
      status: error.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ error: error.message }),
    };
  }
}

/** A file name's part from a title: ASCII letters and digits, at most 60. */
const slug = (title: string) =>
  title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'export';
