/** The embedded GraphStore: a graphology multigraph in memory, persisted as one JSON file in DATA_DIR. */
import { readFile, rename, rm } from 'node:fs/promises';
import { MultiDirectedGraph } from 'graphology';
import type { GraphNode, KnowledgeGraph, Passage, Relationship, RelationshipType } from '../../ingest/model.js';
import { writeJsonFile } from '../../ingest/write.js';
import { replaceNow, type StagedVersion } from '../staged-version.js';
import {
  breadthFirst,
  compareIds,
  comparePaths,
  type GraphPath,
  type GraphStats,
  type GraphStore,
  indexThemeLinks,
  type NodeListQuery,
  PATH_CAP,
  pickThemeLinks,
  type RelationshipQuery,
  type Subgraph,
  type ThemeLink,
  type ThemeLinkIndex,
} from './graph-store.js';

type Graph = MultiDirectedGraph<GraphNode, Relationship>;

interface Step {
  neighbour: string;
  relationship: Relationship;
}

interface State {
  graph: Graph;
  /** Every node's relationships in both directions, sorted by neighbour then relationship id, built once. */
  adjacency: Map<string, Step[]>;
  /** Theme links by country and theme, each list in ThemeLink order: comparisons read them, never compute them. */
  themeLinks: ThemeLinkIndex;
  passages: Map<string, Passage[]>;
  idsByKind: Map<string, string[]>;
  stats: GraphStats;
  dataVersion: string | undefined;
}

/** The persisted file: the graph, and the data version it was loaded as. */
type StoredGraph = KnowledgeGraph & { dataVersion?: string };

function buildState(knowledge: StoredGraph): State {
  const graph: Graph = new MultiDirectedGraph();
  for (const node of knowledge.nodes) graph.addNode(node.id, node);
  for (const relationship of knowledge.relationships) {
    graph.addDirectedEdgeWithKey(relationship.id, relationship.from, relationship.to, relationship);
  }
  const adjacency = new Map<string, Step[]>();
  const link = (node: string, step: Step) => {
    const list = adjacency.get(node);
    if (list) list.push(step);
    else adjacency.set(node, [step]);
  };
  for (const relationship of knowledge.relationships) {
    link(relationship.from, { neighbour: relationship.to, relationship });
    link(relationship.to, { neighbour: relationship.from, relationship });
  }
  for (const list of adjacency.values()) {
    list.sort((a, b) => compareIds(a.neighbour, b.neighbour) || compareIds(a.relationship.id, b.relationship.id));
  }
  const passages = new Map<string, Passage[]>();
  for (const passage of knowledge.passages) {
    const list = passages.get(passage.provision) ?? [];
    list.push(passage);
    passages.set(passage.provision, list);
  }
  for (const list of passages.values()) list.sort((a, b) => a.ordinal - b.ordinal);
  const idsByKind = new Map<string, string[]>();
  for (const node of knowledge.nodes) {
    const list = idsByKind.get(node.kind) ?? [];
    list.push(node.id);
    idsByKind.set(node.kind, list);
  }
  for (const list of idsByKind.values()) list.sort(compareIds);
  const count = (keys: string[]) => {
    const counts: Record<string, number> = {};
    for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  };
  return {
    graph,
    adjacency,
    themeLinks: indexThemeLinks(knowledge),
    passages,
    idsByKind,
    stats: {
      nodes: count(knowledge.nodes.map((node) => node.kind)),
      relationships: count(knowledge.relationships.map((relationship) => relationship.type)),
      passages: knowledge.passages.length,
    },
    dataVersion: knowledge.dataVersion,
  };
}

export interface MemoryGraphStoreOptions {
  /** Where the graph is persisted; in memory only when absent. */
  file?: string;
}

export class MemoryGraphStore implements GraphStore {
  private state: State = buildState({ nodes: [], relationships: [], passages: [] });
  private loaded = false;

  private constructor(private readonly file: string | undefined) {}

  static async open(options: MemoryGraphStoreOptions = {}): Promise<MemoryGraphStore> {
    const store = new MemoryGraphStore(options.file);
    if (options.file) {
      try {
        store.state = buildState(JSON.parse(await readFile(options.file, 'utf8')) as StoredGraph);
        store.loaded = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return store;
  }

  replaceGraph(knowledge: KnowledgeGraph, dataVersion?: string): Promise<void> {
    return replaceNow(this.stageGraph(knowledge, dataVersion));
  }

  /** The new graph is built in memory and written beside the file; activating swaps both in. */
  async stageGraph(knowledge: KnowledgeGraph, dataVersion?: string): Promise<StagedVersion> {
    const stored: StoredGraph = dataVersion === undefined ? knowledge : { dataVersion, ...knowledge };
    const next = buildState(stored);
    const { file } = this;
    const staged = file && `${file}.staged`;
    if (staged) await writeJsonFile(staged, stored);
    return {
      activate: async () => {
        if (file && staged) await rename(staged, file);
        this.state = next;
        this.loaded = true;
      },
      discard: async () => {
        if (staged) await rm(staged, { force: true });
      },
    };
  }

  async dataVersion(): Promise<string | undefined> {
    return this.state.dataVersion;
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | undefined)[]> {
    const { graph } = this.state;
    return ids.map((id) => (graph.hasNode(id) ? graph.getNodeAttributes(id) : undefined));
  }

  async listNodes({ kind, offset, limit }: NodeListQuery): Promise<{ nodes: GraphNode[]; total: number }> {
    const ids = this.state.idsByKind.get(kind) ?? [];
    const { graph } = this.state;
    return { nodes: ids.slice(offset, offset + limit).map((id) => graph.getNodeAttributes(id)), total: ids.length };
  }

  async relationshipsOf(ids: readonly string[], { direction, types }: RelationshipQuery): Promise<Relationship[][]> {
    const { graph } = this.state;
    const wanted = types ? new Set<string>(types) : undefined;
    return ids.map((id) => {
      if (!graph.hasNode(id)) return [];
      const edges = direction === 'out' ? graph.outEdges(id) : graph.inEdges(id);
      return edges
        .map((edge) => graph.getEdgeAttributes(edge))
        .filter((relationship) => !wanted || wanted.has(relationship.type))
        .sort((a, b) => compareIds(a.id, b.id));
    });
  }

  async passagesOf(provisionIds: readonly string[]): Promise<Passage[][]> {
    return provisionIds.map((id) => this.state.passages.get(id) ?? []);
  }

  /** Relationships of `id` over the allowed types, either direction, with the node at the other end. */
  private steps(id: string, types: Set<string> | undefined): Step[] {
    const all = this.state.adjacency.get(id) ?? [];
    return types ? all.filter((step) => types.has(step.relationship.type)) : all;
  }

  async shortestPaths(
    from: string,
    to: string,
    { maxHops, types, limit }: { maxHops: number; types: RelationshipType[]; limit: number },
  ): Promise<GraphPath[]> {
    const { graph } = this.state;
    if (!graph.hasNode(from) || !graph.hasNode(to)) return [];
    if (from === to) return [{ nodes: [from], relationships: [] }];
    const allowed = new Set<string>(types);
    // Breadth-first from both ends, a whole level at a time, always growing the smaller frontier; each side
    // keeps every predecessor at the shortest depth, so all shortest paths can be enumerated where they meet.
    const sides = [from, to].map((start) => ({
      depth: new Map([[start, 0]]),
      predecessors: new Map<string, Step[]>(),
      frontier: [start],
      level: 0,
    }));
    const [forward, backward] = sides as [(typeof sides)[number], (typeof sides)[number]];
    let meeting: string[] = [];
    while (forward.level + backward.level < maxHops && meeting.length === 0) {
      const side = forward.frontier.length <= backward.frontier.length ? forward : backward;
      const other = side === forward ? backward : forward;
      if (side.frontier.length === 0) return [];
      const level = side.level + 1;
      const next: string[] = [];
      for (const node of side.frontier) {
        for (const step of this.steps(node, allowed)) {
          const seen = side.depth.get(step.neighbour);
          if (seen === undefined) {
            side.depth.set(step.neighbour, level);
            next.push(step.neighbour);
          }
          if ((seen ?? level) === level) {
            const list = side.predecessors.get(step.neighbour);
            const back = { neighbour: node, relationship: step.relationship };
            if (list) list.push(back);
            else side.predecessors.set(step.neighbour, [back]);
          }
        }
      }
      side.frontier = next;
      side.level = level;
      meeting = next.filter((node) => other.depth.has(node));
    }
    const pathsTo = (side: typeof forward, node: string): { nodes: string[]; relationships: Relationship[] }[] => {
      if (side.depth.get(node) === 0) return [{ nodes: [node], relationships: [] }];
      const result: { nodes: string[]; relationships: Relationship[] }[] = [];
      for (const step of side.predecessors.get(node) ?? []) {
        for (const path of pathsTo(side, step.neighbour)) {
          if (result.length >= PATH_CAP) return result;
          result.push({ nodes: [...path.nodes, node], relationships: [...path.relationships, step.relationship] });
        }
      }
      return result;
    };
    const paths: GraphPath[] = [];
    for (const node of meeting.sort(compareIds)) {
      const tails = pathsTo(backward, node);
      for (const head of pathsTo(forward, node)) {
        for (const tail of tails) {
          if (paths.length >= PATH_CAP) break;
          paths.push({
            nodes: [...head.nodes, ...tail.nodes.slice(0, -1).reverse()],
            relationships: [...head.relationships, ...[...tail.relationships].reverse()],
          });
        }
      }
    }
    return paths.sort(comparePaths).slice(0, limit);
  }

  async neighborhood(
    id: string,
    { depth, limit, types }: { depth: number; limit: number; types?: RelationshipType[] },
  ): Promise<Subgraph> {
    const { graph } = this.state;
    if (!graph.hasNode(id)) return { nodes: [], relationships: [], truncated: false };
    const allowed = types ? new Set<string>(types) : undefined;
    const { included, truncated } = await breadthFirst(id, depth, limit, (frontier, seen) => {
      const next = new Set<string>();
      for (const node of frontier) {
        for (const { neighbour } of this.steps(node, allowed)) if (!seen.has(neighbour)) next.add(neighbour);
      }
      return [...next];
    });
    const relationships = new Map<string, Relationship>();
    for (const node of included) {
      for (const { neighbour, relationship } of this.steps(node, allowed)) {
        if (included.has(neighbour)) relationships.set(relationship.id, relationship);
      }
    }
    return {
      nodes: [...included].map((node) => graph.getNodeAttributes(node)),
      relationships: [...relationships.values()].sort((a, b) => compareIds(a.id, b.id)),
      truncated,
    };
  }

  async themeLinks(countries: readonly string[], themes: readonly string[]): Promise<ThemeLink[]> {
    return pickThemeLinks(countries, themes, (country) => this.state.themeLinks.get(country));
  }

  async stats(): Promise<GraphStats> {
    return this.state.stats;
  }

  async readiness() {
    return this.loaded ? { ready: true } : { ready: false, reason: 'the graph has not been loaded yet' };
  }

  async close(): Promise<void> {}
}
