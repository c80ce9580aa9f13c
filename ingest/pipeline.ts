/** The ingest pipeline: discover → read → validate → extract → assemble, all-or-nothing. */
import { type AssembledGraph, assembleGraph, type CandidateReport } from './assemble.js';
import { IngestFailed, type IngestIssue, IssueLog } from './issues.js';
import type { KnowledgeGraph } from './model.js';
import { type DocumentSource, defaultReadOptions, discoverCorpus, type ReadOptions, readDocument } from './read.js';
import { loadVocabulary } from './vocab.js';

export interface IngestOptions extends ReadOptions {
  /** Called after each document is read: for a progress bar. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface IngestReport {
  documents: number;
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  passages: number;
  quotes: number;
  candidates: CandidateReport[];
  warnings: IngestIssue[];
  errors: IngestIssue[];
}

export interface IngestResult {
  graph: KnowledgeGraph;
  report: IngestReport;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function reportOf(documents: number, assembled: AssembledGraph | undefined, log: IssueLog): IngestReport {
  const graph = assembled?.graph ?? { nodes: [], relationships: [], passages: [] };
  return {
    documents,
    nodes: countBy(graph.nodes, (node) => node.kind),
    relationships: countBy(graph.relationships, (relationship) => relationship.type),
    passages: graph.passages.length,
    quotes: graph.nodes.filter((node) => node.kind === 'Quote').length,
    candidates: assembled?.candidates ?? [],
    warnings: log.warnings,
    errors: log.errors,
  };
}

/**
 * Validates and assembles a corpus. Returns the graph and its report, or, when anything is
 * wrong, a report with every error of the run (and no graph): nothing half-built leaves here.
 */
export async function runIngest(
  paths: string[],
  options: Partial<IngestOptions> = {},
): Promise<IngestResult | { report: IngestReport }> {
  const log = new IssueLog();
  const files = await discoverCorpus(paths, log);
  const settings = { ...defaultReadOptions, ...options, roots: files.roots };
  if (files.documents.length === 0 && log.errors.length === 0) {
    log.error({
      file: paths.join(', '),
      message: 'no documents found',
      hint: 'documents are .md, .txt, .html or .pdf files (see docs/corpus-format.md)',
    });
  }
  const vocab = await loadVocabulary(files, settings, log);
  const sources: DocumentSource[] = [];
  let done = 0;
  for (const file of files.documents) {
    const source = await readDocument(file, settings, log);
    if (source) sources.push(source);
    settings.onProgress?.(++done, files.documents.length, file);
  }
  sources.sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : a.file < b.file ? -1 : 1));
  const assembled = assembleGraph(sources, vocab, log);
  const report = reportOf(files.documents.length, assembled, log);
  if (log.errors.length > 0) return { report: { ...report, nodes: {}, relationships: {}, passages: 0, quotes: 0 } };
  return { graph: assembled.graph, report };
}

/** runIngest for callers that want the graph or an exception listing every error. */
export async function ingestCorpus(paths: string[], options: Partial<IngestOptions> = {}): Promise<IngestResult> {
  const result = await runIngest(paths, options);
  if (!('graph' in result)) throw new IngestFailed([...result.report.errors, ...result.report.warnings]);
  return result;
}
