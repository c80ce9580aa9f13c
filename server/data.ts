/**
 * Opening the stores and keeping them in step with the corpus: ingest at start-up when DATA_DIR is
 * missing or older than the corpus, and on reingest; both stores are replaced only after a whole,
 * valid graph exists, so a failed ingest leaves the previous data served.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
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
        const info = await stat(path);
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

/**
 * Loads a graph into both stores. The search index is replaced first: the graph is what readers trust.
 * Returns how long each store took.
 */
export async function loadGraph(stores: Stores, graph: KnowledgeGraph): Promise<{ searchMs: number; graphMs: number }> {
  const started = Date.now();
  const themes = graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme');
  await stores.search.replaceAll(searchDocuments(graph, new ThemeTree(themes)));
  const searched = Date.now();
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

export class DataManager {
  private running: Promise<ReingestOutcome> | undefined;
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

  /** One reingest at a time; a second caller waits for the running one. */
  reingest(): Promise<ReingestOutcome> {
    this.running ??= this.runReingest().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runReingest(): Promise<ReingestOutcome> {
    const started = Date.now();
    const fingerprint = await corpusFingerprint(this.config.CORPUS_DIR);
    try {
      const { graph, report } = await ingestCorpus([this.config.CORPUS_DIR]);
      const ingested = Date.now();
      const { searchMs, graphMs } = await loadGraph(this.stores, graph);
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
