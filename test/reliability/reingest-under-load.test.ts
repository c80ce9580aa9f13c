/**
 * One data version per answer: a reingest that renames an instrument, at concurrency 32, on each backend. Every
 * response must come whole from the version it names in `extensions.dataVersion`: each search hit's title (from
 * the search index) carries its instrument's title (from the graph store), and that title is the one of the
 * version the response names. No response may fail.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteIndex,
  MEILISEARCH_START_MS,
  meilisearchEnvironment,
  meilisearchUnavailable,
} from '../helpers/meilisearch.js';
import { NEO4J_START_MS, neo4jServerEnvironment, type TestNeo4j, testNeo4j } from '../helpers/neo4j.js';
import { corpusWithSeed, graphqlAt, type RunningServer, reingestAndWait, startServer } from '../helpers/server.js';

const ADMIN_TOKEN = 'reliability-token-0123456789';
const CONCURRENCY = 32;
/** Responses each side of the reingest: before it starts, and after it has finished. */
const RESPONSES_EACH_SIDE = 2 * CONCURRENCY;

const instrumentFile = 'national/bn/bn-computer-misuse-act-2000.md';
const oldTitle = 'Computer Misuse Act (Chapter 194)';
const newTitle = 'Computer Misuse Act (Chapter 194, as reloaded)';
const query = `{ search(query: "computer misuse unauthorised access", groupBy: NONE, first: 20) {
  edges { node { id title { text } instrument { id title } } } } }`;

interface Answer {
  status: number;
  errors?: unknown[];
  extensions?: { dataVersion?: string };
  data?: {
    search: {
      edges: { node: { id: string; title: { text: string }; instrument: { id: string; title: string } | null } }[];
    };
  };
}

async function post(url: string): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

/** What is wrong with one answer, given the title each data version must show; empty when nothing is. */
function problemsOf(answer: Answer, titleOf: ReadonlyMap<string, string>): string[] {
  if (answer.status !== 200 || answer.errors) return [`HTTP ${answer.status}: ${JSON.stringify(answer.errors)}`];
  const version = answer.extensions?.dataVersion;
  const expected = version === undefined ? undefined : titleOf.get(version);
  if (expected === undefined) return [`unknown data version ${version}`];
  const hits = answer.data?.search.edges.map((edge) => edge.node) ?? [];
  const ofInstrument = hits.filter((hit) => hit.instrument?.id === 'instrument:bn-computer-misuse-act-2000');
  if (ofInstrument.length === 0) return [`no hit of the renamed instrument in version ${version}`];
  return hits.flatMap((hit) => {
    const problems: string[] = [];
    if (hit.instrument && !hit.title.text.includes(hit.instrument.title))
      problems.push(`mixed: hit ${hit.id} titled "${hit.title.text}", its instrument "${hit.instrument.title}"`);
    if (ofInstrument.includes(hit) && hit.instrument?.title !== expected)
      problems.push(`version ${version} answered "${hit.instrument?.title}", not "${expected}"`);
    return problems;
  });
}

/**
 * Keeps CONCURRENCY requests in flight from before the reingest starts until after it has finished, and returns
 * every answer's problems and the data versions seen.
 */
async function reingestUnderLoad(server: RunningServer, corpusDir: string) {
  const before = await post(server.url);
  const oldVersion = before.extensions?.dataVersion as string;
  expect(oldVersion).toMatch(/^[0-9a-f]{16}$/);
  const file = join(corpusDir, instrumentFile);
  await writeFile(file, (await readFile(file, 'utf8')).replace(`title: ${oldTitle}`, `title: ${newTitle}`));

  const answers: Answer[] = [];
  let phase: 'before' | 'reingesting' | 'after' = 'before';
  let answeredAfter = 0;
  let reingestStarted: () => void = () => {};
  const enoughBefore = new Promise<void>((resolve) => {
    reingestStarted = resolve;
  });
  const client = async () => {
    while (phase !== 'after' || answeredAfter < RESPONSES_EACH_SIDE) {
      const wasAfter = phase === 'after';
      answers.push(await post(server.url));
      if (wasAfter) answeredAfter++;
      if (answers.length >= RESPONSES_EACH_SIDE) reingestStarted();
    }
  };
  const clients = Array.from({ length: CONCURRENCY }, client);
  await enoughBefore;
  phase = 'reingesting';
  const { finished } = await reingestAndWait({ graphql: graphqlAt(server.url) }, ADMIN_TOKEN);
  phase = 'after';
  await Promise.all(clients);
  expect(finished).toMatchObject({ status: 'SUCCEEDED', ok: true });

  const newVersion = answers.at(-1)?.extensions?.dataVersion as string;
  expect(newVersion).not.toBe(oldVersion);
  const titleOf = new Map([
    [oldVersion, oldTitle],
    [newVersion, newTitle],
  ]);
  return {
    problems: answers.flatMap((answer) => problemsOf(answer, titleOf)),
    versions: new Set(answers.map((answer) => answer.extensions?.dataVersion)),
    oldVersion,
    newVersion,
  };
}

interface Backend {
  name: string;
  environment: () => Promise<Record<string, string>>;
  cleanUp?: () => Promise<void>;
  startTimeoutMs: number;
  unavailable?: string;
}

let neo4j: TestNeo4j | undefined;
const meili = meilisearchEnvironment('reingest_under_load');
const backends: Backend[] = [
  { name: 'embedded', environment: async () => ({}), startTimeoutMs: 90_000 },
  {
    name: 'Neo4j',
    environment: async () => {
      neo4j = await testNeo4j();
      return neo4jServerEnvironment(neo4j);
    },
    cleanUp: async () => neo4j?.stop(),
    startTimeoutMs: NEO4J_START_MS + 90_000,
  },
  {
    name: 'Meilisearch',
    environment: async () => meili ?? {},
    cleanUp: async () => {
      if (meili) await deleteIndex(meili);
    },
    startTimeoutMs: MEILISEARCH_START_MS + 90_000,
    ...(meilisearchUnavailable() ? { unavailable: meilisearchUnavailable() } : {}),
  },
];

for (const backend of backends) {
  const title = `a reingest at concurrency ${CONCURRENCY} on ${backend.name}${backend.unavailable ? ` (skipped: ${backend.unavailable})` : ''}`;
  describe.skipIf(Boolean(backend.unavailable))(title, () => {
    let server: RunningServer;
    let corpusDir: string;

    beforeAll(async () => {
      corpusDir = await corpusWithSeed();
      server = await startServer(
        { ...(await backend.environment()), CORPUS_DIR: corpusDir, ADMIN_TOKEN },
        { startTimeoutMs: backend.startTimeoutMs },
      );
    }, backend.startTimeoutMs + 60_000);

    afterAll(async () => {
      await server?.stop();
      await backend.cleanUp?.();
    });

    it('answers every request from one data version, old or new, and none fails', async () => {
      const { problems, versions, oldVersion, newVersion } = await reingestUnderLoad(server, corpusDir);
      expect(problems.slice(0, 5)).toEqual([]);
      expect(versions).toEqual(new Set([oldVersion, newVersion]));
    }, 600_000);
  });
}
