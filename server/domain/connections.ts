/**
 * Connections that explain: the paths between two entities a researcher can read, ranked, over the port's one
 * primitive `relationshipsOf`, so that every graph backend gives the same paths in the same order.
 *
 * Shortest paths alone answer "Lu Wei is based in China" and nothing else, or reach everything through a country
 * or a theme: China enacted a hundred laws, a theme tags a thousand provisions, so any two entities are a few
 * hops apart through one of them. Here countries and themes are hubs: a path may start or end at one but not pass
 * through it, unless no other path is that short; and paths of every length up to `maxHops` are ranked by how
 * much they say: a role, a document, a quotation or a lineage link costs 1, taking part, membership and being party
 * 1.5, a weak link (based in, mentions, addresses) 2. So Lu Wei → China gives his direct link, then his roles at
 * Chinese organisations, then the Chinese events he attended.
 */
import { idPrefix, type NodeKind, type Relationship, type RelationshipType } from '../../ingest/model.js';
import { compareIds, comparePaths, type GraphPath, type GraphStore } from '../graph/graph-store.js';

export interface ConnectionQuery {
  maxHops: number;
  types: readonly RelationshipType[];
  /** How many paths to return, best first. */
  first: number;
}

export interface Connections {
  paths: GraphPath[];
  /** Whether the paths pass through countries or themes: none that avoids them was short enough. */
  throughHubs: boolean;
}

/** The kinds of node a path only starts or ends at by default: each is linked to a large share of the graph. */
export const hubKinds: readonly NodeKind[] = ['Country', 'Theme'];

/** What a step costs to read, by kind: links that say little cost more, so roles and documents rank first. */
const stepCost: Partial<Record<RelationshipType, number>> = {
  PARTICIPATED_IN: 1.5,
  MEMBER_OF: 1.5,
  PARTY_TO: 1.5,
  BASED_IN: 2,
  MENTIONS: 2,
  ADDRESSES: 2,
};

/** Bounds on the work between hub-rich pairs: partial paths kept per node reached, and paths ranked in all. */
const PARTIALS_PER_NODE = 24;
const PATHS_RANKED = 2000;

const hubPrefixes = hubKinds.map((kind) => `${idPrefix[kind]}:`);
const isHub = (id: string) => hubPrefixes.some((prefix) => id.startsWith(prefix));

/** What a path costs to read: the sum of its steps' costs (1 unless stepCost says more). */
export const pathCost = (path: GraphPath): number =>
  path.relationships.reduce((cost, relationship) => cost + (stepCost[relationship.type] ?? 1), 0);

/** The order of connections: cheapest to read, then shortest, then comparePaths (ids along the path). */
export const compareConnections = (a: GraphPath, b: GraphPath): number =>
  pathCost(a) - pathCost(b) || a.relationships.length - b.relationships.length || comparePaths(a, b);

/**
 * The best `first` simple paths between `from` and `to` of at most `maxHops` steps, in compareConnections order:
 * those that avoid passing through countries and themes, or when there is none, those that do. Empty when either
 * end is unknown or nothing connects them that closely.
 */
export async function findConnections(
  graph: Pick<GraphStore, 'relationshipsOf'>,
  from: string,
  to: string,
  query: ConnectionQuery,
): Promise<Connections> {
  const avoiding = await pathsBetween(graph, from, to, query, false);
  if (avoiding.length > 0) return { paths: avoiding, throughHubs: false };
  return { paths: await pathsBetween(graph, from, to, query, true), throughHubs: true };
}

/**
 * Walks half the hops from each end (one relationshipsOf call per direction and level), then joins the halves
 * where they meet.
 */
async function pathsBetween(
  graph: Pick<GraphStore, 'relationshipsOf'>,
  from: string,
  to: string,
  query: ConnectionQuery,
  throughHubs: boolean,
): Promise<GraphPath[]> {
  if (from === to) return [{ nodes: [from], relationships: [] }];
  const expandable = (id: string) => throughHubs || !isHub(id) || id === from || id === to;
  const walk = async (start: string, end: string, levels: number): Promise<Map<string, GraphPath[]>> => {
    const reached = new Map<string, GraphPath[]>([[start, [{ nodes: [start], relationships: [] }]]]);
    let frontier: GraphPath[] = [{ nodes: [start], relationships: [] }];
    for (let level = 1; level <= levels && frontier.length > 0; level++) {
      const ends = [...new Set(frontier.map((partial) => partial.nodes.at(-1) as string))].filter(
        (id) => id !== end && (id === start || expandable(id)),
      );
      const steps = await stepsOf(graph, ends, query.types);
      const next = new Map<string, GraphPath[]>();
      for (const partial of frontier) {
        const last = partial.nodes.at(-1) as string;
        for (const { neighbour, relationship } of steps.get(last) ?? []) {
          if (partial.nodes.includes(neighbour)) continue;
          const list = next.get(neighbour) ?? [];
          if (list.length >= PARTIALS_PER_NODE) continue;
          list.push({ nodes: [...partial.nodes, neighbour], relationships: [...partial.relationships, relationship] });
          next.set(neighbour, list);
        }
      }
      frontier = [...next.values()].flat();
      for (const [node, partials] of next) reached.set(node, [...(reached.get(node) ?? []), ...partials]);
    }
    return reached;
  };
  const forwardLevels = Math.ceil(query.maxHops / 2);
  const [forward, backward] = await Promise.all([
    walk(from, to, forwardLevels),
    walk(to, from, query.maxHops - forwardLevels),
  ]);
  // Every simple path is a head from `from` and a tail from `to` that meet at a node; one path meets at several
  // of its nodes, so paths are kept by their relationship ids. Grouped by length, so that the bound on ranked
  // paths keeps the shortest ones.
  const byLength = new Map<number, Map<string, GraphPath>>();
  let joined = 0;
  for (const [meeting, heads] of [...forward].sort(([a], [b]) => compareIds(a, b))) {
    const tails = backward.get(meeting);
    if (!tails || !expandable(meeting)) continue;
    for (const head of heads) {
      for (const tail of tails) {
        if (joined >= PATHS_RANKED * 4) break;
        if (tail.nodes.some((node, index) => index < tail.nodes.length - 1 && head.nodes.includes(node))) continue;
        const path = {
          nodes: [...head.nodes, ...tail.nodes.slice(0, -1).reverse()],
          relationships: [...head.relationships, ...[...tail.relationships].reverse()],
        };
        const paths = byLength.get(path.relationships.length) ?? new Map<string, GraphPath>();
        paths.set(path.relationships.map((relationship) => relationship.id).join('\u0000'), path);
        byLength.set(path.relationships.length, paths);
        joined++;
      }
    }
  }
  const ranked: GraphPath[] = [];
  for (const length of [...byLength.keys()].sort((a, b) => a - b)) {
    if (ranked.length >= PATHS_RANKED) break;
    ranked.push(...(byLength.get(length)?.values() ?? []));
  }
  return ranked.sort(compareConnections).slice(0, query.first);
}

interface Step {
  neighbour: string;
  relationship: Relationship;
}

/** Each node's relationships of the given types, both directions, with the node at the other end, in id order. */
async function stepsOf(
  graph: Pick<GraphStore, 'relationshipsOf'>,
  ids: string[],
  types: readonly RelationshipType[],
): Promise<Map<string, Step[]>> {
  const query = { types: [...types] };
  const [outgoing, incoming] = await Promise.all([
    graph.relationshipsOf(ids, { ...query, direction: 'out' }),
    graph.relationshipsOf(ids, { ...query, direction: 'in' }),
  ]);
  return new Map(
    ids.map((id, index) => [
      id,
      [
        ...(outgoing[index] ?? []).map((relationship) => ({ neighbour: relationship.to, relationship })),
        ...(incoming[index] ?? []).map((relationship) => ({ neighbour: relationship.from, relationship })),
      ].sort((a, b) => compareIds(a.neighbour, b.neighbour) || compareIds(a.relationship.id, b.relationship.id)),
    ]),
  );
}
