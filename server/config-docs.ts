/**
 * The configuration reference, written from the schema in server/config.ts so that it cannot drift from what
 * the server accepts: the table in README.md (between the `config-table` markers) and `.env.example`.
 * `npm run docs:config` writes both; `npm run docs:config -- --check` fails when either is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { configVariables } from './config.js';

export const readmePath = 'README.md';
export const environmentExamplePath = '.env.example';
const tableStart = '<!-- config-table:start (npm run docs:config writes this table from server/config.ts) -->';
const tableEnd = '<!-- config-table:end -->';

export function configTable(): string {
  const rows = configVariables().map(
    ({ name, defaultValue, meaning }) =>
      `| \`${name}\` | ${defaultValue === undefined ? '–' : `\`${defaultValue}\``} | ${meaning} |`,
  );
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

export function environmentExample(): string {
  const entries = configVariables().map(({ name, defaultValue, meaning, secret }) => {
    const comment = `# ${meaning.replaceAll('`', '')}`;
    // Secrets have no default and must never be committed with a value: they stay commented out.
    const line = defaultValue === undefined ? `# ${name}=` : `${name}=${defaultValue}`;
    return `${comment}${secret ? '; a secret: keep it out of version control' : ''}\n${line}`;
  });
  return [
    '# Every variable the server reads, with its default (written by `npm run docs:config` from server/config.ts).',
    '# Export the ones you change before `npm start`; docker-compose.yml sets the deployed values itself.',
    '',
    entries.join('\n\n'),
    '',
  ].join('\n');
}

/** The README with its configuration table replaced; an error naming the markers when they are missing. */
export function readmeWithConfigTable(readme: string): string {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start)
    throw new Error(`${readmePath}: the markers ${tableStart} and ${tableEnd} are missing; put them around the table`);
  return `${readme.slice(0, start + tableStart.length)}\n${configTable()}\n${readme.slice(end)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const readme = await readFile(readmePath, 'utf8');
  const wanted = new Map([
    [readmePath, readmeWithConfigTable(readme)],
    [environmentExamplePath, environmentExample()],
  ]);
  for (const [path, text] of wanted) {
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current === text) continue;
    if (values.check) {
      console.error(`${path} is out of date: run npm run docs:config`);
      process.exitCode = 1;
    } else {
      await writeFile(path, text);
      console.log(`wrote ${path}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
