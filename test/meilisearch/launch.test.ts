/** The test launcher itself: a healthy server behind its master key, stopped by pid, and never outliving its parent. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { launchMeilisearch, meilisearchSource } from '../helpers/meilisearch.js';
import { repositoryRoot } from '../helpers/server.js';

const source = meilisearchSource();
if (source.kind !== 'shared') {
  console.warn(
    `Meilisearch launcher tests skipped: ${source.kind === 'none' ? source.why : 'the shared release is not beside the repository'}.`,
  );
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(source.kind !== 'shared')('the Meilisearch launcher', () => {
  it('starts a healthy server that wants its master key, and stop removes it and its database', async () => {
    const launched = await launchMeilisearch();
    const pid = launched.pid() as number;
    expect(await (await fetch(`${launched.url}/health`)).json()).toEqual({ status: 'available' });
    expect((await fetch(`${launched.url}/indexes`)).status).toBe(401);
    const authorised = await fetch(`${launched.url}/version`, { headers: { authorization: `Bearer ${launched.key}` } });
    expect(((await authorised.json()) as { pkgVersion: string }).pkgVersion).toBe('1.50.0');
    await launched.stop();
    expect(alive(pid)).toBe(false);
    expect(existsSync(launched.dbPath)).toBe(false);
  });

  it('takes its server down with it when the process that launched it is killed', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'meili-launch-'));
    const script = join(folder, 'launch.mts');
    await writeFile(
      script,
      `import { launchMeilisearch } from ${JSON.stringify(join(repositoryRoot, 'test/helpers/meilisearch.ts'))};
const launched = await launchMeilisearch();
console.log(JSON.stringify({ pid: launched.pid(), url: launched.url }));
setInterval(() => {}, 1000);
`,
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: parent.stdout }).once('line', (first) => resolve(first)),
    );
    const { pid, url } = JSON.parse(line) as { pid: number; url: string };
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await until(`Meilisearch (pid ${pid}) exiting after its parent`, () => !alive(pid));
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
