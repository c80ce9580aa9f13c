/**
 * Opening the stores and keeping them in step with the corpus: ingest at start-up when DATA_DIR is missing,
 * older than the corpus, or when the two stores do not hold the same data version, and on reingest. A reingest
 * stages the new search index and the new graph beside the served ones, only once a whole, valid graph exists,
 * and switches both at once between requests (version-gate.ts), so a failed ingest leaves the previous data
 * served and no response mixes two versions. A reingest runs as a job in the background, which the API answers
 * with at once and which can be polled.
 */
import { createHash, randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IngestFailed, type IngestIssue } from '../ingest/issues.js';
import type { KnowledgeGraph, NodeOf } from '../ingest/model.js';
import { ingestCorpus } from '../ingest/pipeline.js';
import { writeJsonFile } from '../ingest/write.js';
import type { Config } from './config.js';
import { ThemeTree } from './domain/themes.js';
import { compareIds, type GraphStore } from './graph/graph-store.js';
import { openGraphStore } from './graph/open.js';
import { isGraphStoreUnavailable } from './graph/unavailable.js';
import type { Catalog } from './graphql/context.js';
import { searchDocuments } from './search/documents.js';
import { openSearchIndex } from './search/open.js';
import type { IndexingProgress, SearchIndex } from './search/search-index.js';
import type { StagedVersion } from './staged-version.js';
import { VersionGate } from './version-gate.js';

/** Back-off between attempts to load the data while the graph store is unreachable. */
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 10_000;
/** Finished reingest jobs kept for polling; older ones are forgotten. */
const JOBS_KEPT = 20;

export interface Stores {
  graph: GraphStore;
  search: SearchIndex;
}

export async function openStores(config: Config): Promise<Stores> {
  await mkdir(config.DATA_DIR, { recursive: true });
  return { graph: await openGraphStore(config), search: await openSearchIndex(config) };
}

/** What the stores were last loaded from: the corpus fingerprint, the backends, and the data version. */
interface Manifest {
  corpus: string;
  backends: string;
  dataVersion?: string;
  loadedAt: string;
}

/** What a request reads from: the data version both stores hold, and the catalog of that version. */
export interface DataSnapshot {
  /** Undefined until data is loaded. */
  dataVersion: string | undefined;
  catalog: Catalog;
}

/**
 * A checksum of a graph, the data version each store records with its data: two stores hold the same data when
 * they record the same version.
 */
export function dataVersionOf(graph: KnowledgeGraph): string {
  const hash = createHash('sha256');
  for (const list of [graph.nodes, graph.relationships, graph.passages]) {
    for (const item of list) hash.update(JSON.stringify(item));
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 16);
}

async function corpusFingerprint(root: string): Promise<string> {
  const entries: string[] = [];
  const visit = async (folder: string) => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else {
        // The link itself, not its target: a link to itself or to nothing is the ingest's to report, by name.
        const info = await lstat(path);
        entries.push(`${path}:${info.size}:${Math.floor(info.mtimeMs)}`);
      }
    }
  };
  await visit(root);
  const { createHash } = await import('node:crypto');
  return createHash('sha1').update(entries.join('\n')).digest('hex');
}

const backendsOf = (config: Config) =>
  `${config.GRAPH_BACKEND}:${config.NEO4J_URI ?? ''}|${config.SEARCH_BACKEND}:${config.MEILI_URL ?? ''}`;

async function readManifest(path: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The catalog of a graph (as readCatalog reads it back from a store). */
function catalogOf(graph: KnowledgeGraph): Catalog {
  const byId = <T extends { id: string }>(nodes: T[]) => nodes.sort((a, b) => compareIds(a.id, b.id));
  const themes = byId(graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme'));
  const countries = byId(graph.nodes.filter((node) => node.kind === 'Country'));
  return { tree: new ThemeTree(themes), countries: countries.map((country) => country.id) };
}

export async function readCatalog(graph: GraphStore): Promise<Catalog> {
  const all = Number.MAX_SAFE_INTEGER;
  const [{ nodes: themes }, { nodes: countries }] = await Promise.all([
    graph.listNodes({ kind: 'Theme', offset: 0, limit: all }),
    graph.listNodes({ kind: 'Country', offset: 0, limit: all }),
  ]);
  return { tree: new ThemeTree(themes as NodeOf<'Theme'>[]), countries: countries.map((country) => country.id) };
}

export interface ReingestOutcome {
  ok: boolean;
  documents: number;
  nodes: number;
  relationships: number;
  errors: Required<Pick<IngestIssue, 'file' | 'message'>>[] & Partial<IngestIssue>[];
}

/** A reingest as the API reports it: where it is, and once finished, what came of it. */
export interface ReingestJob {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  stage: 'READING_CORPUS' | 'INDEXING_SEARCH' | 'LOADING_GRAPH' | 'FINISHED';
  startedAt: string;
  finishedAt?: string;
  /** Null while running. */
  ok: boolean | null;
  documents: number;
  searchDocuments: number;
  /** Search documents the index has accepted so far (uploaded, for Meilisearch). */
  searchDocumentsSent: number;
  /** Search documents indexed so far; all of them once the stage is LOADING_GRAPH. */
  searchDocumentsIndexed: number;
  nodes: number;
  relationships: number;
  errors: ReingestOutcome['errors'];
  /** Why the stores could not take the new data, when that (and not the corpus) is why it failed. */
  failure?: string;
}

export class DataManager {
  private running: { job: ReingestJob; outcome: Promise<ReingestOutcome> } | undefined;
  private readonly jobs = new Map<string, ReingestJob>();
  private readonly gate = new VersionGate<DataSnapshot>({
    dataVersion: undefined,
    catalog: { tree: new ThemeTree([]), countries: [] },
  });

  constructor(
    private readonly config: Config,
    readonly stores: Stores,
    private readonly log: (message: string) => void = (message) => console.log(message),
  ) {}

  /** The data new requests read; a request should hold() it instead, to keep one version to its end. */
  get snapshot(): DataSnapshot {
    return this.gate.version;
  }

  /** Holds the current data version for one request: a reingest switches only once it is released. */
  hold(): Promise<{ version: DataSnapshot; release: () => void }> {
    return this.gate.hold();
  }

  private get manifestPath() {
    return join(this.config.DATA_DIR, 'manifest.json');
  }

  /**
   * Makes the stores current (see prepareNow). When the graph store cannot be reached, e.g. Neo4j is down, the
   * server starts anyway: /readyz says why, queries get SERVICE_UNAVAILABLE, and loading is retried in the
   * background with back-off until it succeeds.
   */
  async prepare(): Promise<void> {
    try {
      await this.prepareNow();
    } catch (error) {
      if (!isGraphStoreUnavailable(error)) throw error;
      this.log(`${error.message} Serving without data; retrying in the background.`);
      this.retryPrepare(FIRST_RETRY_MS);
    }
  }

  private retryPrepare(delayMs: number): void {
    const timer = setTimeout(() => {
      this.prepareNow().then(
        () => this.log('The graph store is reachable again and the data is loaded.'),
        (error: Error) => {
          if (isGraphStoreUnavailable(error)) this.retryPrepare(Math.min(delayMs * 2, LAST_RETRY_MS));
          else this.log(`Loading the data failed, not retrying: ${error.message}`);
        },
      );
    }, delayMs);
    // Retrying must not keep a process alive that is otherwise done, e.g. after SIGTERM.
    timer.unref();
  }

  /**
   * Ingests the corpus when the stores hold nothing, something older or from other backends, or not the same data
   * version (a reingest that died between the two switches, say): then only the store that differs is reloaded.
   */
  private async prepareNow(): Promise<void> {
    const manifest = await readManifest(this.manifestPath);
    const fingerprint = await corpusFingerprint(this.config.CORPUS_DIR);
    const [graphVersion, searchVersion] = await Promise.all([
      this.stores.graph.dataVersion(),
      this.stores.search.dataVersion(),
    ]);
    const corpusCurrent = manifest?.corpus === fingerprint && manifest.backends === backendsOf(this.config);
    const version = manifest?.dataVersion;
    if (corpusCurrent && version !== undefined && graphVersion === version && searchVersion === version) {
      this.log(
        `Data in ${this.config.DATA_DIR} is up to date with ${this.config.CORPUS_DIR} (data version ${version} in both stores, loaded ${manifest.loadedAt}).`,
      );
      const catalog = await readCatalog(this.stores.graph);
      await this.gate.switchTo(async () => ({ dataVersion: version, catalog }));
      return;
    }
    const why = !manifest
      ? 'first start'
      : !corpusCurrent
        ? 'the corpus changed'
        : `the stores do not hold data version ${version ?? '(none recorded)'}: the graph holds ${graphVersion ?? 'none'}, the search index ${searchVersion ?? 'none'}`;
    this.log(`Ingesting ${this.config.CORPUS_DIR} into ${this.config.DATA_DIR} (${why})…`);
    const outcome = await this.reingest({ reloadAll: false });
    if (!outcome.ok) throw new IngestFailed(outcome.errors.map((error) => ({ severity: 'error', ...error })));
  }

  /** Waits for a reingest: the running one, or a new one. Rejects when a store could not take the data. */
  reingest(options: ReingestOptions = {}): Promise<ReingestOutcome> {
    this.startReingest(options);
    return (this.running as { outcome: Promise<ReingestOutcome> }).outcome;
  }

  /** Starts a reingest in the background, or while one runs, hands back that one; answers at once either way. */
  startReingest({ reloadAll = true }: ReingestOptions = {}): ReingestJob {
    if (this.running) return { ...this.running.job };
    const job: ReingestJob = {
      id: randomUUID(),
      status: 'RUNNING',
      stage: 'READING_CORPUS',
      startedAt: new Date().toISOString(),
      ok: null,
      documents: 0,
      searchDocuments: 0,
      searchDocumentsSent: 0,
      searchDocumentsIndexed: 0,
      nodes: 0,
      relationships: 0,
      errors: [],
    };
    this.jobs.set(job.id, job);
    for (const id of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - JOBS_KEPT))) this.jobs.delete(id);
    const outcome = this.runReingest(job, reloadAll).then(
      (result) => this.finish(job, result),
      (error: Error) => {
        this.finish(
          job,
          { ok: false, documents: job.documents, nodes: 0, relationships: 0, errors: [] },
          error.message,
        );
        this.log(`Reingest ${job.id} failed; the previous data stays served: ${error.message}`);
        throw error;
      },
    );
    // The job records a failure; only callers of reingest() are owed the rejection.
    outcome.catch(() => {});
    this.running = { job, outcome };
    return { ...job };
  }

  /** A job started in this process, while it runs and for the next JOBS_KEPT jobs after. */
  reingestJob(id: string): ReingestJob | undefined {
    const job = this.jobs.get(id);
    return job && { ...job };
  }

  private finish(job: ReingestJob, outcome: ReingestOutcome, failure?: string): ReingestOutcome {
    Object.assign(job, {
      status: outcome.ok ? 'SUCCEEDED' : 'FAILED',
      stage: 'FINISHED',
      finishedAt: new Date().toISOString(),
      ok: outcome.ok,
      documents: outcome.documents,
      nodes: outcome.nodes,
      relationships: outcome.relationships,
      errors: outcome.errors,
      ...(failure ? { failure } : {}),
    } satisfies Partial<ReingestJob>);
    this.running = undefined;
    return outcome;
  }

  private async runReingest(job: ReingestJob, reloadAll: boolean): Promise<ReingestOutcome> {
    const started = Date.now();
    const fingerprint = await corpusFingerprint(this.config.CORPUS_DIR);
    try {
      const { graph, report } = await ingestCorpus([this.config.CORPUS_DIR]);
      const ingested = Date.now();
      Object.assign(job, {
        documents: report.documents,
        nodes: graph.nodes.length,
        relationships: graph.relationships.length,
      });
      const dataVersion = dataVersionOf(graph);
      const catalog = catalogOf(graph);
      const { searchMs, graphMs, switchMs } = await this.stageAndSwitch(graph, dataVersion, catalog, reloadAll, job);
      await writeJsonFile(this.manifestPath, {
        corpus: fingerprint,
        backends: backendsOf(this.config),
        dataVersion,
        loadedAt: new Date().toISOString(),
      } satisfies Manifest);
      this.log(
        `Loaded ${report.documents} documents: ${graph.nodes.length} nodes, ${graph.relationships.length} relationships, ${graph.passages.length} passages as data version ${dataVersion} in ${Date.now() - started} ms (ingest ${ingested - started} ms, search index ${searchMs} ms, graph store ${graphMs} ms, switch ${switchMs} ms).`,
      );
      return {
        ok: true,
        documents: report.documents,
        nodes: graph.nodes.length,
        relationships: graph.relationships.length,
        errors: [],
      };
    } catch (error) {
      if (!(error instanceof IngestFailed)) throw error;
      const errors = error.issues.filter((issue) => issue.severity === 'error');
      this.log(`Ingest failed with ${errors.length} error(s); the previous data stays served.`);
      return { ok: false, documents: 0, nodes: 0, relationships: 0, errors };
    }
  }

  /**
   * Stages the new search index, then the new graph, beside the served ones (only the stores that do not hold
   * `dataVersion` already, unless `reloadAll`), and switches both at once between requests. A failure before the
   * switch discards what was staged; the previous data stays served.
   */
  private async stageAndSwitch(
    graph: KnowledgeGraph,
    dataVersion: string,
    catalog: Catalog,
    reloadAll: boolean,
    job: ReingestJob,
  ): Promise<{ searchMs: number; graphMs: number; switchMs: number }> {
    const { search, graph: graphStore } = this.stores;
    const [searchHolds, graphHolds] = reloadAll
      ? [false, false]
      : await Promise.all([search.dataVersion(), graphStore.dataVersion()]).then((held) =>
          held.map((version) => version === dataVersion),
        );
    const staged: StagedVersion[] = [];
    let activated = false;
    const started = Date.now();
    try {
      if (!searchHolds) {
        const documents = searchDocuments(graph, catalog.tree);
        Object.assign(job, { stage: 'INDEXING_SEARCH', searchDocuments: documents.length });
        const progress = ({ sent, indexed }: IndexingProgress) =>
          Object.assign(job, { searchDocumentsSent: sent, searchDocumentsIndexed: indexed });
        staged.push(await search.stageAll(documents, { dataVersion, progress }));
        progress({ sent: documents.length, indexed: documents.length });
      }
      const searched = Date.now();
      if (!graphHolds) {
        Object.assign(job, { stage: 'LOADING_GRAPH' });
        staged.push(await graphStore.stageGraph(graph, dataVersion));
      }
      const loaded = Date.now();
      await this.gate.switchTo(async () => {
        while (staged.length > 0) {
          const store = staged[0] as StagedVersion;
          // Once one store has switched, giving up on the other would leave them mixed: requests wait instead.
          await (activated ? retried(() => store.activate()) : store.activate());
          activated = true;
          staged.shift();
        }
        return { dataVersion, catalog };
      });
      return { searchMs: searched - started, graphMs: loaded - searched, switchMs: Date.now() - loaded };
    } catch (error) {
      await Promise.all(staged.map((store) => store.discard().catch(() => {})));
      if (activated) this.log(`The stores hold different data versions after a failed switch: ${String(error)}`);
      throw error;
    }
  }
}

/** Tries of the second store's switch, with a growing pause, before a reingest reports the stores mixed. */
const SWITCH_ATTEMPTS = 5;

async function retried(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= SWITCH_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

export interface ReingestOptions {
  /** Reload both stores (the default); otherwise only a store that does not hold the new data version. */
  reloadAll?: boolean;
}
