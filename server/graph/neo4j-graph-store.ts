/**
 * The GraphStore on Neo4j (neo4j-driver). Queries live in cypher/, one file each.
 *
 * A graph is loaded as a new generation: every node, relationship and passage carries `_generation`, and a
 * :Generation record says which one readers see, and which data version it holds. stageGraph loads the new
 * generation in batches (UNWIND … MERGE … SET, so a replayed batch changes nothing); activating it switches the
 * active generation in one transaction, and the old one is deleted only after every read transaction that
 * could still be using it has ended (read transactions have a timeout; the deletion waits longer). Each read call runs in one read
 * transaction on the active generation, so a call sees the old graph or the new one, whole; a process remembers
 * which generation is active for up to a second, so other processes see a new graph up to a second late.
 * A load is owned by the store instance that began it and beats (a heartbeat timestamp on its :Generation) until
 * it is switched to; a load that dies half-way stops beating, and a stageGraph a minute later, in any instance,
 * deletes it. Several instances may reload one graph at once: each loads its own generation, switches are taken
 * one at a time, and the last one wins.
 */
import { randomUUID } from 'node:crypto';
import neo4j, { type Driver, type Integer, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import {
  type GraphNode,
  type KnowledgeGraph,
  type NodeKind,
  type Passage,
  type Relationship,
  type RelationshipType,
  relationshipSpec,
} from '../../ingest/model.js';
import { replaceNow, type StagedVersion } from '../staged-version.js';
import {
  loadQueries,
  loadSchemaStatements,
  type Queries,
  type QueryName,
  withLiveLabel,
  withNodeLabel,
  withRelationshipType,
} from './cypher-queries.js';
import {
  breadthFirst,
  compareIds,
  comparePaths,
  compareThemeLinks,
  type GraphPath,
  type GraphStats,
  type GraphStore,
  indexThemeLinks,
  type NodeListQuery,
  PATH_CAP,
  pickThemeLinks,
  type Readiness,
  type RelationshipQuery,
  type Subgraph,
  type ThemeLink,
} from './graph-store.js';
import {
  fromNeo4j,
  graphDetails,
  nodeFromDocument,
  nodeToProperties,
  relationshipFromDocument,
  relationshipToProperties,
  toPassage,
} from './neo4j-values.js';
import { GraphStoreUnavailable } from './unavailable.js';

/** The longest path cypher/read/shortest-paths.cypher looks for; the API allows maxHops up to 6. */
export const MAX_PATH_HOPS = 6;

export interface Neo4jGraphStoreOptions {
  uri: string;
  user?: string;
  /** No authentication when empty or absent (the development launcher runs without it). */
  password?: string;
  database: string;
  /** Rows per load transaction. */
  batchSize?: number;
  /** Load transactions in flight at once. */
  loadConcurrency?: number;
  /** Several graphs can share one database (tests do); each has its own generations. */
  graph?: string;
  /** Read transactions are cut off after this long; a retired generation is deleted only after it. */
  readTimeoutMs?: number;
  /** How long a call keeps retrying while Neo4j is unreachable before it fails with SERVICE_UNAVAILABLE. */
  retryTimeMs?: number;
  /**
   * False loads no derived caches (_neighbours, _links, _themeLinks) and reads neighbourhoods and theme links by
   * walking the graph: what the benchmark compares the caches against (NEO4J_CACHES=off).
   */
  derivedCaches?: boolean;
  /**
   * A load without a heartbeat for this long (60 s unless given; at least 10 s) is taken as abandoned, its owner
   * gone, and deleted by the next clean-up in any instance.
   */
  staleLoadMs?: number;
}

type Row = Record<string, unknown>;

const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
const unique = (ids: readonly string[]) => [...new Set(ids)];

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** How often a load in progress renews its heartbeat (cypher/generation/heartbeat.cypher). */
const HEARTBEAT_MS = 5_000;

/** The shortest stale limit allowed: a load that misses one heartbeat must not look abandoned. */
const MIN_STALE_LOAD_MS = 2 * HEARTBEAT_MS;

/** How long a process goes on reading the generation it last saw active before it asks again. */
const ACTIVE_GENERATION_KEPT_MS = 1_000;

/** How many neighbour ids, in id order, each node stores for neighborhood() (cypher/load/nodes.cypher). */
export const NEIGHBOUR_LIST_LENGTH = 512;

/** A node with this many neighbours or more is a hub: its stored neighbour list is cut short. */
const isHub = (list: readonly string[] | undefined) => (list?.length ?? 0) >= NEIGHBOUR_LIST_LENGTH;

/**
 * What each node stores for neighborhood(): its first NEIGHBOUR_LIST_LENGTH distinct neighbours (either direction,
 * any type) in id order, and the relationships it owns, as JSON. A relationship is owned by its end with fewer
 * neighbours (the lower id on a tie), unless both ends are hubs; so the relationships among a set of nodes are
 * those its members own, plus those between its hubs.
 */
function adjacency(
  graph: KnowledgeGraph,
  documents: readonly string[],
): Map<string, { neighbours: string[]; links: string[] }> {
  const neighbours = new Map<string, Set<string>>();
  const add = (node: string, neighbour: string) => {
    const set = neighbours.get(node);
    if (set) set.add(neighbour);
    else neighbours.set(node, new Set([neighbour]));
  };
  for (const { from, to } of graph.relationships) {
    add(from, to);
    add(to, from);
  }
  const degree = (id: string) => neighbours.get(id)?.size ?? 0;
  const stored = new Map<string, { neighbours: string[]; links: string[] }>();
  for (const [node, set] of neighbours) {
    stored.set(node, { neighbours: [...set].sort(compareIds).slice(0, NEIGHBOUR_LIST_LENGTH), links: [] });
  }
  graph.relationships.forEach(({ from, to }, index) => {
    const owner = degree(from) < degree(to) || (degree(from) === degree(to) && from <= to) ? from : to;
    if (degree(owner) < NEIGHBOUR_LIST_LENGTH) stored.get(owner)?.links.push(documents[index] as string);
  });
  return stored;
}

/** Whether any relationship type of the model may join a node of kind `one` and one of kind `other`. */
function joinable(one: NodeKind, other: NodeKind): boolean {
  return Object.values(relationshipSpec).some(
    ({ from, to }) =>
      ((from as readonly NodeKind[]).includes(one) && (to as readonly NodeKind[]).includes(other)) ||
      ((from as readonly NodeKind[]).includes(other) && (to as readonly NodeKind[]).includes(one)),
  );
}

/**
 * The pairs of hubs among `nodes` whose kinds a relationship may join: relationships between two hubs are owned by
 * neither (see adjacency), so these are looked up.
 */
function hubPairs(nodes: readonly GraphNode[], lists: ReadonlyMap<string, readonly string[]>): [string, string][] {
  const hubs = nodes.filter((node) => isHub(lists.get(node.id)));
  return hubs.flatMap((one, index) =>
    hubs
      .slice(index + 1)
      .filter((other) => joinable(one.kind, other.kind))
      .map((other): [string, string] => [one.id, other.id]),
  );
}

/** Runs `work` on every item, at most `concurrency` at a time; fails with the first error once all have settled. */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++] as T;
      await work(item).catch((error: unknown) => errors.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}

/** Tries of a write that keeps meeting lock conflicts (deadlocks) before the error is reported. */
const WRITE_ATTEMPTS = 8;

/**
 * Loads of other graphs in the same database (and their schema statements) can deadlock with ours; the
 * driver's own retries stop after a few seconds (kept short so that an outage is reported quickly), so a
 * lock conflict gets a few more tries with a growing, jittered pause.
 */
async function retryLockConflicts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const lockConflict = error instanceof Neo4jError && error.code.startsWith('Neo.TransientError.Transaction.');
      if (!lockConflict || attempt >= WRITE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/** Errors that mean Neo4j cannot be reached right now, rather than a bug in a query. */
function isConnectivityError(error: unknown): error is Neo4jError {
  return (
    error instanceof Neo4jError &&
    // neo4j.isRetriableError is deprecated, and unbound from its class it throws; isRetryableError is not.
    (neo4j.isRetryableError(error) ||
      error.code === neo4j.error.SERVICE_UNAVAILABLE ||
      error.code === neo4j.error.SESSION_EXPIRED)
  );
}

export class Neo4jGraphStore implements GraphStore {
  private schemaApplied: Promise<void> | undefined;
  private cleanupTimer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;
  private readonly loadConcurrency: number;
  private readonly graph: string;
  private readonly readTimeoutMs: number;
  private readonly derivedCaches: boolean;
  private readonly staleLoadMs: number;
  private knownGeneration: { number: number; until: number } | undefined;
  private activations = 0;
  /**
   * Whether this process is loading a graph, from before its generation begins until it is activated or fails:
   * the timed cleanup after a previous load must not run meanwhile, as it would see the new generation as an
   * unfinished load and delete it.
   */
  private loading = false;
  /** The timed cleanup in progress, which a new load waits for: it may have listed generations before the load began. */
  private timedCleanup: Promise<void> = Promise.resolve();
  /**
   * Who owns the loads of this instance, recorded on each with its heartbeat: other instances on the same
   * database leave a load alone while its heartbeat is fresh.
   */
  readonly owner = randomUUID();

  private constructor(
    private readonly driver: Driver,
    private readonly queries: Queries,
    private readonly options: Neo4jGraphStoreOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.loadConcurrency = options.loadConcurrency ?? 2;
    this.graph = options.graph ?? 'default';
    this.readTimeoutMs = options.readTimeoutMs ?? 15_000;
    this.derivedCaches = options.derivedCaches ?? true;
    this.staleLoadMs = options.staleLoadMs ?? 60_000;
  }

  /** Does not connect: Neo4j may come up later, and every call reports whether it is reachable. */
  static async open(options: Neo4jGraphStoreOptions): Promise<Neo4jGraphStore> {
    for (const option of ['batchSize', 'loadConcurrency'] as const) {
      const value = options[option] ?? 1;
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${option} must be a positive integer, got ${options[option]}`);
      }
    }
    if (options.staleLoadMs !== undefined && !(options.staleLoadMs >= MIN_STALE_LOAD_MS)) {
      throw new RangeError(`staleLoadMs must be at least ${MIN_STALE_LOAD_MS}, got ${options.staleLoadMs}`);
    }
    const auth = options.password ? neo4j.auth.basic(options.user ?? 'neo4j', options.password) : undefined;
    const driver = neo4j.driver(options.uri, auth, {
      maxTransactionRetryTime: options.retryTimeMs ?? 3_000,
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout: 10_000,
      userAgent: 'cyberpolicy-graph',
    });
    return new Neo4jGraphStore(driver, await loadQueries(), options);
  }

  private describeUnavailable(error: Neo4jError): string {
    return `Neo4j at ${this.options.uri} (database ${this.options.database}) is unavailable: ${error.message}`;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isConnectivityError(error)) {
        throw new GraphStoreUnavailable(`The graph database is unavailable (Neo4j: ${error.code}); try again shortly.`);
      }
      throw error;
    }
  }

  private async run(tx: ManagedTransaction, query: string, parameters: Row): Promise<Row[]> {
    const result = await tx.run(query, parameters);
    return result.records.map((record) => record.toObject());
  }

  /**
   * The generation readers see. Remembered for ACTIVE_GENERATION_KEPT_MS, which saves a query per read: a
   * generation another process retires meanwhile stays whole until every read that may still start on it has ended.
   */
  private async activeGeneration(tx: ManagedTransaction): Promise<number | undefined> {
    if (this.knownGeneration && performance.now() < this.knownGeneration.until) return this.knownGeneration.number;
    const activations = this.activations;
    const [row] = await this.run(tx, this.queries['generation/active'], { graph: this.graph });
    if (!row) return undefined;
    const number = fromNeo4j(row.generation) as number;
    // A read that began before this process activated a generation must not bring the old one back.
    if (activations === this.activations) this.rememberGeneration(number);
    return number;
  }

  private rememberGeneration(number: number): void {
    this.knownGeneration = { number, until: performance.now() + ACTIVE_GENERATION_KEPT_MS };
  }

  /** One read transaction that sees one generation; `work` gets none when no graph has been loaded. */
  private read<T>(empty: T, work: (tx: ManagedTransaction, generation: Integer) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead(
          async (tx) => {
            const generation = await this.activeGeneration(tx);
            return generation === undefined ? empty : work(tx, neo4j.int(generation));
          },
          { timeout: this.readTimeoutMs },
        );
      } finally {
        await session.close();
      }
    });
  }

  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return retryLockConflicts(async () => {
      const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        return await session.executeWrite(work);
      } finally {
        await session.close();
      }
    });
  }

  private async writeQuery(name: QueryName, parameters: Row): Promise<Row[]> {
    return this.write((tx) => this.run(tx, this.queries[name], parameters));
  }

  /** Applies cypher/schema.cypher once per process (every statement is IF NOT EXISTS). */
  private ensureSchema(): Promise<void> {
    this.schemaApplied ??= (async () => {
      const session = this.driver.session({ database: this.options.database });
      try {
        for (const statement of await loadSchemaStatements()) {
          // Another process applying the same IF NOT EXISTS statement at the same moment may win the race.
          await retryLockConflicts(() => session.run(statement)).catch((error: unknown) => {
            if (!(error instanceof Neo4jError && /AlreadyExists$/.test(error.code))) throw error;
          });
        }
      } finally {
        await session.close();
      }
    })().catch((error: unknown) => {
      this.schemaApplied = undefined;
      throw error;
    });
    return this.schemaApplied;
  }

  replaceGraph(graph: KnowledgeGraph, dataVersion?: string): Promise<void> {
    return replaceNow(this.stageGraph(graph, dataVersion));
  }

  /**
   * Loads a new generation beside the active one. Until it is activated or discarded this process is `loading`,
   * which keeps the timed cleanup after a previous load (scheduleCleanup) away from it, and the load beats, so
   * that other instances do not take it for abandoned while it waits for the switch.
   */
  async stageGraph(graph: KnowledgeGraph, dataVersion?: string): Promise<StagedVersion> {
    this.loading = true;
    let stopBeating = () => {};
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      stopBeating();
      this.loading = false;
    };
    let generation: Integer;
    try {
      generation = await this.guard(async () => {
        await this.timedCleanup;
        await this.ensureSchema();
        const [begun] = await this.writeQuery('generation/begin', {
          graph: this.graph,
          owner: this.owner,
          dataVersion: dataVersion ?? null,
        });
        const begunGeneration = neo4j.int(fromNeo4j(begun?.generation) as number);
        stopBeating = this.beatWhileLoading(begunGeneration);
        await this.disposeGenerations(begunGeneration);
        await this.load(begunGeneration, graph);
        return begunGeneration;
      });
    } catch (error) {
      release();
      throw error;
    }
    return {
      activate: () =>
        this.guard(async () => {
          try {
            const activated = await this.write((tx) =>
              this.run(tx, withLiveLabel(this.queries['generation/activate'], this.graph), {
                graph: this.graph,
                generation,
              }),
            );
            if (activated.length === 0)
              throw new Error(
                `Generation ${generation} of graph ${this.graph} vanished while loading: its heartbeat stopped for ` +
                  `${this.staleLoadMs / 1000} s (was Neo4j unreachable?) and another instance deleted it; reload again`,
              );
          } finally {
            release();
          }
          this.activations++;
          this.rememberGeneration(generation.toNumber());
          this.scheduleCleanup();
        }),
      discard: async () => {
        // It stops beating, so a later load or timed clean-up deletes it once it looks abandoned (staleLoadMs).
        release();
        await this.guard(() => this.disposeGenerations(null));
      },
    };
  }

  async dataVersion(): Promise<string | undefined> {
    return this.guard(async () => {
      const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
      try {
        const result = await session.executeRead((tx) =>
          this.run(tx, this.queries['generation/active'], { graph: this.graph }),
        );
        return (result[0]?.dataVersion as string | null | undefined) ?? undefined;
      } finally {
        await session.close();
      }
    });
  }

  /**
   * Nodes and passages first, then relationships (which need both ends) with the approaches, versions and
   * passage links, then the provisions' versions (which need the versions). Within each stage the batches run
   * `loadConcurrency` at a time: Neo4j runs each transaction on one thread, so a second one uses the other
   * core. Concurrent relationship batches can deadlock on shared nodes; Neo4j then aborts one, which
   * `write` retries.
   */
  private async load(generation: Integer, graph: KnowledgeGraph): Promise<void> {
    type Batch = { query: string; rows: Row[] };
    const batchesOf = (query: string, rows: Row[]): Batch[] =>
      batches(rows, this.batchSize).map((batch) => ({ query, rows: batch }));
    const runBatch = ({ query, rows }: Batch) => this.write((tx) => this.run(tx, query, { generation, rows }));

    const documents = graph.relationships.map((relationship) => JSON.stringify(relationship));
    const stored = this.derivedCaches ? adjacency(graph, documents) : undefined;
    const themeLinks = this.derivedCaches ? indexThemeLinks(graph) : undefined;
    // The node loads report each node's element id, by which the relationship loads find their ends: cheaper than
    // looking each end up in the id index again.
    const elementIds = new Map<string, string>();
    const nodeBatches = [...groupBy(graph.nodes, (node) => node.kind)].flatMap(([kind, nodes]) =>
      batchesOf(
        withNodeLabel(this.queries['load/nodes'], kind),
        nodes.map((node) => ({
          ...nodeToProperties(node),
          ...(stored
            ? { _neighbours: stored.get(node.id)?.neighbours ?? [], _links: stored.get(node.id)?.links ?? [] }
            : {}),
          ...(themeLinks && node.kind === 'Country'
            ? { _themeLinks: JSON.stringify(Object.fromEntries(themeLinks.get(node.id) ?? [])) }
            : {}),
        })),
      ),
    );
    await inParallel(
      [...nodeBatches, ...batchesOf(this.queries['load/passages'], graph.passages as unknown as Row[])],
      this.loadConcurrency,
      async (batch) => {
        for (const { id, elementId } of await runBatch(batch)) elementIds.set(id as string, elementId as string);
      },
    );

    const rows = graph.relationships.map((relationship, index) => ({
      type: relationship.type,
      row: {
        source: elementIds.get(relationship.from),
        target: elementIds.get(relationship.to),
        properties: relationshipToProperties(relationship, documents[index] as string),
      },
    }));
    const relationshipBatches = [...groupBy(rows, ({ type }) => type)].flatMap(([type, typed]) =>
      batchesOf(
        withRelationshipType(this.queries['load/relationships'], type),
        typed.map(({ row }) => row),
      ),
    );
    const details = graphDetails(graph);
    await inParallel(
      [
        ...relationshipBatches,
        ...batchesOf(this.queries['load/details/approaches'], details.approaches),
        ...batchesOf(this.queries['load/details/versions'], details.versions),
        ...batchesOf(this.queries['load/details/passage-links'], details.passageLinks),
      ],
      this.loadConcurrency,
      runBatch,
    );
    await inParallel(
      batchesOf(this.queries['load/details/provision-versions'], details.provisionVersions),
      this.loadConcurrency,
      runBatch,
    );
  }

  /**
   * How long a retired generation is kept: a process may start reading it until it notices the switch
   * (ACTIVE_GENERATION_KEPT_MS), and a read lasts at most readTimeoutMs.
   */
  private get retiredGraceMs(): number {
    return ACTIVE_GENERATION_KEPT_MS + this.readTimeoutMs;
  }

  /** Renews the heartbeat of our load of `generation` every HEARTBEAT_MS until the function returned is called. */
  private beatWhileLoading(generation: Integer): () => void {
    const timer = setInterval(() => {
      // A missed beat is harmless: only staleLoadMs without one makes the load look abandoned.
      this.writeQuery('generation/heartbeat', { generation, owner: this.owner }).catch(() => {});
    }, HEARTBEAT_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Deletes abandoned loads (no heartbeat for staleLoadMs) other than `loading`, and generations retired longer
   * ago than any read can last.
   */
  private async disposeGenerations(loading: Integer | null): Promise<void> {
    const disposable = await this.writeQuery('generation/disposable', {
      graph: this.graph,
      loading,
      staleMs: neo4j.int(this.staleLoadMs),
      graceMs: neo4j.int(this.retiredGraceMs),
    });
    for (const { generation } of disposable) {
      for (const query of ['generation/delete-entities', 'generation/delete-details'] as const) {
        for (;;) {
          const [row] = await this.writeQuery(query, { generation, batchSize: neo4j.int(this.batchSize) });
          if (fromNeo4j(row?.deleted) === 0) break;
        }
      }
      await this.writeQuery('generation/forget', { generation });
    }
  }

  private scheduleCleanup(): void {
    clearTimeout(this.cleanupTimer);
    this.cleanupTimer = setTimeout(() => {
      // A failure here costs only disk space until the next replaceGraph, which disposes of it again.
      // A load under way disposes of them itself.
      if (this.loading) return;
      this.timedCleanup = this.disposeGenerations(null).catch(() => {});
    }, this.retiredGraceMs + 1_000);
    this.cleanupTimer.unref();
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | undefined)[]> {
    const found = await this.read(new Map<string, GraphNode>(), async (tx, generation) => {
      const rows = await this.run(tx, this.queries['read/get-nodes'], {
        generation,
        ids: unique(ids),
        withNeighbours: false,
      });
      return new Map(rows.map((row) => [row.id as string, nodeFromDocument(row.node as string)]));
    });
    return ids.map((id) => found.get(id));
  }

  async listNodes({ kind, offset, limit }: NodeListQuery): Promise<{ nodes: GraphNode[]; total: number }> {
    return this.read({ nodes: [], total: 0 }, async (tx, generation) => {
      const [counted] = await this.run(tx, this.queries['read/count-nodes'], { generation, kind });
      const rows = await this.run(tx, this.queries['read/list-nodes'], {
        generation,
        kind,
        offset: neo4j.int(offset),
        limit: neo4j.int(limit),
      });
      return {
        nodes: rows.map((row) => nodeFromDocument(row.node as string)),
        total: fromNeo4j(counted?.total) as number,
      };
    });
  }

  async relationshipsOf(ids: readonly string[], { direction, types }: RelationshipQuery): Promise<Relationship[][]> {
    const byOwner = await this.read(new Map<string, Relationship[]>(), async (tx, generation) => {
      const query = this.queries[direction === 'out' ? 'read/relationships-out' : 'read/relationships-in'];
      const rows = await this.run(tx, query, { generation, ids: unique(ids), types: types ?? null });
      const grouped = groupBy(rows, (row) => row.owner as string);
      return new Map(
        [...grouped].map(([owner, group]) => [
          owner,
          group.map((row) => relationshipFromDocument(row.relationship as string)).sort(byId),
        ]),
      );
    });
    return ids.map((id) => byOwner.get(id) ?? []);
  }

  async passagesOf(provisionIds: readonly string[]): Promise<Passage[][]> {
    const byProvision = await this.read(new Map<string, Passage[]>(), async (tx, generation) => {
      const rows = await this.run(tx, this.queries['read/passages-of'], {
        generation,
        provisions: unique(provisionIds),
      });
      const grouped = groupBy(rows, (row) => row.provision as string);
      return new Map(
        [...grouped].map(([provision, group]) => [provision, group.map((row) => toPassage(row.passage as Row))]),
      );
    });
    return provisionIds.map((id) => byProvision.get(id) ?? []);
  }

  async shortestPaths(
    from: string,
    to: string,
    { maxHops, types, limit }: { maxHops: number; types: RelationshipType[]; limit: number },
  ): Promise<GraphPath[]> {
    if (maxHops > MAX_PATH_HOPS) throw new RangeError(`maxHops must be at most ${MAX_PATH_HOPS}, got ${maxHops}`);
    return this.read([], async (tx, generation) => {
      const found = await this.run(tx, this.queries['read/get-nodes'], {
        generation,
        ids: unique([from, to]),
        withNeighbours: false,
      });
      if (found.length < unique([from, to]).length) return [];
      if (from === to) return [{ nodes: [from], relationships: [] }];
      if (maxHops < 1 || limit < 1) return [];
      const rows = await this.run(tx, this.queries['read/shortest-paths'], {
        generation,
        from,
        to,
        types,
        maxHops: neo4j.int(maxHops),
        pathCap: neo4j.int(PATH_CAP),
      });
      const paths = rows.map((row) => ({
        nodes: row.nodes as string[],
        relationships: (row.relationships as string[]).map(relationshipFromDocument),
      }));
      return paths.sort(comparePaths).slice(0, limit);
    });
  }

  async neighborhood(
    id: string,
    { depth, limit, types }: { depth: number; limit: number; types?: RelationshipType[] },
  ): Promise<Subgraph> {
    const none: Subgraph = { nodes: [], relationships: [], truncated: false };
    // A level's first (room + 1) new nodes are among each frontier node's first (limit + 1) neighbours, because
    // at most `limit` of those are already included; so the stored lists suffice below their length.
    const fromLists = this.derivedCaches && types === undefined && limit < NEIGHBOUR_LIST_LENGTH;
    return this.read(none, (tx, generation) =>
      fromLists
        ? this.neighborhoodFromLists(tx, generation, id, depth, limit)
        : this.neighborhoodByWalking(tx, generation, id, depth, limit, types),
    );
  }

  /** Reads each node's stored neighbour list: a hub costs one list, not thousands of relationships. */
  private async neighborhoodFromLists(
    tx: ManagedTransaction,
    generation: Integer,
    id: string,
    depth: number,
    limit: number,
  ): Promise<Subgraph> {
    const nodes = new Map<string, GraphNode>();
    const lists = new Map<string, string[]>();
    const links = new Map<string, string[]>();
    const keep = (rows: Row[]) => {
      for (const row of rows) {
        nodes.set(row.id as string, nodeFromDocument(row.node as string));
        lists.set(row.id as string, (row.neighbours as string[] | null) ?? []);
        links.set(row.id as string, (row.links as string[] | null) ?? []);
      }
    };
    const fetch = async (ids: string[]) => {
      const missing = ids.filter((nodeId) => !nodes.has(nodeId));
      if (missing.length > 0) {
        keep(await this.run(tx, this.queries['read/get-nodes'], { generation, ids: missing, withNeighbours: true }));
      }
    };
    // The first level's candidates are the start's first `limit` neighbours: read them with the start.
    keep(
      await this.run(tx, this.queries['read/neighbourhood-start'], {
        generation,
        id,
        prefetch: neo4j.int(depth > 0 ? limit : 0),
      }),
    );
    if (!nodes.has(id)) return { nodes: [], relationships: [], truncated: false };
    const { included, truncated } = await breadthFirst(id, depth, limit, async (frontier, seen) => {
      await fetch(frontier);
      return [...new Set(frontier.flatMap((node) => lists.get(node) ?? []))].filter((node) => !seen.has(node));
    });
    const ids = [...included];
    await fetch(ids);
    const owned = ids
      .flatMap((nodeId) => links.get(nodeId) ?? [])
      .map(relationshipFromDocument)
      .filter(({ from, to }) => included.has(from) && included.has(to));
    const kept = ids.flatMap((nodeId) => nodes.get(nodeId) ?? []);
    const pairs = hubPairs(kept, lists);
    const betweenHubs =
      pairs.length === 0 ? [] : await this.run(tx, this.queries['read/relationships-between'], { generation, pairs });
    const relationships = [...owned, ...betweenHubs.map((row) => relationshipFromDocument(row.relationship as string))];
    return {
      nodes: kept,
      relationships: [...new Map(relationships.map((rel) => [rel.id, rel])).values()].sort(byId),
      truncated,
    };
  }

  /** Walks the relationships of the given types level by level. */
  private async neighborhoodByWalking(
    tx: ManagedTransaction,
    generation: Integer,
    id: string,
    depth: number,
    limit: number,
    types: RelationshipType[] | undefined,
  ): Promise<Subgraph> {
    const parameters = { generation, types: types ?? null, withNeighbours: false };
    const [start] = await this.run(tx, this.queries['read/get-nodes'], { ...parameters, ids: [id] });
    if (!start) return { nodes: [], relationships: [], truncated: false };
    const { included, truncated } = await breadthFirst(id, depth, limit, async (frontier, seen) => {
      // One more than there is room for tells whether the limit cuts this level short.
      const rows = await this.run(tx, this.queries['read/neighbours'], {
        ...parameters,
        ids: frontier,
        exclude: [...seen],
        limit: neo4j.int(Math.max(0, limit - seen.size) + 1),
      });
      return rows.map((row) => row.neighbour as string);
    });
    const ids = [...included];
    const nodeRows = await this.run(tx, this.queries['read/get-nodes'], { ...parameters, ids });
    const nodes = new Map(nodeRows.map((row) => [row.id as string, nodeFromDocument(row.node as string)]));
    const relationshipRows = await this.run(tx, this.queries['read/relationships-among'], { ...parameters, ids });
    return {
      nodes: ids.flatMap((nodeId) => nodes.get(nodeId) ?? []),
      relationships: relationshipRows.map((row) => relationshipFromDocument(row.relationship as string)).sort(byId),
      truncated,
    };
  }

  async themeLinks(countries: readonly string[], themes: readonly string[]): Promise<ThemeLink[]> {
    if (!this.derivedCaches) return this.themeLinksByWalking(countries, themes);
    const byCountry = await this.read(new Map<string, Map<string, ThemeLink[]>>(), async (tx, generation) => {
      const rows = await this.run(tx, this.queries['read/theme-links'], { generation, countries: unique(countries) });
      return new Map(
        rows.map((row) => [
          row.country as string,
          new Map(Object.entries(JSON.parse((row.links as string | null) ?? '{}') as Record<string, ThemeLink[]>)),
        ]),
      );
    });
    return pickThemeLinks(countries, themes, (country) => byCountry.get(country));
  }

  private async themeLinksByWalking(countries: readonly string[], themes: readonly string[]): Promise<ThemeLink[]> {
    const links = await this.read([] as ThemeLink[], async (tx, generation) => {
      const rows = await this.run(tx, this.queries['read/theme-links-walked'], {
        generation,
        countries: unique(countries),
        themes: unique(themes),
      });
      return rows.map(
        ({ country, theme, instrument, provision, date }): ThemeLink => ({
          country: country as string,
          theme: theme as string,
          instrument: instrument as string,
          ...(provision ? { provision: provision as string } : {}),
          ...(date ? { date: date as string } : {}),
        }),
      );
    });
    return links.sort(compareThemeLinks);
  }

  async stats(): Promise<GraphStats> {
    return this.read({ nodes: {}, relationships: {}, passages: 0 }, async (tx, generation) => {
      const count = (rows: Row[], key: string) =>
        Object.fromEntries(rows.map((row) => [row[key] as string, fromNeo4j(row.count) as number]));
      const nodes = await this.run(tx, this.queries['read/stats-nodes'], { generation });
      const relationships = await this.run(tx, this.queries['read/stats-relationships'], { generation });
      const [passages] = await this.run(tx, this.queries['read/stats-passages'], { generation });
      return {
        nodes: count(nodes, 'kind'),
        relationships: count(relationships, 'type'),
        passages: fromNeo4j(passages?.count) as number,
      };
    });
  }

  /** Asks Neo4j once, without the driver's retries, so that /readyz answers promptly during an outage. */
  async readiness(): Promise<Readiness> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(this.queries['generation/active'], { graph: this.graph });
      return result.records.length > 0
        ? { ready: true }
        : { ready: false, reason: 'the graph has not been loaded into Neo4j yet' };
    } catch (error) {
      if (isConnectivityError(error)) return { ready: false, reason: this.describeUnavailable(error) };
      return { ready: false, reason: `Neo4j at ${this.options.uri} cannot be queried: ${(error as Error).message}` };
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.cleanupTimer);
    await this.driver.close();
  }
}
