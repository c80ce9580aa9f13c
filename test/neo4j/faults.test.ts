/**
 * The server on GRAPH_BACKEND=neo4j when Neo4j misbehaves: down at start-up, restarted while serving, and an
 * ingest killed half-way. Always uses a Neo4j of its own (it stops and restarts it), even when NEO4J_URI is set.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { Neo4jGraphStore } from '../../server/graph/neo4j-graph-store.js';
import { type LaunchedNeo4j, launchNeo4j } from '../../server/neo4j/launch.js';
import { graphChecksum, NEO4J_START_MS, openTestStore } from '../helpers/neo4j.js';
import { type RunningServer, repositoryRoot, startServer } from '../helpers/server.js';

const DATABASE = 'neo4j';
const RECOVERY_MS = 120_000;
let port: number;
let uri: string;
let launched: LaunchedNeo4j | undefined;
let server: RunningServer | undefined;
let driver: Driver | undefined;
let expectedPassages: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

const neo4jEnvironment = () => ({
  GRAPH_BACKEND: 'neo4j',
  NEO4J_URI: uri,
  NEO4J_DATABASE: DATABASE,
  CORPUS_DIR: 'corpus',
});

async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = RECOVERY_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const passages = async (running: RunningServer) => {
  const response = await running.graphql<{ stats: { passages: number } }>('{ stats { passages } }');
  return { passages: response.data?.stats.passages, code: response.errors?.[0]?.extensions?.code };
};

beforeAll(async () => {
  port = await freePort();
  uri = `bolt://127.0.0.1:${port}`;
  expectedPassages = (await ingestCorpus([join(repositoryRoot, 'corpus')])).graph.passages.length;
});

afterAll(async () => {
  await server?.stop();
  await driver?.close();
  await launched?.stop();
}, 60_000);

describe('the server on Neo4j', () => {
  it(
    'starts while Neo4j is down, says why it is not ready, answers SERVICE_UNAVAILABLE, and recovers',
    async () => {
      server = await startServer(neo4jEnvironment());
      const readiness = await fetch(`${server.url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toMatchObject({
        ready: false,
        graph: { ready: false, reason: expect.stringMatching(/Neo4j at bolt:\/\/127\.0\.0\.1:\d+ .*unavailable/) },
      });
      expect(await passages(server)).toEqual({ passages: undefined, code: 'SERVICE_UNAVAILABLE' });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      launched = await launchNeo4j({ port });
      const running = server;
      await until('readiness', async () => ((await fetch(`${running.url}/readyz`)).ok ? true : undefined));
      expect(await passages(server)).toEqual({ passages: expectedPassages, code: undefined });
    },
    NEO4J_START_MS + RECOVERY_MS,
  );

  it(
    'recovers without a restart when Neo4j is restarted under it, failing only with SERVICE_UNAVAILABLE meanwhile',
    async () => {
      if (!server || !launched) throw new Error('needs the previous test');
      const running = server;
      const codes = new Set<unknown>();
      let restarting = true;
      const asking = (async () => {
        while (restarting) {
          const { code } = await passages(running);
          if (code) codes.add(code);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await launched.restart();
      restarting = false;
      await asking;
      expect([...codes].filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);

      const answer = await until('an answer after the restart', async () => {
        const result = await passages(running);
        return result.passages === undefined ? undefined : result;
      });
      expect(answer).toEqual({ passages: expectedPassages, code: undefined });
      expect(running.child.exitCode).toBeNull();
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    },
    NEO4J_START_MS + RECOVERY_MS,
  );

  it(
    'converges to a clean load when an ingest is killed half-way and run again',
    async () => {
      if (!launched) throw new Error('needs the first test');
      await server?.stop();
      server = undefined;
      const checker = neo4j.driver(uri);
      driver = checker;
      const loadingNodes = async () => {
        const { records } = await checker.executeQuery(
          `MATCH (generation:Generation {graph: 'default', status: 'loading'})
           MATCH (node:Entity {_generation: generation.number})
           RETURN count(node) AS nodes`,
          {},
          { database: DATABASE },
        );
        return records[0]?.get('nodes').toNumber() as number;
      };

      // The graph the first test loaded holds this corpus's data version, which start-up would keep (it reloads only a
      // store that differs): forgetting it, as for a graph loaded before versions were recorded, makes it load again.
      await checker.executeQuery(
        `MATCH (generation:Generation {graph: 'default', status: 'active'}) REMOVE generation.dataVersion`,
        {},
        { database: DATABASE },
      );
      // Small batches make the load long enough to be caught in the middle.
      const killed = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: repositoryRoot,
        env: {
          ...process.env,
          ...neo4jEnvironment(),
          NEO4J_BATCH_SIZE: '20',
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: await mkdtemp(join(tmpdir(), 'killed-ingest-')),
        },
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => killed.once('exit', resolve));
      await until('a half-done load', async () => ((await loadingNodes()) > 0 ? true : undefined), 60_000);
      killed.kill('SIGKILL');
      await exited;
      expect(await loadingNodes()).toBeGreaterThan(0);

      // The killed load is left alone until its heartbeat is older than the stale limit (its owner is gone).
      const staleLoadMs = 10_000;
      await until('the killed load to go stale', async () => {
        const { records } = await checker.executeQuery(
          `MATCH (generation:Generation {graph: 'default', status: 'loading'})
           RETURN min(timestamp() - generation.heartbeat) AS age`,
          {},
          { database: DATABASE },
        );
        return (records[0]?.get('age')?.toNumber() ?? 0) > staleLoadMs ? true : undefined;
      });
      // The re-run uses the default batch size: convergence must not depend on where the batches fall.
      server = await startServer({ ...neo4jEnvironment(), NEO4J_STALE_LOAD_MS: String(staleLoadMs) });
      expect(await loadingNodes()).toBe(0);

      const reloaded = await Neo4jGraphStore.open({ uri, database: DATABASE });
      const clean = await openTestStore({ uri, database: DATABASE });
      try {
        await clean.replaceGraph((await ingestCorpus([join(repositoryRoot, 'corpus')])).graph);
        expect(await reloaded.stats()).toEqual(await clean.stats());
        expect(await graphChecksum(reloaded)).toBe(await graphChecksum(clean));
      } finally {
        await reloaded.close();
        await clean.close();
      }
    },
    3 * RECOVERY_MS,
  );
});
