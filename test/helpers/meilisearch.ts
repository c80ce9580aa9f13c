/**
 * A real Meilisearch for tests and benchmarks, from the release kept in ../shared/tools/meilisearch/ beside
 * the repository: both checksums verified, unpacked once into a cache outside the work tree, started on a
 * free loopback port with a fresh database and a random master key, and stopped by its process id.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repositoryRoot } from './server.js';

export const sharedMeilisearchFolder = join(repositoryRoot, '../shared/tools/meilisearch');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_LINES_KEPT = 40;

export interface LaunchedMeilisearch {
  url: string;
  /** The master key it was started with. */
  key: string;
  dbPath: string;
  /** The server's process id while it runs. */
  pid(): number | undefined;
  /** SIGTERM, then SIGKILL if it lingers; deletes a temporary database. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: the database stays, for `restart`. */
  kill(): Promise<void>;
  /** Starts again on the same port, database and key (after `kill`, or stops it first). */
  restart(): Promise<void>;
}

export interface LaunchMeilisearchOptions {
  /** Receives every line the server prints, e.g. `console.error` while debugging. */
  log?: (line: string) => void;
}

/** Where a MEILI_URL for the tests comes from: the shared release, else the environment, else nowhere (why). */
export type MeilisearchSource =
  | { kind: 'shared' }
  | { kind: 'environment'; url: string }
  | { kind: 'none'; why: string };

export function meilisearchSource(environment: NodeJS.ProcessEnv = process.env): MeilisearchSource {
  if (existsSync(join(sharedMeilisearchFolder, 'SHA256SUMS'))) {
    if (process.platform === 'linux' && process.arch === 'x64') return { kind: 'shared' };
    if (!environment.MEILI_URL) {
      return {
        kind: 'none',
        why: `the Meilisearch in ${sharedMeilisearchFolder} is built for x86_64 Linux, not ${process.platform} ${process.arch}; set MEILI_URL (and MEILI_KEY) to a server of your own`,
      };
    }
  }
  if (environment.MEILI_URL) return { kind: 'environment', url: environment.MEILI_URL };
  return {
    kind: 'none',
    why: `neither ${sharedMeilisearchFolder} nor MEILI_URL is there; run MEILI_URL=http://127.0.0.1:7700 MEILI_KEY=… npm test against a server of your own`,
  };
}

/** The Meilisearch the test workers share (started by test/meilisearch/global-setup.ts), if there is one. */
export function testMeilisearch(): { url: string; apiKey?: string } | undefined {
  const url = process.env.MEILI_URL;
  if (!url) return undefined;
  return { url, ...(process.env.MEILI_KEY ? { apiKey: process.env.MEILI_KEY } : {}) };
}

/** Meilisearch starts in well under a second; the first run also unpacks the release (a few seconds). */
export const MEILISEARCH_START_MS = 60_000;

export async function launchMeilisearch(options: LaunchMeilisearchOptions = {}): Promise<LaunchedMeilisearch> {
  const binary = await meilisearchBinary();
  const home = await mkdtemp(join(tmpdir(), 'meilisearch-'));
  const dbPath = join(home, 'db');
  const key = randomBytes(24).toString('hex');
  const log = options.log ?? (() => {});
  let port = 0;
  let current: Started;
  try {
    ({ port, current } = await startOnFreePort(binary, home, dbPath, key, log));
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    dbPath,
    pid: () => (current.child.exitCode === null && current.child.signalCode === null ? current.child.pid : undefined),
    async stop() {
      if (stopped) return;
      stopped = true;
      await terminate(current, 'SIGTERM');
      await rm(home, { recursive: true, force: true });
    },
    kill: () => terminate(current, 'SIGKILL'),
    async restart() {
      if (stopped) throw new Error('restart() called after stop()');
      await terminate(current, 'SIGTERM');
      current = await start(binary, home, dbPath, port, key, log);
    },
  };
}

/**
 * The unpacked server, checked against SHA256SUMS: the compressed file before unpacking, the binary after
 * (and again whenever it is reused, so a damaged cache is replaced rather than run).
 */
export async function meilisearchBinary(): Promise<string> {
  const sums = await readChecksums();
  const archive = Object.keys(sums).find((name) => /^meilisearch-[\d.]+-linux-x86_64\.xz$/.test(name));
  const binarySum = sums.meilisearch;
  if (!archive || !binarySum) {
    throw new Error(
      `${join(sharedMeilisearchFolder, 'SHA256SUMS')} should list meilisearch-<version>-linux-x86_64.xz and meilisearch; it lists ${Object.keys(sums).join(', ') || 'nothing'}.`,
    );
  }
  const version = /^meilisearch-([\d.]+)-/.exec(archive)?.[1] as string;
  const folder = await cacheFolder(`meilisearch-${version}`);
  const binary = join(folder, 'meilisearch');
  if (existsSync(binary) && (await sha256(binary)) === binarySum) return binary;

  const source = join(sharedMeilisearchFolder, archive);
  const archiveSum = await sha256(source);
  if (archiveSum !== sums[archive]) {
    throw new Error(
      `${source} has SHA-256 ${archiveSum}, but SHA256SUMS says ${sums[archive]}: the copy is damaged; fetch the shared folder again.`,
    );
  }
  // Unpacked under a name of its own and renamed into place, so parallel callers never run a half-written file.
  const partial = `${binary}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await unpack(source, partial);
    const unpackedSum = await sha256(partial);
    if (unpackedSum !== binarySum) {
      throw new Error(
        `${source} unpacks to a binary with SHA-256 ${unpackedSum}, but SHA256SUMS says ${binarySum}: the archive does not match its checksums.`,
      );
    }
    await chmod(partial, 0o755);
    await rename(partial, binary);
  } finally {
    await rm(partial, { force: true });
  }
  return binary;
}

async function readChecksums(): Promise<Record<string, string>> {
  const text = await readFile(join(sharedMeilisearchFolder, 'SHA256SUMS'), 'utf8');
  return Object.fromEntries(
    text.split('\n').flatMap((line) => {
      const match = /^([0-9a-f]{64})\s+\*?(\S+)$/.exec(line.trim());
      return match ? [[match[2] as string, match[1] as string]] : [];
    }),
  );
}

/** `${XDG_CACHE_HOME:-~/.cache}/cyberpolicy-graph/<name>`, or the temporary folder where the home is read-only. */
async function cacheFolder(name: string): Promise<string> {
  const root = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  for (const base of [join(root, 'cyberpolicy-graph'), join(tmpdir(), 'cyberpolicy-graph-cache')]) {
    const folder = join(base, name);
    try {
      await mkdir(folder, { recursive: true });
      return folder;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
    }
  }
  throw new Error(`Cannot create a cache folder for Meilisearch under ${root} or ${tmpdir()}: both are read-only.`);
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

function unpack(archive: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // `xz -dc archive > target`, without a shell to quote paths for.
    const child = spawn('xz', ['-dc', archive], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.pipe(createWriteStream(target)).on('error', reject);
    child.once('error', (error) =>
      reject(
        new Error(
          `Unpacking ${archive} needs xz, which could not be run (${error.message}); install it, e.g. apt-get install xz-utils.`,
        ),
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`xz -dc ${archive} failed (exit code ${code}): ${stderr.trim()}`)),
    );
  });
}

interface Started {
  child: ChildProcess;
  /** Kills the server if this process dies, however it dies; disarmed before a deliberate stop. */
  watchdog: ChildProcess;
}

const running = new Set<Started>();
let exitHookInstalled = false;

/** A loopback port free a moment ago; another process may take it first, so the caller retries. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startOnFreePort(
  binary: string,
  home: string,
  dbPath: string,
  key: string,
  log: (line: string) => void,
): Promise<{ port: number; current: Started }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { port, current: await start(binary, home, dbPath, port, key, log) };
    } catch (error) {
      if (attempt >= 3 || !/address already in use/i.test(String(error))) throw error;
    }
  }
}

async function start(
  binary: string,
  home: string,
  dbPath: string,
  port: number,
  key: string,
  log: (line: string) => void,
): Promise<Started> {
  const args = [
    '--db-path',
    dbPath,
    '--http-addr',
    `127.0.0.1:${port}`,
    '--master-key',
    key,
    '--no-analytics',
    '--env',
    'development',
  ];
  // Dumps and snapshots go to folders relative to the working directory: the temporary home, not the repository.
  const child = spawn(binary, args, { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > OUTPUT_LINES_KEPT) recent.shift();
    log(line);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', remember);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', remember);
  const started: Started = { child, watchdog: watch(child) };
  track(started);

  const url = `http://127.0.0.1:${port}`;
  const describe = (problem: string) =>
    new Error(
      `Meilisearch (${binary}, ${url}, database ${dbPath}) ${problem}.` +
        (recent.length > 0 ? `\nLast output:\n${recent.join('\n')}` : ' It printed nothing.'),
    );
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = signal ?? `exit code ${code}`;
  });
  child.once('error', (error) => {
    exited = `could not be started: ${error.message}`;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      // Let the last lines of output arrive before quoting them.
      await sleep(50);
      await terminate(started, 'SIGKILL');
      throw describe(`exited before it was healthy (${exited})`);
    }
    const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return started;
    await sleep(50);
  }
  await terminate(started, 'SIGKILL');
  throw describe(`was not healthy within ${START_TIMEOUT_MS / 1000} s`);
}

/**
 * A shell holding a pipe from this process: when this process dies, even by SIGKILL, the pipe closes, its
 * `read` returns, and it kills the server. Exit hooks alone do not run on SIGKILL or a crash of the runtime.
 */
function watch(child: ChildProcess): ChildProcess {
  const watchdog = spawn(
    'sh',
    ['-c', 'read _ignored; kill -KILL "$1" 2>/dev/null', 'meilisearch-watchdog', String(child.pid)],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  // Only ever read at this process's death; it must not keep the event loop alive.
  watchdog.unref();
  const pipe = watchdog.stdin as Socket | null;
  pipe?.unref();
  pipe?.on('error', () => {});
  return watchdog;
}

function track(started: Started): void {
  running.add(started);
  started.child.once('exit', () => running.delete(started));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const { child } of running) child.kill('SIGKILL');
  });
}

async function terminate({ child, watchdog }: Started, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  // Disarmed first: once the server is gone its pid may be reused.
  watchdog.kill('SIGKILL');
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The server's environment for SEARCH_BACKEND=meilisearch on the run's Meilisearch, searching an index named
 * after `name` and unique to this run, so that test files sharing the server never meet; undefined without one.
 */
export function meilisearchEnvironment(name: string): Record<string, string> | undefined {
  const meilisearch = testMeilisearch();
  if (!meilisearch) return undefined;
  return {
    SEARCH_BACKEND: 'meilisearch',
    MEILI_URL: meilisearch.url,
    ...(meilisearch.apiKey ? { MEILI_KEY: meilisearch.apiKey } : {}),
    MEILI_INDEX: `${name}_${randomBytes(6).toString('hex')}`,
  };
}

/** Deletes an index a test left on the run's Meilisearch (a server named by MEILI_URL outlives the run). */
export async function deleteIndex(environment: Record<string, string>): Promise<void> {
  const { MEILI_URL: url, MEILI_KEY: key, MEILI_INDEX: index } = environment;
  if (!url || !index) return;
  const response = await fetch(`${url}/indexes/${index}`, {
    method: 'DELETE',
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  if (!response.ok && response.status !== 404) {
    throw new Error(`Deleting index ${index} on ${url} answered ${response.status}: ${await response.text()}`);
  }
}

/** Why the Meilisearch suites cannot run here, for a skipped suite's name. */
export const meilisearchUnavailable = (): string | undefined =>
  testMeilisearch() ? undefined : 'no Meilisearch: see the line test/meilisearch/global-setup.ts printed';
