/**
 * Relevance of search on the bundled corpus, per search backend: every judged query of
 * test/relevance/queries.yaml goes through the GraphQL API of the real server, and the answers are scored
 * against what an expert accepts. Printed figures, not a test: it exits 0 however many queries miss, and
 * non-zero only when the query set or the corpus is bad.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Meilisearch } from 'meilisearch';
import { formatIssue, type IngestIssue } from '../../ingest/issues.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { type RunningServer, repositoryRoot, startServer } from '../helpers/server.js';
import {
  type Hit,
  hitIds,
  type JudgedQuery,
  loadQuerySet,
  type QueryScore,
  resultId,
  scoreQuery,
  unknownExpectations,
} from '../relevance/query-set.js';

const corpusDir = process.env.CORPUS_DIR ?? join(repositoryRoot, 'corpus');

const searchQuery = `query($query: String!, $filter: SearchFilter) {
  search(query: $query, filter: $filter, first: 10) { edges { node { id kind title { text } instrument { id } } } }
}`;

interface Answer {
  query: JudgedQuery;
  hits: Hit[];
  error?: string;
  score: QueryScore;
}

interface Run {
  backend: string;
  answers: Answer[];
}

function fail(issues: IngestIssue[]): never {
  for (const issue of issues) console.error(formatIssue(issue));
  console.error(`${issues.length} problem(s); nothing was measured.`);
  process.exit(1);
}

const { queries, errors } = await loadQuerySet();
if (errors.length > 0) fail(errors);
let labels: Map<string, string>;
try {
  const { graph } = await ingestCorpus([corpusDir]);
  labels = new Map(graph.nodes.map((node) => [node.id, node.label]));
} catch (error) {
  // The server would refuse the same corpus; its problems are already listed in the message.
  console.error((error as Error).message);
  process.exit(1);
}
const unknown = unknownExpectations(queries, new Set(labels.keys()));
if (unknown.length > 0) fail(unknown);

async function ask(server: RunningServer, query: JudgedQuery): Promise<Answer> {
  const response = await server.graphql<{ search: { edges: { node: Hit }[] } }>(searchQuery, {
    query: query.query,
    filter: query.filter ?? null,
  });
  const hits = response.data?.search.edges.map((edge) => edge.node) ?? [];
  const error = response.errors?.map((problem) => problem.message).join('; ');
  return { query, hits, score: scoreQuery(query.expect, hits), ...(error ? { error } : {}) };
}

async function measure(backend: string, environment: Record<string, string>): Promise<Run> {
  const server = await startServer(
    { ...environment, SEARCH_BACKEND: backend, GRAPH_BACKEND: 'memory', CORPUS_DIR: corpusDir },
    { startTimeoutMs: 300_000 },
  );
  try {
    const answers: Answer[] = [];
    // One at a time: relevance, not throughput, and the machine is shared.
    for (const query of queries) answers.push(await ask(server, query));
    return { backend, answers };
  } finally {
    await server.stop();
  }
}

interface Meili {
  url: string;
  key?: string;
  describe: string;
  stop?: () => Promise<void>;
}

interface Launcher {
  launchMeilisearch: () => Promise<{ url: string; key: string; stop: () => Promise<void> }>;
  meilisearchSource?: () => { kind: string; why?: string };
}

const isLauncher = (module: unknown): module is Launcher =>
  typeof (module as Partial<Launcher> | null)?.launchMeilisearch === 'function';

/** MEILI_URL if set; otherwise one launched by the test helper, when there is one; otherwise why not. */
async function meilisearch(): Promise<Meili | string> {
  if (process.env.MEILI_URL) {
    return {
      url: process.env.MEILI_URL,
      ...(process.env.MEILI_KEY ? { key: process.env.MEILI_KEY } : {}),
      describe: `${process.env.MEILI_URL} (MEILI_URL)`,
    };
  }
  const helper = join(repositoryRoot, 'test/helpers/meilisearch.ts');
  if (!existsSync(helper)) return 'MEILI_URL is not set and there is no test/helpers/meilisearch.ts to start one';
  // Imported by a computed path: the helper is optional, and its absence must not break this file.
  const module: unknown = await import(pathToFileURL(helper).href);
  if (!isLauncher(module)) return 'MEILI_URL is not set and test/helpers/meilisearch.ts exports no launchMeilisearch';
  const source = module.meilisearchSource?.();
  if (source?.kind === 'none') return `MEILI_URL is not set and no Meilisearch can be launched: ${source.why}`;
  try {
    const launched = await module.launchMeilisearch();
    return { url: launched.url, key: launched.key, describe: `${launched.url} (launched)`, stop: launched.stop };
  } catch (error) {
    return `MEILI_URL is not set and launching Meilisearch failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Deletes the run's index and any rebuild left beside it (`<index>_build_<random>`), and nothing else. */
async function dropIndexes(meili: Meili, index: string): Promise<void> {
  const client = new Meilisearch({ host: meili.url, ...(meili.key ? { apiKey: meili.key } : {}) });
  const { results } = await client.getRawIndexes({ limit: 10_000 });
  for (const entry of results.filter(({ uid }) => uid === index || uid.startsWith(`${index}_`))) {
    await client.deleteIndex(entry.uid).waitTask({ timeout: 60_000 });
  }
}

console.log(`relevance: ${queries.length} judged queries (${queries[0]?.file}) on ${corpusDir}, first 10 results`);
const runs: Run[] = [await measure('embedded', {})];
const meili = await meilisearch();
if (typeof meili === 'string') {
  console.log(`meilisearch: skipped: ${meili}.`);
} else {
  const index = `relevance_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  console.log(`meilisearch: ${meili.describe}, index ${index}`);
  try {
    runs.push(
      await measure('meilisearch', {
        MEILI_URL: meili.url,
        ...(meili.key ? { MEILI_KEY: meili.key } : {}),
        MEILI_INDEX: index,
      }),
    );
  } finally {
    if (meili.stop) await meili.stop();
    else await dropIndexes(meili, index);
  }
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────────
const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;
const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / (values.length || 1);

function figures(answers: Answer[]): string {
  const success = mean(answers.map((answer) => (answer.score.successAt3 ? 1 : 0)));
  const mrr = mean(answers.map((answer) => answer.score.reciprocalRank));
  const ndcg = mean(answers.map((answer) => answer.score.ndcgAt10));
  return `${percent(success).padStart(7)} ${mrr.toFixed(3).padStart(6)} ${ndcg.toFixed(3).padStart(6)}`;
}

function table(title: string, groupOf: (query: JudgedQuery) => string): void {
  const groups = [...new Set(queries.map(groupOf))].sort();
  console.log(title);
  for (const group of groups) {
    const cells = runs.map((run) => figures(run.answers.filter((answer) => groupOf(answer.query) === group)));
    const count = queries.filter((query) => groupOf(query) === group).length;
    console.log(`  ${group.padEnd(18)} ${String(count).padStart(4)}   ${cells.join('   ')}`);
  }
}

const columns = `${'s@3'.padStart(7)} ${'MRR'.padStart(6)} ${'nDCG'.padStart(6)}`;
console.log('');
console.log(`${''.padEnd(25)}   ${runs.map((run) => run.backend.padEnd(columns.length)).join('   ')}`);
console.log(`${''.padEnd(20)} ${'n'.padStart(4)}   ${runs.map(() => columns).join('   ')}`);
console.log(
  `${'all'.padEnd(20)} ${String(queries.length).padStart(4)}   ${runs.map((run) => figures(run.answers)).join('   ')}`,
);
table('by category', (query) => query.category);
table('by language', (query) => query.language);
table('by persona', (query) => query.persona);
console.log('s@3: an expected id among the first 3 results; MRR@10: 1/rank of the first expected one (0 past 10);');
console.log('nDCG@10: binary gain per expected id, counted once, over the ideal ranking of the expected ids.');
for (const run of runs) {
  const failed = run.answers.filter((answer) => answer.error);
  if (failed.length > 0)
    console.log(`${run.backend}: ${failed.length} queries answered with errors (listed as misses)`);
}

/** Queries on which two backends' first three results name the same nodes, and the first result the same node. */
function agreement(a: Run, b: Run): { top3: number; top1: number } {
  let top3 = 0;
  let top1 = 0;
  for (const [index, answer] of a.answers.entries()) {
    const mine = answer.hits.slice(0, 3).map(resultId);
    const theirs = (b.answers[index] as Answer).hits.slice(0, 3).map(resultId);
    const their = new Set(theirs);
    if (new Set(mine).size === their.size && mine.every((id) => their.has(id))) top3++;
    if (mine[0] === theirs[0]) top1++;
  }
  return { top3, top1 };
}

const [embedded, other] = runs;
const agreed = embedded && other ? agreement(embedded, other) : undefined;
if (embedded && other && agreed) {
  const share = (count: number) => `${percent(count / queries.length)} (${count}/${queries.length})`;
  console.log('');
  console.log(`agreement of ${other.backend} with ${embedded.backend}`);
  console.log(`  top-3 agreement   ${share(agreed.top3)}`);
  console.log(`  top-1 identical   ${share(agreed.top1)}`);
  console.log('  top-3 agreement: the first three results name the same set of nodes, in any order; top-1 identical:');
  console.log(
    '  the first results name the same node. A provision or quote names its instrument; two empty answers agree.',
  );
}

const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
console.log('');
console.log('targets (issue 11)');
for (const run of runs) {
  const success = mean(run.answers.map((answer) => (answer.score.successAt3 ? 1 : 0)));
  console.log(`  ${run.backend} success@3 ≥ 95% (${percent(success)}): ${mark(success >= 0.95)}`);
}
if (agreed) {
  const share = agreed.top3 / queries.length;
  console.log(`  top-3 agreement ≥ 90% (${percent(share)}): ${mark(share >= 0.9)}`);
}

// ── Misses ───────────────────────────────────────────────────────────────────────────────────────
const describe = (id: string): string => `${id} (${labels.get(id) ?? 'not in the corpus'})`;
for (const run of runs) {
  const misses = run.answers.filter((answer) => !answer.score.successAt3);
  console.log('');
  console.log(`${run.backend}: ${misses.length} misses (no expected answer in the first 3)`);
  for (const { query, hits, error } of misses) {
    const filter = query.filter ? ` filter ${JSON.stringify(query.filter)}` : '';
    console.log(`- "${query.query}"${filter}  [${query.category}, ${query.language}] ${query.file}:${query.line}`);
    console.log(`    expected: ${query.expect.map(describe).join('; ')}`);
    const rank = hits.findIndex((hit) => hitIds(hit).some((id) => query.expect.includes(id)));
    if (rank >= 0) console.log(`    first expected answer at rank ${rank + 1}`);
    if (error) console.log(`    error: ${error}`);
    if (hits.length === 0 && !error) console.log('    got: nothing');
    for (const [index, hit] of hits.slice(0, 3).entries()) {
      const under = hit.instrument && hit.instrument.id !== hit.id ? ` in ${hit.instrument.id}` : '';
      console.log(
        `    ${index + 1}. ${hit.kind} ${hit.id}${under}: ${hit.title?.text ?? labels.get(resultId(hit)) ?? ''}`,
      );
    }
  }
}
