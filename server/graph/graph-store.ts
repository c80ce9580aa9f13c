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
import type { StagedVersion } from '../staged-version.js';

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
  /** Full replace, not a merge: readers see the old graph or the new one, never a mix (stageGraph, then activate). */
  replaceGraph(graph: KnowledgeGraph, dataVersion?: string): Promise<void>;
  /**
   * Loads `graph` beside the graph readers see, recorded as `dataVersion` (a checksum of the data); readers see
   * none of it until the staged version is activated. One staged graph at a time.
   */
  stageGraph(graph: KnowledgeGraph, dataVersion?: string): Promise<StagedVersion>;
  /** The data version recorded with the graph readers see; undefined when none is loaded or none was recorded. */
  dataVersion(): Promise<string | undefined>;
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
   * maxHops; at most `limit`, in `comparePaths` order. Empty when none is that short.
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

/** At most this many shortest paths are enumerated before ordering: a bound on work between hub-rich pairs. */
export const PATH_CAP = 2000;

/** The order of shortest paths on every backend: by the node ids along them, then by the relationship ids. */
export function comparePaths(a: GraphPath, b: GraphPath): number {
  const length = Math.max(a.nodes.length, b.nodes.length);
  for (let index = 0; index < length; index++) {
    const left = a.nodes[index] ?? '';
    const right = b.nodes[index] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  for (let index = 0; index < a.relationships.length; index++) {
    const left = a.relationships[index]?.id ?? '';
    const right = b.relationships[index]?.id ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** Ids compare by UTF-16 code units, as Neo4j's ORDER BY on strings does. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order of theme links on every backend. */
export function compareThemeLinks(a: ThemeLink, b: ThemeLink): number {
  return (
    compareIds(a.country, b.country) ||
    compareIds(a.theme, b.theme) ||
    compareIds(a.instrument, b.instrument) ||
    compareIds(a.provision ?? '', b.provision ?? '')
  );
}

/**
 * Nodes level by level from `start`, each level's new nodes in id order, until `limit` nodes: how every backend
 * orders a neighbourhood, so that all keep the same nodes at the limit. `nextLevel` gives the neighbours of the
 * frontier that are not yet included (at least the first few more than there is room for).
 */
export async function breadthFirst(
  start: string,
  depth: number,
  limit: number,
  nextLevel: (frontier: string[], included: ReadonlySet<string>) => string[] | Promise<string[]>,
): Promise<{ included: Set<string>; truncated: boolean }> {
  const included = new Set([start]);
  let frontier = [start];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0 && !truncated; level++) {
    const next = (await nextLevel(frontier, included)).sort(compareIds);
    for (const neighbour of next) {
      if (included.size >= limit) {
        truncated = true;
        break;
      }
      included.add(neighbour);
    }
    frontier = next.filter((neighbour) => included.has(neighbour));
  }
  return { included, truncated };
}

/** Theme links by country id, then by theme id, each list in compareThemeLinks order. */
export type ThemeLinkIndex = Map<string, Map<string, ThemeLink[]>>;

/**
 * Every theme link of a graph: each instrument, and each provision through its instrument, that addresses a
 * theme, once for every country of the instrument. Both adapters build this at load, so that themeLinks() is a
 * lookup (the Neo4j store keeps each country's share on its node).
 */
export function indexThemeLinks(graph: KnowledgeGraph): ThemeLinkIndex {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const index: ThemeLinkIndex = new Map();
  for (const relationship of graph.relationships) {
    if (relationship.type !== 'ADDRESSES') continue;
    const addressing = nodes.get(relationship.from);
    const instrument = nodes.get(
      addressing?.kind === 'Provision' ? addressing.instrument : addressing?.kind === 'Instrument' ? addressing.id : '',
    );
    if (instrument?.kind !== 'Instrument' || !addressing) continue;
    for (const code of instrument.countries) {
      const link: ThemeLink = {
        country: `country:${code}`,
        theme: relationship.to,
        instrument: instrument.id,
        ...(addressing.kind === 'Provision' ? { provision: addressing.id } : {}),
        ...(instrument.date ? { date: instrument.date } : {}),
      };
      const byTheme = index.get(link.country) ?? new Map<string, ThemeLink[]>();
      index.set(link.country, byTheme);
      const list = byTheme.get(link.theme);
      if (list) list.push(link);
      else byTheme.set(link.theme, [link]);
    }
  }
  for (const byTheme of index.values()) for (const list of byTheme.values()) list.sort(compareThemeLinks);
  return index;
}

/** The links of the given countries and themes from an index, in compareThemeLinks order. */
export function pickThemeLinks(
  countries: readonly string[],
  themes: readonly string[],
  linksOf: (country: string) => ReadonlyMap<string, readonly ThemeLink[]> | undefined,
): ThemeLink[] {
  const links: ThemeLink[] = [];
  const sortedThemes = [...new Set(themes)].sort(compareIds);
  for (const country of [...new Set(countries)].sort(compareIds)) {
    const byTheme = linksOf(country);
    for (const theme of sortedThemes) links.push(...(byTheme?.get(theme) ?? []));
  }
  return links;
}
