/**
 * The Cypher the Neo4j adapter runs, read from cypher/ at start. The only text ever put into a query is a node
 * label or relationship type from the model's allowlists; every value travels as a parameter.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type NodeKind, nodeKinds, type RelationshipType, relationshipTypes } from '../../ingest/model.js';

export const CYPHER_DIR = fileURLToPath(new URL('../../cypher/', import.meta.url));

const queryNames = [
  'generation/begin',
  'generation/heartbeat',
  'generation/active',
  'generation/activate',
  'generation/disposable',
  'generation/delete-entities',
  'generation/delete-details',
  'generation/forget',
  'load/nodes',
  'load/relationships',
  'load/passages',
  'load/details/approaches',
  'load/details/versions',
  'load/details/provision-versions',
  'load/details/passage-links',
  'read/get-nodes',
  'read/list-nodes',
  'read/count-nodes',
  'read/relationships-out',
  'read/relationships-in',
  'read/passages-of',
  'read/shortest-paths',
  'read/neighbours',
  'read/neighbourhood-start',
  'read/relationships-among',
  'read/relationships-between',
  'read/theme-links',
  'read/theme-links-walked',
  'read/stats-nodes',
  'read/stats-relationships',
  'read/stats-passages',
] as const;
export type QueryName = (typeof queryNames)[number];
export type Queries = Record<QueryName, string>;

export async function loadQueries(): Promise<Queries> {
  const texts = await Promise.all(queryNames.map((name) => readFile(join(CYPHER_DIR, `${name}.cypher`), 'utf8')));
  return Object.fromEntries(queryNames.map((name, index) => [name, texts[index]])) as Queries;
}

/** The statements of cypher/schema.cypher, one per `;`, without comment lines. */
export async function loadSchemaStatements(): Promise<string[]> {
  const text = await readFile(join(CYPHER_DIR, 'schema.cypher'), 'utf8');
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export function withNodeLabel(query: string, kind: NodeKind): string {
  if (!(nodeKinds as readonly string[]).includes(kind)) throw new Error(`Not a node kind of the model: ${kind}`);
  return query.replaceAll('__NODE_LABEL__', kind);
}

/**
 * The label of a graph's live generation: `Live` for the default graph (the one a deployment serves), `Live_<name>`
 * for another (its name's characters other than letters, digits and _ made _), so that graphs sharing a database
 * keep their live nodes apart.
 */
export const liveLabel = (graph: string): string =>
  graph === 'default' ? 'Live' : `Live_${graph.replace(/[^A-Za-z0-9_]/g, '_')}`;

export const withLiveLabel = (query: string, graph: string): string =>
  query.replaceAll('__LIVE_LABEL__', liveLabel(graph));

export function withRelationshipType(query: string, type: RelationshipType): string {
  if (!(relationshipTypes as readonly string[]).includes(type)) {
    throw new Error(`Not a relationship type of the model: ${type}`);
  }
  return query.replaceAll('__RELATIONSHIP_TYPE__', type);
}
