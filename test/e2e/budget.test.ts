/** The production build's initial JavaScript stays within budget; the graph renderer and the charts load lazily. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/server.js';

const dist = join(repositoryRoot, 'web/dist');
const BUDGET_BYTES = 250 * 1024;

describe('bundle budget', () => {
  it('loads at most 250 KB of gzipped JavaScript up front, without cytoscape or the charts', async () => {
    const html = await readFile(join(dist, 'index.html'), 'utf8');
    const initial = [
      ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
    ].map((match) => match[1] ?? '');
    expect(initial.length).toBeGreaterThan(0);
    let total = 0;
    for (const file of initial) {
      const code = await readFile(join(dist, file), 'utf8');
      const gzipped = gzipSync(code).length;
      total += gzipped;
      console.log(`initial ${file}: ${(code.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
      expect(code).not.toContain('cytoscape');
      expect(file).not.toMatch(/GraphPage|CoverageChart|TimelineChart/);
    }
    console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
