/**
 * Opening the stores and keeping them in step with the corpus: ingest at start-up when DATA_DIR is
 * missing or older than the corpus, and on reingest; both stores are replaced only after a whole,
 * valid graph exists, so a failed ingest leaves the previous data served. A reingest runs as a job in the
 * background, which the API answers with at once and which can be polled.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IngestFailed, type IngestIssue } from '../ingest/issues.js';
import type { KnowledgeGraph, NodeOf } from '../ingest/model.js';
import { ingestCorpus } from '../ingest/pipeline.js';
import { writeJsonFile } from '../ingest/write.js';
import type { Config } from './config.js';
import { ThemeTree } from './domain/themes.js';
import type { GraphStore } from './graph/graph-store.js';
import { openGraphStore } from './graph/open.js';
import { isGraphStoreUnavailable } from './graph/unavailable.js';
import type { Catalog } from './graphql/context.js';
import { searchDocuments } from './search/documents.js';
import { openSearchIndex } from './search/open.js';
import type { SearchIndex } from './search/search-index.js';

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

/** What the stores were last loaded from: the corpus fingerprint and the backends. */
interface Manifest {
  corpus: string;
  backends: string;
  loadedAt: string;
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

/** What loading tells a reingest job as it goes: the stage, and the search index's own progress. */
type LoadProgress = Partial<
  Pick<ReingestJob, 'stage' | 'searchDocuments' | 'searchDocumentsSent' | 'searchDocumentsIndexed'>
>;

/**
 * Loads a graph into both stores. The search index is replaced first: the graph is what readers trust.
 * Returns how long each store took; `progress` hears of each store as it starts on it, and of each step the
 * search index reports.
 */
export async function loadGraph(
  stores: Stores,
  graph: KnowledgeGraph,
  progress: (update: LoadProgress) => void = () => {},
): Promise<{ searchMs: number; graphMs: number }> {
  const started = Date.now();
  const themes = graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme');
  const documents = searchDocuments(graph, new ThemeTree(themes));
  progress({ stage: 'INDEXING_SEARCH', searchDocuments: documents.length });
  await stores.search.replaceAll(documents, ({ sent, indexed }) =>
    progress({ searchDocumentsSent: sent, searchDocumentsIndexed: indexed }),
  );
  const searched = Date.now();
  progress({
    stage: 'LOADING_GRAPH',
    searchDocumentsSent: documents.length,
    searchDocumentsIndexed: documents.length,
  });
  await stores.graph.replaceGraph(graph);
  return { searchMs: searched - started, graphMs: Date.now() - searched };
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
  private catalogValue: Catalog = { tree: new ThemeTree([]), countries: [] };

  constructor(
    private readonly config: Config,
    readonly stores: Stores,
    private readonly log: (message: string) => void = (message) => console.log(message),
  ) {}

  get catalog(): Catalog {
    return this.catalogValue;
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

  /** Ingests the corpus when the stores hold nothing, or something older or from other backends. */
  private async prepareNow(): Promise<void> {
    const manifest = await readManifest(this.manifestPath);
    const fingerprint = await corpusFingerprint(this.config.CORPUS_DIR);
    const current = manifest?.corpus === fingerprint && manifest.backends === backendsOf(this.config);
    const filled = (await this.stores.search.count()) > 0 && (await this.stores.graph.readiness()).ready;
    if (current && filled) {
      this.log(
        `Data in ${this.config.DATA_DIR} is up to date with ${this.config.CORPUS_DIR} (loaded ${manifest.loadedAt}).`,
      );
    } else {
      this.log(
        `Ingesting ${this.config.CORPUS_DIR} into ${this.config.DATA_DIR} (${manifest ? 'the corpus changed' : 'first start'})…`,
      );
      const outcome = await this.reingest();
      if (!outcome.ok) throw new IngestFailed(outcome.errors.map((error) => ({ severity: 'error', ...error })));
    }
    this.catalogValue = await readCatalog(this.stores.graph);
  }

  /** Waits for a reingest: the running one, or a new one. Rejects when a store could not take the data. */
  reingest(): Promise<ReingestOutcome> {
    this.startReingest();
    return (this.running as { outcome: Promise<ReingestOutcome> }).outcome;
  }

  /** Starts a reingest in the background, or while one runs, hands back that one; answers at once either way. */
  startReingest(): ReingestJob {
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
    const outcome = this.runReingest(job).then(
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

  private async runReingest(job: ReingestJob): Promise<ReingestOutcome> {
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
      const { searchMs, graphMs } = await loadGraph(this.stores, graph, (update) => Object.assign(job, update));
      await writeJsonFile(this.manifestPath, {
        corpus: fingerprint,
        backends: backendsOf(this.config),
        loadedAt: new Date().toISOString(),
      } satisfies Manifest);
      this.catalogValue = await readCatalog(this.stores.graph);
      this.log(
        `Loaded ${report.documents} documents: ${graph.nodes.length} nodes, ${graph.relationships.length} relationships, ${graph.passages.length} passages in ${Date.now() - started} ms (ingest ${ingested - started} ms, search index ${searchMs} ms, graph store ${graphMs} ms).`,
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
}
