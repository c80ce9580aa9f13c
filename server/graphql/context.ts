/** Per-request context: the stores behind DataLoaders, so a page of results makes one store call per field. */
import DataLoader from 'dataloader';
import type { GraphNode, Passage, Relationship, RelationshipType } from '../../ingest/model.js';
import type { ReingestJob } from '../data.js';
import type { ThemeTree } from '../domain/themes.js';
import type { Direction, GraphStore } from '../graph/graph-store.js';
import type { SearchIndex } from '../search/search-index.js';

export interface Catalog {
  /** The themes taxonomy and the countries, cached between reloads: small and read on most requests. */
  tree: ThemeTree;
  countries: string[];
}

export interface Services {
  graph: GraphStore;
  search: SearchIndex;
  /** Starts a reingest (or returns the running one) without waiting for it. */
  reingest?: () => ReingestJob;
  reingestJob?: (id: string) => ReingestJob | undefined;
  adminToken?: string;
}

export interface Context {
  services: Services;
  /** Of the data version the request holds (DataManager.hold). */
  catalog: Catalog;
  authorization: string | null;
  loaders: ReturnType<typeof createLoaders>;
}

function relationshipLoader(graph: GraphStore, direction: Direction) {
  // Keys carry the relationship types too: ids asked with the same types are fetched in one call.
  return new DataLoader<string, Relationship[]>(async (keys) => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const [id = '', types = ''] = key.split('\u0000');
      groups.set(types, [...(groups.get(types) ?? []), id]);
    }
    const results = new Map<string, Relationship[]>();
    for (const [types, ids] of groups) {
      const typeList = types ? (types.split(',') as RelationshipType[]) : undefined;
      const lists = await graph.relationshipsOf(ids, { direction, ...(typeList ? { types: typeList } : {}) });
      ids.forEach((id, index) => {
        results.set(`${id}\u0000${types}`, lists[index] ?? []);
      });
    }
    return keys.map((key) => results.get(key) ?? []);
  });
}

export function createLoaders(graph: GraphStore) {
  const nodes = new DataLoader<string, GraphNode | undefined>((ids) => graph.getNodes(ids));
  const outgoing = relationshipLoader(graph, 'out');
  const incoming = relationshipLoader(graph, 'in');
  const passages = new DataLoader<string, Passage[]>((ids) => graph.passagesOf(ids));
  const key = (id: string, types: readonly RelationshipType[]) => `${id}\u0000${[...types].sort().join(',')}`;
  return {
    node: (id: string) => nodes.load(id),
    nodes: async (ids: readonly string[]) =>
      (await nodes.loadMany(ids)).filter((node): node is GraphNode => Boolean(node) && !(node instanceof Error)),
    out: (id: string, ...types: RelationshipType[]) => outgoing.load(key(id, types)),
    in: (id: string, ...types: RelationshipType[]) => incoming.load(key(id, types)),
    passages: (provisionId: string) => passages.load(provisionId),
  };
}
