/**
 * The GraphStore port: what the product asks of the graph. Adapters: the in-memory graphology store
 * (default) and Neo4j. Both pass test/contract/graph-store.contract.ts. Everything that can be computed
 * from these primitives (comparison cells, similarity scores) is computed once, in server/domain/, so
 * that both adapters give the same answers.
 */
import type {
  GraphNode,
  KnowledgeGraph,
  NodeKind,
  Passage,
  Relationship,
  RelationshipType,
} from '../../ingest/model.js';

export type Direction = 'out' | 'in';

export interface RelationshipQuery {
  direction: Direction;
  /** Only these types; all types when absent. */
  types?: RelationshipType[];
}

export interface GraphPath {
  nodes: string[];
  relationships: Relationship[];
}

export interface Subgraph {
  nodes: GraphNode[];
  relationships: Relationship[];
  truncated: boolean;
}

export interface NodeListQuery {
  kind: NodeKind;
  offset: number;
  limit: number;
}

/** A provision or instrument that addresses a theme, with the country that enacted or is party to it. */
export interface ThemeLink {
  country: string;
  theme: string;
  instrument: string;
  provision?: string;
  date?: string;
}

export interface GraphStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  passages: number;
}

export interface Readiness {
  ready: boolean;
  reason?: string;
}

export interface GraphStore {
  /** Full replace, not a merge: readers see the old graph or the new one, never a mix. */
  replaceGraph(graph: KnowledgeGraph): Promise<void>;
  /** Nodes in the order of `ids`; undefined where an id is unknown. */
  getNodes(ids: readonly string[]): Promise<(GraphNode | undefined)[]>;
  /** Nodes of one kind ordered by id, and how many there are. */
  listNodes(query: NodeListQuery): Promise<{ nodes: GraphNode[]; total: number }>;
  /** For each id, its relationships in one direction, ordered by relationship id. */
  relationshipsOf(ids: readonly string[], query: RelationshipQuery): Promise<Relationship[][]>;
  /** Passages of each provision, in order. */
  passagesOf(provisionIds: readonly string[]): Promise<Passage[][]>;
  /**
   * All shortest paths (ignoring direction) between two nodes over the given relationship types, up to
   * maxHops; at most `limit`, ordered by the ids along them. Empty when none is that short.
   */
  shortestPaths(
    from: string,
    to: string,
    options: { maxHops: number; types: RelationshipType[]; limit: number },
  ): Promise<GraphPath[]>;
  /** Nodes within `depth` hops (either direction), nearest first then by id, at most `limit` nodes. */
  neighborhood(id: string, options: { depth: number; limit: number; types?: RelationshipType[] }): Promise<Subgraph>;
  /**
   * Which instruments and provisions of the given countries address the given themes (exactly these
   * theme ids: the caller expands sub-themes). An instrument counts for a country that enacted it or
   * is party to it.
   */
  themeLinks(countries: readonly string[], themes: readonly string[]): Promise<ThemeLink[]>;
  stats(): Promise<GraphStats>;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}
