import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { meaningfulRelationshipTypes } from '../../ingest/model.js';
import { loadConfig } from '../../server/config.js';
import { openStores, readCatalog, type Stores } from '../../server/data.js';
import { compareCells } from '../../server/domain/compare.js';
import { type LaunchedNeo4j, launchNeo4j } from '../../server/neo4j/launch.js';
import { type RunningServer, startServer } from '../helpers/server.js';
import { percentile, repositoryRoot, searchWords, writeSyntheticCorpus } from './synthetic-corpus.js';

const instrumentCount = Number(process.argv[2] ?? 10_000);
const provisionsPerInstrument = Number(process.argv[3] ?? 10);
const secondsPerRun = Number(process.argv[4] ?? 10);
const inProcessSeconds = 3;

const environment: Record<string, string> = {};
let neo4j: LaunchedNeo4j | undefined;
if (process.env.GRAPH_BACKEND === 'neo4j' && !process.env.NEO4J_URI) {
  neo4j = await launchNeo4j({ memory: 'server' });
  environment.NEO4J_URI = neo4j.uri;
}
const graphBackend = process.env.GRAPH_BACKEND ?? 'memory';
const searchBackend = process.env.SEARCH_BACKEND ?? 'embedded';

interface Server extends RunningServer {
  startMs: number;
  /** The start-up ingest and store load, from the server's log. */
  load: { relationships: number; ingestMs: number; graphMs: number };
  /** The server's peak resident set, from the kernel. */
  peakRssMiB(): number;
}

async function startBenchServer(corpusDir: string): Promise<Server> {
  const started = performance.now();
  const server = await startServer({ ...environment, CORPUS_DIR: corpusDir }, { startTimeoutMs: 600_000 });
  const startMs = performance.now() - started;
  const loaded = /(\d+) relationships, .* \(ingest (\d+) ms, search index \d+ ms, graph store (\d+) ms\)/.exec(
    server.output(),
  );
  return {
    ...server,
    startMs,
    load: {
      relationships: Number(loaded?.[1] ?? 0),
      ingestMs: Number(loaded?.[2] ?? 0),
      graphMs: Number(loaded?.[3] ?? 0),
    },
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
  for (const argument of argumentsList.slice(0, 20)) await operation(argument);
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
async function overHttp(url: string, bodies: string[], connections: number): Promise<Figures> {
  let failures = 0;
  for (const body of bodies.slice(0, 50)) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
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
        url: `${url}/graphql`,
        connections,
        duration: secondsPerRun,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
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

console.log(`backends         graph ${graphBackend}, search ${searchBackend}`);
console.log(
  `corpus           ${instrumentCount} instruments × ${provisionsPerInstrument} provisions + the bundled corpus`,
);

const bundled = await startBenchServer(join(repositoryRoot, 'corpus'));
const bundledStartMs = bundled.startMs;
await bundled.stop();
console.log(`start (bundled)  ${(bundledStartMs / 1000).toFixed(2)} s`);

const corpus = await writeSyntheticCorpus(instrumentCount, provisionsPerInstrument);
const server = await startBenchServer(corpus.folder);
let stores: Stores | undefined;
try {
  console.log(
    `start (large)    ${(server.startMs / 1000).toFixed(2)} s, ingest and load of ${corpus.provisions} provisions`,
  );

  const config = loadConfig({ ...process.env, ...environment, DATA_DIR: server.dataDir, CORPUS_DIR: corpus.folder });
  stores = await openStores(config);
  const catalog = await readCatalog(stores.graph);
  const searchTexts = searchWords(200);
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
  const open = stores;
  const operations = [
    {
      name: 'search',
      inProcess: () =>
        inProcess(searchTexts, (text) =>
          open.search.search({ text, filter: {}, sort: 'relevance', offset: 0, limit: 20 }),
        ),
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

  console.log('');
  console.log('operation     where         p50        p95        p99      req/s  errors  vs in-process');
  const results: Record<string, { local: Figures; one: Figures; many: Figures }> = {};
  for (const operation of operations) {
    const local = await operation.inProcess();
    const one = await overHttp(server.url, operation.bodies, 1);
    const many = await overHttp(server.url, operation.bodies, 32);
    results[operation.name] = { local, one, many };
    const row = (where: string, figures: Figures, ratio: string) =>
      console.log(
        `${operation.name.padEnd(13)} ${where.padEnd(9)} ${ms(figures.p50)} ${ms(figures.p95)} ${ms(figures.p99)} ${figures.perSecond.toFixed(0).padStart(10)} ${String(figures.errors).padStart(7)}  ${ratio}`,
      );
    row('in-proc', local, '');
    row('http c=1', one, `p95 ×${(one.p95 / local.p95).toFixed(1)}, +${(one.p95 - local.p95).toFixed(2)} ms`);
    row('http c=32', many, `throughput ${((100 * many.perSecond) / local.perSecond).toFixed(0)}%`);
  }

  const search = results.search as { local: Figures; one: Figures; many: Figures };
  const peak = server.peakRssMiB();
  console.log('');
  console.log(`server peak RSS  ${peak.toFixed(0)} MiB`);
  console.log('targets');
  console.log(`  in-process search p50 ≤ 5 ms (${search.local.p50.toFixed(2)}): ${mark(search.local.p50 <= 5)}`);
  console.log(`  in-process search p95 ≤ 20 ms (${search.local.p95.toFixed(2)}): ${mark(search.local.p95 <= 20)}`);
  for (const [name, figures] of Object.entries(results)) {
    const extra = figures.one.p95 - figures.local.p95;
    console.log(`  ${name} http c=1 p95 ≤ in-process + 3 ms (+${extra.toFixed(2)}): ${mark(extra <= 3)}`);
    const share = figures.many.perSecond / figures.local.perSecond;
    console.log(
      `  ${name} http c=32 ≥ 80% of in-process rate, no errors (${(100 * share).toFixed(0)}%, ${figures.many.errors} errors): ${mark(share >= 0.8 && figures.many.errors === 0)}`,
    );
  }
  const connections = results.connections as { local: Figures };
  console.log(
    `  connections (4 hops) p95 ≤ 5 ms (${connections.local.p95.toFixed(2)}): ${mark(connections.local.p95 <= 5)}`,
  );
  console.log(
    `  start-up on the bundled corpus ≤ 10 s (${(bundledStartMs / 1000).toFixed(2)}): ${mark(bundledStartMs <= 10_000)}`,
  );
  console.log(`  server peak RSS ≤ 2 GiB (${peak.toFixed(0)} MiB): ${mark(peak <= 2048)}`);
  const { relationships, graphMs } = server.load;
  const loadRate = relationships / (graphMs / 1000);
  const neighborhood = results.neighborhood as { local: Figures };
  console.log(`targets for a deployed graph (issue 4; GRAPH_BACKEND=${graphBackend})`);
  console.log(
    `  load ≥ 5,000 relationships/s (${relationships} in ${(graphMs / 1000).toFixed(2)} s: ${loadRate.toFixed(0)}/s): ${mark(loadRate >= 5000)}`,
  );
  console.log(
    `  connections (4 hops) p95 ≤ 50 ms (${connections.local.p95.toFixed(2)}): ${mark(connections.local.p95 <= 50)}`,
  );
  console.log(
    `  neighborhood (depth 2, limit 200) p95 ≤ 30 ms (${neighborhood.local.p95.toFixed(2)}): ${mark(neighborhood.local.p95 <= 30)}`,
  );
} finally {
  await Promise.all([stores?.graph.close(), stores?.search.close()]);
  await server.stop();
  await rm(corpus.folder, { recursive: true, force: true });
  await neo4j?.stop();
}
