import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** A Neo4j Community server running in a child JVM, reachable over Bolt on loopback without auth. */
export interface LaunchedNeo4j {
  uri: string;
  /** Shuts the server down; deletes the data directory if it was a temporary one. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port and data directory, e.g. to test reconnection after an outage. */
  restart(): Promise<void>;
}

export interface LaunchNeo4jOptions {
  /** Where the database lives; a fresh temporary directory (deleted on stop) when omitted. */
  dataDir?: string;
  /** Bolt port on 127.0.0.1; 0 or omitted picks a free one. */
  port?: number;
  /** Receives every line the server prints, e.g. `console.error` while debugging. */
  log?: (line: string) => void;
  /** How much memory Neo4j gets: `test` (the default) or `server`; see MEMORY_PROFILES. */
  memory?: MemoryProfile;
}

/**
 * `test` is small enough to share a 2-core machine with the test suite; `server` is a modest deployment
 * (local development, benchmarks), where a page cache that holds the graph keeps reads off the disk.
 * NEO4J_JAVA_OPTS adds to or overrides the JVM options.
 */
const MEMORY_PROFILES = {
  test: { jvm: ['-Xms64m', '-Xmx512m', '-XX:+UseSerialGC'], pageCacheMiB: 128 },
  server: { jvm: ['-Xms1g', '-Xmx2g', '-XX:+UseParallelGC'], pageCacheMiB: 1024 },
};
export type MemoryProfile = keyof typeof MEMORY_PROFILES;

const LAUNCHER_DIR = fileURLToPath(new URL('./launcher/', import.meta.url));
const POM = join(LAUNCHER_DIR, 'pom.xml');
const SOURCE_DIR = join(LAUNCHER_DIR, 'src');
const TARGET_DIR = join(LAUNCHER_DIR, 'target');
const CLASSES_DIR = join(TARGET_DIR, 'classes');
const CLASSPATH_FILE = join(TARGET_DIR, 'classpath.txt');
const BUILD_STAMP = join(TARGET_DIR, 'launcher-build.stamp');
const BUILD_LOCK = join(LAUNCHER_DIR, '.build-lock');
const MAIN_CLASS = 'org.cyberpolicy.neo4j.Neo4jLauncher';
const READY_PREFIX = 'NEO4J_READY ';
/** Read by Neo4jLauncher.java. */
const PAGE_CACHE_PROPERTY = 'cyberpolicy.neo4j.pageCacheMiB';
const MINIMUM_JAVA = 17;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const OUTPUT_LINES_KEPT = 40;

const MAVEN_BUILD_ARGS = [
  '-q',
  '-B',
  '-Dstyle.color=never',
  '-f',
  POM,
  'compile',
  'dependency:build-classpath',
  `-Dmdep.outputFile=${CLASSPATH_FILE}`,
];

type LauncherProcess = ChildProcessByStdio<Writable, Readable, Readable>;

const runningLaunchers = new Set<LauncherProcess>();
let exitHookInstalled = false;

export async function launchNeo4j(options: LaunchNeo4jOptions = {}): Promise<LaunchedNeo4j> {
  const classpath = await prepareLauncher();
  const temporaryDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ? resolve(options.dataDir) : await mkdtemp(join(tmpdir(), 'neo4j-'));
  const log = options.log ?? (() => {});
  const memory = MEMORY_PROFILES[options.memory ?? 'test'];

  let current: { child: LauncherProcess; uri: string };
  try {
    current = await startServer(classpath, dataDir, options.port ?? 0, memory, log);
  } catch (error) {
    if (temporaryDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = Number(new URL(current.uri).port);
  let stopped = false;

  return {
    uri: current.uri,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer(current.child);
      if (temporaryDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async restart() {
      if (stopped) throw new Error('restart() called after stop()');
      await stopServer(current.child);
      current = await startServer(classpath, dataDir, port, memory, log);
    },
  };
}

/** Builds the launcher if needed (once, even with parallel callers) and returns the Java classpath to run it. */
export async function prepareLauncher(): Promise<string> {
  const missing = await missingTools(false);
  if (missing.length > 0) throw new Error(missing.join('\n'));
  if (await isBuildStale()) {
    await withBuildLock(async () => {
      if (await isBuildStale()) await build();
    });
  }
  const entries = (await readFile(CLASSPATH_FILE, 'utf8')).trim();
  return [CLASSES_DIR, entries].join(delimiter);
}

async function build(): Promise<void> {
  const firstBuild = !existsSync(CLASSPATH_FILE);
  process.stderr.write(
    firstBuild
      ? 'Downloading Neo4j Community 5.26 from Maven (first run only)…\n'
      : 'Rebuilding the Neo4j launcher (pom.xml or its source changed)…\n',
  );
  const missing = await missingTools(true);
  if (missing.length > 0) throw new Error(missing.join('\n'));
  try {
    await run('mvn', MAVEN_BUILD_ARGS, 15 * 60_000);
  } catch (error) {
    throw new Error(`Building the Neo4j launcher failed (mvn ${MAVEN_BUILD_ARGS.join(' ')}):\n${outputOf(error)}`);
  }
  await writeFile(BUILD_STAMP, `${new Date().toISOString()}\n`);
}

async function isBuildStale(): Promise<boolean> {
  const builtAt = await modifiedAt(BUILD_STAMP);
  if (builtAt === undefined || !existsSync(CLASSPATH_FILE)) return true;
  for (const input of [POM, ...(await filesUnder(SOURCE_DIR))]) {
    if (((await modifiedAt(input)) ?? Number.POSITIVE_INFINITY) > builtAt) return true;
  }
  // A cleared Maven repository leaves a classpath that names jars no longer there.
  const jars = (await readFile(CLASSPATH_FILE, 'utf8')).trim().split(delimiter);
  return jars.some((jar) => !existsSync(jar));
}

/** Parallel test files all call launchNeo4j; only one of them may run Maven in the shared directories. */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      await mkdir(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await lockHolderAlive())) {
        await rm(BUILD_LOCK, { recursive: true, force: true });
        continue;
      }
      await sleep(500);
    }
  }
  try {
    await writeFile(join(BUILD_LOCK, 'pid'), String(process.pid));
    await work();
  } finally {
    await rm(join(BUILD_LOCK, 'pid'), { force: true });
    await rmdir(BUILD_LOCK).catch(() => {});
  }
}

async function lockHolderAlive(): Promise<boolean> {
  const pid = Number(await readFile(join(BUILD_LOCK, 'pid'), 'utf8').catch(() => ''));
  if (!pid) {
    // The holder may not have written its pid yet; only a lock this old is abandoned.
    const lockedAt = await modifiedAt(BUILD_LOCK);
    return lockedAt !== undefined && Date.now() - lockedAt < 60_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Names each missing or too old tool with how to install it; empty when everything needed is there. */
async function missingTools(needMaven: boolean): Promise<string[]> {
  const problems: string[] = [];
  const javaVersion = await run('java', ['-version'], 30_000).then(
    ({ stdout, stderr }) => /version "(?:1\.)?(\d+)/.exec(stderr + stdout)?.[1],
    () => undefined,
  );
  if (javaVersion === undefined) {
    problems.push(
      `Running Neo4j needs Java ${MINIMUM_JAVA}+, but \`java\` was not found on PATH. ` +
        'Install it, e.g. `apt-get install -y openjdk-17-jdk-headless`.',
    );
  } else if (Number(javaVersion) < MINIMUM_JAVA) {
    problems.push(
      `Running Neo4j needs Java ${MINIMUM_JAVA}+, but \`java\` on PATH is Java ${javaVersion}. ` +
        'Install a newer one, e.g. `apt-get install -y openjdk-17-jdk-headless`, and put it first on PATH.',
    );
  }
  if (
    needMaven &&
    !(await run('mvn', ['-v'], 60_000).then(
      () => true,
      () => false,
    ))
  ) {
    problems.push(
      'Building the Neo4j launcher needs Maven, but `mvn` was not found on PATH. ' +
        'Install it, e.g. `apt-get install -y maven`.',
    );
  }
  return problems;
}

function startServer(
  classpath: string,
  dataDir: string,
  port: number,
  memory: (typeof MEMORY_PROFILES)[MemoryProfile],
  log: (line: string) => void,
): Promise<{ child: LauncherProcess; uri: string }> {
  const extraOptions = (process.env.NEO4J_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
  const jvmOptions = [...memory.jvm, `-D${PAGE_CACHE_PROPERTY}=${memory.pageCacheMiB}`, ...extraOptions];
  const child = spawn('java', [...jvmOptions, '-cp', classpath, MAIN_CLASS, dataDir, String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  trackForExit(child);
  // Closing stdin of a launcher that already died raises EPIPE, which is harmless here.
  child.stdin.on('error', () => {});
  const recentOutput: string[] = [];
  const remember = (line: string) => {
    recentOutput.push(line);
    if (recentOutput.length > OUTPUT_LINES_KEPT) recentOutput.shift();
    log(line);
  };

  return new Promise((resolvePromise, rejectPromise) => {
    const describe = (problem: string) =>
      new Error(
        `Neo4j (data ${dataDir}, port ${port || 'any'}) ${problem}.` +
          (recentOutput.length > 0 ? `\nLast output:\n${recentOutput.join('\n')}` : ' It printed nothing.'),
      );
    const fail = (problem: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      rejectPromise(describe(problem));
    };
    const timer = setTimeout(() => fail(`was not ready within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);

    createInterface({ input: child.stderr }).on('line', remember);
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      if (line.startsWith(READY_PREFIX)) {
        clearTimeout(timer);
        child.removeListener('exit', onEarlyExit);
        resolvePromise({ child, uri: line.slice(READY_PREFIX.length).trim() });
      }
    });
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      // Let the last stderr lines arrive before quoting them.
      setImmediate(() => rejectPromise(describe(`exited before it was ready (${signal ?? `exit code ${code}`})`)));
    };
    child.once('exit', onEarlyExit);
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
  });
}

async function stopServer(child: LauncherProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  child.stdin.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** The launcher also exits when its stdin closes, but a signal is quicker and covers a parent that exits cleanly. */
function trackForExit(child: LauncherProcess): void {
  runningLaunchers.add(child);
  child.once('exit', () => runningLaunchers.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const launcher of runningLaunchers) launcher.kill('SIGTERM');
  });
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, rejectPromise) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) rejectPromise(Object.assign(error, { stdout, stderr }));
      else resolvePromise({ stdout, stderr });
    });
  });
}

function outputOf(error: unknown): string {
  const {
    stdout = '',
    stderr = '',
    message = String(error),
  } = error as {
    stdout?: string;
    stderr?: string;
    message?: string;
  };
  const output = `${stdout}\n${stderr}`.trim();
  return (output || message).split('\n').slice(-OUTPUT_LINES_KEPT).join('\n');
}

async function modifiedAt(path: string): Promise<number | undefined> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
