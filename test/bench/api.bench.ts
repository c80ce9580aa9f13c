import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { meaningfulRelationshipTypes } from '../../ingest/model.js';
import { loadConfig } from '../../server/config.js';
import { openStores, readCatalog, type Stores } from '../../server/data.js';
import { compareCells } from '../../server/domain/compare.js';
import { answerSearch, type SearchRequest } from '../../server/domain/search.js';
import { type LaunchedNeo4j, launchNeo4j } from '../../server/neo4j/launch.js';
import { openMeiliSearchIndex } from '../../server/search/meilisearch/meilisearch-search-index.js';
import { type LaunchedMeilisearch, launchMeilisearch } from '../helpers/meilisearch.js';
import { type RunningServer, reingestAndWait, startServer } from '../helpers/server.js';
import {
  percentile,
  repositoryRoot,
  type SyntheticCorpus,
  searchWords,
  writeSyntheticCorpus,
} from './synthetic-corpus.js';

const instrumentCount = Number(process.argv[2] ?? 10_000);
const provisionsPerInstrument = Number(process.argv[3] ?? 10);
const secondsPerRun = Number(process.argv[4] ?? 10);
const inProcessSeconds = 3;

/** SEARCH_BACKEND=meilisearch measures Meilisearch beside the embedded index, with the same workload. */
const searchBackends = process.env.SEARCH_BACKEND === 'meilisearch' ? ['embedded', 'meilisearch'] : ['embedded'];
/** GRAPH_BACKEND picks one; by default the embedded store and Neo4j run the same workload, one after the other. */
const graphBackends = process.env.GRAPH_BACKEND ? [process.env.GRAPH_BACKEND] : ['memory', 'neo4j'];
/**
 * NEO4J_CACHES=compare measures Neo4j twice, with its derived caches and without them (reading by walking), and
 * prints whether each cache pays for itself; `on` (the default) or `off` measures one.
 */
const cacheModes = process.env.NEO4J_CACHES === 'compare' ? ['on', 'off'] : [process.env.NEO4J_CACHES ?? 'on'];

interface Load {
  relationships: number;
  ingestMs: number;
  graphMs: number;
  searchMs: number;
}

interface Server extends RunningServer {
  startMs: number;
  /** Every load so far (at start-up, then each reingest), from the server's log. */
  loads(): Load[];
  /** The server's peak resident set, from the kernel. */
  peakRssMiB(): number;
}

/** Lets the benchmark call the reingest mutation. */
const adminToken = randomBytes(24).toString('hex');

async function startBenchServer(corpusDir: string, environment: Record<string, string>): Promise<Server> {
  const started = performance.now();
  const server = await startServer(
    { ...environment, CORPUS_DIR: corpusDir, ADMIN_TOKEN: adminToken },
    { startTimeoutMs: 600_000 },
  );
  const startMs = performance.now() - started;
  return {
    ...server,
    startMs,
    loads: () =>
      [
        ...server
          .output()
          .matchAll(/(\d+) relationships, .* \(ingest (\d+) ms, search index (\d+) ms, graph store (\d+) ms\)/g),
      ].map((loaded) => ({
        relationships: Number(loaded[1]),
        ingestMs: Number(loaded[2]),
        searchMs: Number(loaded[3]),
        graphMs: Number(loaded[4]),
      })),
    peakRssMiB() {
      const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    },
  };
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  errors: number;
}

function figuresOf(latencies: number[], seconds: number, errors: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    perSecond: latencies.length / seconds,
    errors,
  };
}

/** Calls `operation` with each argument in turn, one at a time, for `seconds`. */
async function inProcess<T>(argumentsList: T[], operation: (argument: T) => Promise<unknown>): Promise<Figures> {
  // Every argument once, then for a second more: the figures are of a warmed-up server (JIT, caches).
  const warming = performance.now();
  for (let index = 0; index < argumentsList.length || performance.now() - warming < 1000; index++) {
    await operation(argumentsList[index % argumentsList.length] as T);
  }
  const latencies: number[] = [];
  const started = performance.now();
  for (let index = 0; performance.now() - started < inProcessSeconds * 1000; index++) {
    const start = performance.now();
    await operation(argumentsList[index % argumentsList.length] as T);
    latencies.push(performance.now() - start);
  }
  return figuresOf(latencies, (performance.now() - started) / 1000, 0);
}

/** Checks every request body once (a GraphQL error is a 200 too), then loads the server with them in turn. */
async function overHttp(server: string, bodies: string[], connections: number): Promise<Figures> {
  const url = `${server}/graphql`;
  const headers = { 'content-type': 'application/json' };
  let failures = 0;
  // fetch may pick a pooled connection the server closed while autocannon ran; such a request never reached it.
  const post = (body: string) => fetch(url, { method: 'POST', headers, body });
  for (const body of bodies.slice(0, 50)) {
    const response = await post(body).catch(() => post(body));
    const answer = (await response.json()) as { errors?: unknown[] };
    if (response.status !== 200 || answer.errors) {
      failures++;
      if (failures === 1) console.log(`  error: ${JSON.stringify(answer).slice(0, 300)}`);
    }
  }
  let next = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: secondsPerRun,
        requests: [
          {
            method: 'POST',
            headers,
            setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] as string }),
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return figuresOf(latencies, secondsPerRun, failures + result.errors + result.non2xx + result.timeouts);
}

const ms = (value: number | undefined): string =>
  (Number.isFinite(value) ? `${value?.toFixed(2)} ms` : 'none').padStart(10);
const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

type Results = Record<string, { local: Figures; one: Figures; many: Figures }>;

interface Run {
  backend: string;
  /** NEO4J_CACHES of the run: whether Neo4j loaded and read its derived caches. */
  caches: string;
  search: string;
  /**
   * The Meilisearch requests of the same answers sent straight to its HTTP API, when the run searched
   * Meilisearch; with how many requests, and round trips one after another, an answer took.
   */
  raw?: { one: Figures; many: Figures; requestsPerAnswer: number; roundTripsPerAnswer: number };
  /** Documents the search index was given on the reload. */
  searchDocuments: number;
  bundledStartMs: number;
  largeStartMs: number;
  /** The load at start-up, then the reload of the same corpus by the reingest mutation. */
  load: Load;
  reload: Load | undefined;
  results: Results;
  peakRssMiB: number;
}

/** The Meilisearch the runs search: MEILI_URL's, or one launched for the benchmark from the shared release. */
async function benchMeilisearch(): Promise<{ url: string; key?: string; launched?: LaunchedMeilisearch }> {
  if (process.env.MEILI_URL) {
    return { url: process.env.MEILI_URL, ...(process.env.MEILI_KEY ? { key: process.env.MEILI_KEY } : {}) };
  }
  const launched = await launchMeilisearch();
  return { url: launched.url, key: launched.key, launched };
}

/**
 * Starts the app on `backend` (launching Neo4j for it if needed) and runs every operation against it; with
 * `meilisearch`, searches go to it, and are sent to it directly too.
 */
async function runWorkload(
  backend: string,
  caches: string,
  search: string,
  corpus: SyntheticCorpus,
  meilisearch: { url: string; key?: string } | undefined,
): Promise<Run> {
  const environment: Record<string, string> = { GRAPH_BACKEND: backend, SEARCH_BACKEND: search, NEO4J_CACHES: caches };
  if (search === 'meilisearch' && meilisearch) {
    Object.assign(environment, {
      MEILI_URL: meilisearch.url,
      ...(meilisearch.key ? { MEILI_KEY: meilisearch.key } : {}),
      MEILI_INDEX: `bench_${randomBytes(4).toString('hex')}`,
    });
  }
  let neo4j: LaunchedNeo4j | undefined;
  if (backend === 'neo4j' && !process.env.NEO4J_URI) {
    neo4j = await launchNeo4j({ memory: 'server' });
    environment.NEO4J_URI = neo4j.uri;
  }
  let server: Server | undefined;
  let stores: Stores | undefined;
  try {
    const bundled = await startBenchServer(join(repositoryRoot, 'corpus'), environment);
    await bundled.stop();
    server = await startBenchServer(corpus.folder, environment);
    console.log(
      `${backend}${caches === 'off' ? ' without caches' : ''} + ${search}: started in ${(bundled.startMs / 1000).toFixed(2)} s on the bundled corpus, ` +
        `${(server.startMs / 1000).toFixed(2)} s on ${corpus.provisions} provisions`,
    );
    const config = loadConfig({ ...process.env, ...environment, DATA_DIR: server.dataDir, CORPUS_DIR: corpus.folder });
    stores = await openStores(config);
    const results = await measure(stores, server.url, corpus);
    const raw =
      meilisearch && environment.MEILI_INDEX ? await measureRaw(environment.MEILI_INDEX, meilisearch) : undefined;
    const { finished } = await reingestAndWait(server, adminToken);
    if (!finished.ok) console.log(`  reingest failed: ${JSON.stringify(finished).slice(0, 300)}`);
    const [load, reload] = server.loads();
    return {
      backend,
      caches,
      search,
      ...(raw ? { raw } : {}),
      searchDocuments: finished.searchDocuments,
      bundledStartMs: bundled.startMs,
      largeStartMs: server.startMs,
      load: load ?? { relationships: 0, ingestMs: 0, graphMs: 0, searchMs: 0 },
      reload,
      results,
      peakRssMiB: server.peakRssMiB(),
    };
  } finally {
    await Promise.all([stores?.graph.close(), stores?.search.close()]);
    await server?.stop();
    await neo4j?.stop();
  }
}

/** One Meilisearch request the adapter sent, and when (ms, on the benchmark's clock). */
interface Recorded {
  path: string;
  body: string;
  sentAt: number;
  answeredAt: number;
}

/**
 * The requests one answer sent, in waves: a request joins the wave in flight unless it was sent after a request
 * of that wave was answered (then it may have waited for that answer, as relaxation and matches do).
 */
function wavesOf(requests: Recorded[]): Recorded[][] {
  const waves: Recorded[][] = [];
  for (const sent of [...requests].sort((a, b) => a.sentAt - b.sentAt)) {
    const current = waves.at(-1);
    if (current?.every((earlier) => earlier.answeredAt > sent.sentAt)) current.push(sent);
    else waves.push([sent]);
  }
  return waves;
}

/**
 * Replays each answer's requests straight to Meilisearch, wave after wave (a wave's requests together), from
 * `connections` clients at once for `secondsPerRun`: one latency per answer, what Meilisearch alone takes for it.
 */
async function replay(
  meilisearch: { url: string; key?: string },
  answers: Recorded[][][],
  connections: number,
): Promise<Figures> {
  const agent = new Agent({ keepAlive: true });
  const headers = {
    'content-type': 'application/json',
    ...(meilisearch.key ? { authorization: `Bearer ${meilisearch.key}` } : {}),
  };
  let errors = 0;
  const send = ({ path, body }: Recorded) =>
    new Promise<void>((resolve, reject) => {
      const sent = request(new URL(path, meilisearch.url), { method: 'POST', headers, agent }, (answer) => {
        if (answer.statusCode !== 200) errors++;
        answer.resume();
        answer.once('end', resolve);
      });
      sent.once('error', reject);
      sent.end(body);
    });
  const answerOnce = async (waves: Recorded[][]) => {
    for (const wave of waves) await Promise.all(wave.map(send));
  };
  for (const waves of answers) await answerOnce(waves);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, client) => {
      for (let next = client; performance.now() - started < secondsPerRun * 1000; next++) {
        const start = performance.now();
        await answerOnce(answers[next % answers.length] as Recorded[][]);
        latencies.push(performance.now() - start);
      }
    }),
  );
  agent.destroy();
  return figuresOf(latencies, (performance.now() - started) / 1000, errors);
}

/**
 * The searches of `measure`, answered as the API answers them, with every request the adapter sends to
 * Meilisearch recorded on its way through a proxy; then those requests replayed straight to Meilisearch. What
 * our layer adds is the difference.
 */
async function measureRaw(indexName: string, meilisearch: { url: string; key?: string }): Promise<Run['raw']> {
  let recorded: Recorded[] = [];
  const proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = {
        path: incoming.url ?? '/',
        body,
        sentAt: performance.now(),
        answeredAt: Number.POSITIVE_INFINITY,
      };
      if (entry.path.includes('search')) recorded.push(entry);
      const onward = request(
        new URL(entry.path, meilisearch.url),
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          answer.once('end', () => {
            entry.answeredAt = performance.now();
          });
        },
      );
      onward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as { port: number };
  const index = openMeiliSearchIndex({
    url: `http://127.0.0.1:${port}`,
    ...(meilisearch.key ? { apiKey: meilisearch.key } : {}),
    indexName,
  });
  const answers: Recorded[][][] = [];
  try {
    for (const text of searchTexts) {
      recorded = [];
      await answerSearch(index, searchRequest(text));
      answers.push(wavesOf(recorded));
    }
  } finally {
    await index.close();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
  const requests = answers.flat(2).length;
  const roundTrips = answers.flat().length;
  return {
    requestsPerAnswer: requests / answers.length,
    roundTripsPerAnswer: roundTrips / answers.length,
    one: await replay(meilisearch, answers, 1),
    many: await replay(meilisearch, answers, 32),
  };
}

const searchTexts = searchWords(200);
/** What the API's `search(query: $q, first: 20)` asks of the domain: results one per instrument. */
const searchRequest = (text: string): SearchRequest => ({
  text,
  filter: {},
  sort: 'relevance',
  offset: 0,
  limit: 20,
  grouped: true,
});

async function measure(open: Stores, url: string, corpus: SyntheticCorpus): Promise<Results> {
  const catalog = await readCatalog(open.graph);
  const countryPairs = Array.from({ length: 20 }, (_, index) => {
    const codes = catalog.countries.map((id) => id.slice('country:'.length));
    return [codes[index % codes.length] as string, codes[(index * 7 + 3) % codes.length] as string];
  });
  // Pairs of synthetic instruments, which reach each other through the bundled instruments they reference.
  const pathPairs = Array.from({ length: 20 }, (_, index) => [
    corpus.instruments[(index * 7919) % corpus.instruments.length] as string,
    corpus.instruments[(index * 104_729 + 17) % corpus.instruments.length] as string,
  ]);

  const searchQuery = `query($q: String!) { search(query: $q, first: 20) { total
    edges { node { id kind title { text highlights { start end } } snippet { text highlights { start end } } } }
    facets { kind { value count } country { value label count } theme { value label count } year { value count } } } }`;
  const compareQuery = `query($c: [String!]!) { compare(countries: $c) { cells { country { id } theme { id } count earliest instruments { id } } } }`;
  const connectionsQuery = `query($from: ID!, $to: ID!) { connections(from: $from, to: $to, maxHops: 4, first: 5) {
    length nodes { id } relationships { type from to } } }`;
  const neighborhoodQuery = `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated
    nodes { id kind label } relationships { type from to } } }`;
  // Hubs (countries) and ordinary instruments: a neighbourhood is cut at 200 nodes either way.
  const neighborhoodStarts = [...catalog.countries, ...pathPairs.flat()];

  const topLevel = catalog.tree.topLevel.map((theme) => theme.id);
  const expanded = [...new Set(topLevel.flatMap((theme) => catalog.tree.withDescendants(theme)))];
  const operations = [
    {
      name: 'search',
      inProcess: () => inProcess(searchTexts, (text) => answerSearch(open.search, searchRequest(text))),
      bodies: searchTexts.map((q) => JSON.stringify({ query: searchQuery, variables: { q } })),
    },
    {
      name: 'compare',
      inProcess: () =>
        inProcess(countryPairs, async (pair) => {
          const countries = pair.map((code) => `country:${code}`);
          compareCells(await open.graph.themeLinks(countries, expanded), countries, topLevel, catalog.tree);
        }),
      bodies: countryPairs.map((c) => JSON.stringify({ query: compareQuery, variables: { c } })),
    },
    {
      name: 'connections',
      inProcess: () =>
        inProcess(pathPairs, ([from, to]) =>
          open.graph.shortestPaths(from as string, to as string, {
            maxHops: 4,
            types: [...meaningfulRelationshipTypes],
            limit: 5,
          }),
        ),
      bodies: pathPairs.map(([from, to]) => JSON.stringify({ query: connectionsQuery, variables: { from, to } })),
    },
    {
      name: 'neighborhood',
      inProcess: () => inProcess(neighborhoodStarts, (id) => open.graph.neighborhood(id, { depth: 2, limit: 200 })),
      bodies: neighborhoodStarts.map((id) => JSON.stringify({ query: neighborhoodQuery, variables: { id } })),
    },
  ];
  const results: Results = {};
  for (const operation of operations) {
    const local = await operation.inProcess();
    const one = await overHttp(url, operation.bodies, 1);
    const many = await overHttp(url, operation.bodies, 32);
    results[operation.name] = { local, one, many };
  }
  return results;
}

console.log(`backends         graph ${graphBackends.join(' and ')}, search ${searchBackends.join(' and ')}`);
console.log(
  `corpus           ${instrumentCount} instruments × ${provisionsPerInstrument} provisions + the bundled corpus`,
);
const corpus = await writeSyntheticCorpus(instrumentCount, provisionsPerInstrument);
const runs: Run[] = [];
const meilisearch = searchBackends.includes('meilisearch') ? await benchMeilisearch() : undefined;
try {
  for (const backend of graphBackends) {
    for (const caches of backend === 'neo4j' ? cacheModes : ['on']) {
      for (const search of searchBackends) {
        try {
          runs.push(await runWorkload(backend, caches, search, corpus, meilisearch));
        } catch (error) {
          // Neo4j needs Java; the other backends' figures are still worth printing.
          if (graphBackends.length * searchBackends.length === 1) throw error;
          console.log(`${backend} + ${search}: not measured: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
  }
} finally {
  await rm(corpus.folder, { recursive: true, force: true });
  await meilisearch?.launched?.stop();
}
const label = (run: Run) =>
  `${run.backend}${run.caches === 'off' ? '-walking' : ''}${searchBackends.length > 1 ? `+${run.search}` : ''}`;

const whereRows = [
  ['in-proc', 'local'],
  ['http c=1', 'one'],
  ['http c=32', 'many'],
] as const;
console.log('');
console.log(
  `${'operation'.padEnd(13)} ${'where'.padEnd(9)} ${runs.map((run) => `${`${label(run)} p50`.padStart(24)} ${'p95'.padStart(10)} ${'req/s'.padStart(7)} ${'err'.padStart(4)}`).join('  ')}`,
);
const cell = (figures: Figures | undefined) =>
  figures
    ? `${ms(figures.p50).padStart(24)} ${ms(figures.p95)} ${figures.perSecond.toFixed(0).padStart(7)} ${String(figures.errors).padStart(4)}`
    : ' '.repeat(48);
for (const name of Object.keys(runs[0]?.results ?? {})) {
  for (const [where, key] of whereRows) {
    console.log(
      `${name.padEnd(13)} ${where.padEnd(9)} ${runs.map((run) => cell(run.results[name]?.[key])).join('  ')}`,
    );
  }
  if (name !== 'search' || !runs.some((run) => run.raw)) continue;
  // The same answers' requests straight to Meilisearch's API: the floor our layer is measured against.
  console.log(`${name.padEnd(13)} ${'raw c=1'.padEnd(9)} ${runs.map((run) => cell(run.raw?.one)).join('  ')}`);
  console.log(`${name.padEnd(13)} ${'raw c=32'.padEnd(9)} ${runs.map((run) => cell(run.raw?.many)).join('  ')}`);
}
console.log('');
// What our layer costs per search: in-process (domain + adapter) and over HTTP (GraphQL too), against the floor.
const times = (value: number) => `${value.toFixed(2)} ×`;
for (const run of runs) {
  const search = run.results.search;
  if (!search) continue;
  const added = (http: Figures) =>
    `+${(http.p50 - search.local.p50).toFixed(2)} ms p50, +${(http.p95 - search.local.p95).toFixed(2)} ms p95`;
  console.log(`${label(run)} search: http c=1 over in-process ${added(search.one)}`);
  if (!run.raw) continue;
  const { raw } = run;
  console.log(
    `  ${raw.requestsPerAnswer.toFixed(2)} Meilisearch requests per answer, in ${raw.roundTripsPerAnswer.toFixed(2)} round trips`,
  );
  for (const [where, figures, floor] of [
    ['in-process', search.local, raw.one],
    ['http c=1', search.one, raw.one],
    ['http c=32', search.many, raw.many],
  ] as const) {
    console.log(
      `  ${where.padEnd(10)} / raw: p50 ${times(figures.p50 / floor.p50)}, p95 ${times(figures.p95 / floor.p95)}`,
    );
  }
}
console.log('');
const rate = ({ relationships, graphMs }: Load) => relationships / (graphMs / 1000);
const describeReindex = (run: Run) =>
  run.reload
    ? `${run.searchDocuments} documents in ${(run.reload.searchMs / 1000).toFixed(2)} s (${(run.searchDocuments / (run.reload.searchMs / 1000)).toFixed(0)}/s)`
    : 'none';
const describeLoad = (load: Load | undefined) =>
  load
    ? `${load.relationships} relationships in ${(load.graphMs / 1000).toFixed(2)} s (${rate(load).toFixed(0)}/s)`
    : 'none';
for (const run of runs) {
  console.log(
    `${label(run)}: start-up ${(run.bundledStartMs / 1000).toFixed(2)} s (bundled), ${(run.largeStartMs / 1000).toFixed(2)} s (large); ` +
      `server peak RSS ${run.peakRssMiB.toFixed(0)} MiB`,
  );
  console.log(
    `  graph store load at start-up: ${describeLoad(run.load)}; reload by reingest: ${describeLoad(run.reload)}`,
  );
  console.log(`  search index rebuild on reload: ${describeReindex(run)}`);
}

const check = (label: string, ok: boolean) => console.log(`  ${label}: ${mark(ok)}`);
for (const run of runs) {
  const { search, connections, neighborhood } = run.results as Record<string, Results[string]>;
  if (!search || !connections || !neighborhood) continue;
  if (run.raw && run.reload) {
    console.log(`targets for Meilisearch (issue 12, ${label(run)})`);
    const ratio = search.one.p50 / run.raw.one.p50;
    check(`search http c=1 p50 ≤ 1.3 × raw Meilisearch p50 (${ratio.toFixed(2)} ×)`, ratio <= 1.3);
    check(
      `search index rebuild of ${run.searchDocuments} documents ≤ 60 s (${describeReindex(run)})`,
      run.reload.searchMs <= 60_000,
    );
  }
  if (run.backend === 'neo4j') {
    console.log(`targets for a deployed graph (issue 4, ${label(run)})`);
    check(`load at start-up ≥ 5,000 relationships/s (${rate(run.load).toFixed(0)}/s)`, rate(run.load) >= 5000);
    if (run.reload)
      check(`reload ≥ 5,000 relationships/s (${rate(run.reload).toFixed(0)}/s)`, rate(run.reload) >= 5000);
    check(`connections (4 hops) p95 ≤ 50 ms (${connections.local.p95.toFixed(2)})`, connections.local.p95 <= 50);
    check(
      `neighborhood (depth 2, limit 200) p95 ≤ 30 ms (${neighborhood.local.p95.toFixed(2)})`,
      neighborhood.local.p95 <= 30,
    );
    continue;
  }
  console.log(`targets (issue 3, ${run.backend})`);
  check(`in-process search p50 ≤ 5 ms (${search.local.p50.toFixed(2)})`, search.local.p50 <= 5);
  check(`in-process search p95 ≤ 20 ms (${search.local.p95.toFixed(2)})`, search.local.p95 <= 20);
  for (const [name, figures] of Object.entries(run.results)) {
    const extra = figures.one.p95 - figures.local.p95;
    check(`${name} http c=1 p95 ≤ in-process + 3 ms (+${extra.toFixed(2)})`, extra <= 3);
    const share = figures.many.perSecond / figures.local.perSecond;
    check(
      `${name} http c=32 ≥ 80% of in-process rate, no errors (${(100 * share).toFixed(0)}%, ${figures.many.errors} errors)`,
      share >= 0.8 && figures.many.errors === 0,
    );
  }
  check(`connections (4 hops) p95 ≤ 5 ms (${connections.local.p95.toFixed(2)})`, connections.local.p95 <= 5);
  check(
    `start-up on the bundled corpus ≤ 10 s (${(run.bundledStartMs / 1000).toFixed(2)})`,
    run.bundledStartMs <= 10_000,
  );
  check(`server peak RSS ≤ 2 GiB (${run.peakRssMiB.toFixed(0)} MiB)`, run.peakRssMiB <= 2048);
}

// Each derived cache against reading by walking, on the same corpus: it pays if the reads it serves are faster
// with it (the verdict is on the in-process median, which a busy machine disturbs less than the tail; the load
// time it costs is printed beside).
const cached = runs.find((run) => run.backend === 'neo4j' && run.caches === 'on');
const walking = runs.find((run) => run.backend === 'neo4j' && run.caches === 'off');
if (cached && walking) {
  console.log(`derived caches on ${corpus.provisions} provisions (neo4j with them, then walking instead)`);
  for (const [operation, cache] of [
    ['neighborhood', '_neighbours/_links'],
    ['compare', '_themeLinks'],
  ] as const) {
    const [withCache, without] = [cached, walking].map((run) => run.results[operation] as Results[string]);
    if (!withCache || !without) continue;
    console.log(
      `  ${cache} (${operation}): in-process p50 ${ms(withCache.local.p50)} with, ${ms(without.local.p50)} walking; ` +
        `p95 ${ms(withCache.local.p95)} with, ${ms(without.local.p95)} walking: ` +
        `${withCache.local.p50 < without.local.p50 ? 'pays' : 'does not pay'}`,
    );
  }
  console.log(`  load at start-up: ${describeLoad(cached.load)} with, ${describeLoad(walking.load)} walking`);
}
