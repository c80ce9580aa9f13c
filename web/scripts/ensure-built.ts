/** Builds web/dist when it is missing or older than the explorer's sources, so `npm start` serves the explorer
 * on a fresh clone and tests run against the current code. Quiet when the build is up to date. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const webRoot = join(import.meta.dirname, '..');
const builtIndex = join(webRoot, 'dist/index.html');

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

export async function ensureWebBuilt(): Promise<'fresh' | 'built'> {
  const sources = await Promise.all(
    ['src', 'index.html', 'vite.config.ts'].map((entry) => newestChange(join(webRoot, entry))),
  );
  const built = await stat(builtIndex).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  if (built !== undefined && built >= Math.max(...sources)) return 'fresh';
  console.log(
    built === undefined
      ? 'Web explorer: web/dist is missing; building it (vite build)…'
      : 'Web explorer: web/src changed since the last build; rebuilding web/dist (vite build)…',
  );
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`Web explorer: built web/dist in ${Date.now() - started} ms.`);
  return 'built';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureWebBuilt().catch((error: Error) => {
    console.error(`Web explorer: the build failed, the API will still start: ${error.message}`);
  });
}
