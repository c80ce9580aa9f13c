/** Start-up configuration, writes disabled without a token, and a clean stop on SIGTERM. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, startServer } from '../helpers/server.js';

describe('server lifecycle', () => {
  it('refuses to start on bad configuration, listing every problem', async () => {
    const run = promisify(execFile);
    const failure = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        PORT: 'eighty',
        GRAPH_BACKEND: 'neo4j',
        NEO4J_URI: '',
        NEO4J_GRAPH: 'our graph',
        ADMIN_TOKEN: 'short',
      },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const message = (failure as { stderr: string }).stderr;
    expect(message).toContain('Invalid configuration');
    expect(message).toMatch(/PORT: .*"eighty"/);
    expect(message).toMatch(/NEO4J_URI: is required when GRAPH_BACKEND=neo4j/);
    expect(message).toMatch(/ADMIN_TOKEN: must be at least 16 characters/);
    expect(message).toMatch(/NEO4J_GRAPH: use 1 to 64 letters, digits, `_` or `-`.*"our graph"/);
  });

  it('disables writes without ADMIN_TOKEN, and exits cleanly on SIGTERM', async () => {
    const server = await startServer({ ADMIN_TOKEN: '' });
    const response = await server.graphql(
      'mutation { reingest { ok } }',
      {},
      { authorization: 'Bearer anything-at-all-here' },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const code = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(server.output()).toContain('Stopped cleanly.');
  }, 90_000);
});
