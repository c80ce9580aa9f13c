/** The configuration reference users copy from: README's table and `.env.example`, both written from the schema. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import {
  environmentExample,
  environmentExamplePath,
  readmePath,
  readmeWithConfigTable,
} from '../../server/config-docs.js';

function parseEnvironmentFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => {
        const separator = line.indexOf('=');
        return [line.slice(0, separator), line.slice(separator + 1)];
      }),
  );
}

describe('configuration reference', () => {
  it(`${readmePath}'s configuration table is current (regenerate with npm run docs:config)`, async () => {
    const readme = await readFile(readmePath, 'utf8');
    expect(readme, `${readmePath} is out of date: run npm run docs:config`).toBe(readmeWithConfigTable(readme));
  });

  it(`${environmentExamplePath} is current (regenerate with npm run docs:config)`, async () => {
    const current = await readFile(environmentExamplePath, 'utf8');
    expect(current, `${environmentExamplePath} is out of date: run npm run docs:config`).toBe(environmentExample());
  });

  it(`${environmentExamplePath} copied as it is gives the defaults, with no secret set`, async () => {
    const values = parseEnvironmentFile(await readFile(environmentExamplePath, 'utf8'));
    expect(loadConfig(values)).toEqual(loadConfig({}));
    for (const secret of ['ADMIN_TOKEN', 'NEO4J_PASSWORD', 'MEILI_KEY']) expect(values).not.toHaveProperty(secret);
  });
});
