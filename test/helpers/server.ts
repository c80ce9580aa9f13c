/** Starts the real server (`server/main.ts`) as a child process on a free port, as `npm start` would. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repositoryRoot = join(import.meta.dirname, '../..');
export const seedText = join(repositoryRoot, '../shared/seed/china-asean-cyberspace-forum-2014.txt');
export const seedAvailable = existsSync(seedText);

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  child: ChildProcess;
  graphql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<GraphqlResponse<T>>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface GraphqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The bundled corpus plus the seed article (when shared/ is beside the repository), in a temporary folder. */
export async function corpusWithSeed(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'api-corpus-'));
  await cp(join(repositoryRoot, 'corpus'), folder, { recursive: true });
  if (seedAvailable) {
    await mkdir(join(folder, 'seed'));
    await copyFile(seedText, join(folder, 'seed/china-asean-cyberspace-forum-2014.txt'));
    await copyFile(
      join(repositoryRoot, 'test/fixtures/seed/china-asean-cyberspace-forum-2014.yaml'),
      join(folder, 'seed/china-asean-cyberspace-forum-2014.yaml'),
    );
  }
  return folder;
}

export interface ReingestJob {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  stage: string;
  ok: boolean | null;
  documents: number;
  searchDocuments: number;
  searchDocumentsSent: number;
  searchDocumentsIndexed: number;
  errors: { file: string; line: number | null; field: string | null; message: string; hint: string | null }[];
  failure: string | null;
}

const jobFields =
  'id status stage ok documents searchDocuments searchDocumentsSent searchDocumentsIndexed errors { file line field message hint } failure';

/**
 * Starts a reingest and polls its job until it has finished; `started` is the mutation's own answer, which
 * comes before the work is done, and `polled` every answer of the polls, the last being `finished`.
 */
export async function reingestAndWait(
  server: Pick<RunningServer, 'graphql'>,
  token: string,
  { timeoutMs = 600_000 }: { timeoutMs?: number } = {},
): Promise<{ started: ReingestJob; finished: ReingestJob; polled: ReingestJob[] }> {
  const authorization = { authorization: `Bearer ${token}` };
  const start = await server.graphql<{ reingest: ReingestJob }>(
    `mutation { reingest { ${jobFields} } }`,
    {},
    authorization,
  );
  const started = start.data?.reingest;
  if (!started) throw new Error(`reingest was refused: ${JSON.stringify(start.errors)}`);
  const deadline = Date.now() + timeoutMs;
  const polled: ReingestJob[] = [];
  for (;;) {
    const poll = await server.graphql<{ reingestJob: ReingestJob }>(
      `query($id: ID!) { reingestJob(id: $id) { ${jobFields} } }`,
      { id: started.id },
      authorization,
    );
    const job = poll.data?.reingestJob;
    if (!job) throw new Error(`reingestJob(${started.id}) failed: ${JSON.stringify(poll.errors)}`);
    polled.push(job);
    if (job.status !== 'RUNNING') return { started, finished: job, polled };
    if (Date.now() > deadline) throw new Error(`reingest ${started.id} still ${job.stage} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Posts GraphQL requests to the server at `url`. */
export function graphqlAt(url: string): RunningServer['graphql'] {
  return async (query, variables, headers = {}) => {
    const post = () =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
    // After a busy spell (a benchmark's load), fetch may reuse a pooled connection the server closed when its
    // keep-alive timeout ran out; the request never reached the server, so it is sent once more.
    const response = await post().catch((error: Error) => {
      if (!/ECONNRESET|other side closed/.test(String(error.cause))) throw error;
      return post();
    });
    return { status: response.status, ...(await response.json()) };
  };
}

export async function startServer(
  environment: Record<string, string> = {},
  { startTimeoutMs = 60_000 }: { startTimeoutMs?: number } = {},
): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'api-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${startTimeoutMs / 1000} s:\n${output}`)),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Ready in \d+ ms: (http:\/\/[^/]+)\/graphql/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => output,
    graphql: graphqlAt(url),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
