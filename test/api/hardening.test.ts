/**
 * What the server refuses and what it tells browsers, on the real app (server/app.ts) listening in this
 * process on a small corpus: a code on every refusal, 400 and 404 where they belong, CORS closed unless
 * configured, security headers, GraphiQL pinned by hash, introspection and suggestions switchable, gzip and
 * brotli for the explorer's files, and hostile corpora reported by start-up and reingest like any other error.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../server/app.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { DataManager, openStores, type Stores } from '../../server/data.js';
import { carriesBearerToken } from '../../server/graphql/auth.js';
import { abusiveQueries } from '../helpers/abuse.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';
import { type GraphqlResponse, graphqlAt, type RunningServer, reingestAndWait } from '../helpers/server.js';

const ADMIN_TOKEN = 'hardening-admin-token-0123456789';
const script = 'console.log("explorer");'.repeat(200);

type Running = Pick<RunningServer, 'url' | 'graphql'>;

const running: { app: App; stores: Stores }[] = [];

/** The app on a fresh data folder, the given corpus and a tiny explorer build; its URL. */
async function serve(environment: Record<string, string>, corpus: string, webRoot: string): Promise<Running> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hardening-data-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CORPUS_DIR: corpus,
    ADMIN_TOKEN,
    ...environment,
  });
  const stores = await openStores(config);
  const data = new DataManager(config, stores, () => {});
  await data.prepare();
  const app = createApp(config, data, webRoot);
  running.push({ app, stores });
  const url = `http://127.0.0.1:${await app.listen()}`;
  return { url, graphql: graphqlAt(url) };
}

const codeOf = (response: GraphqlResponse<unknown>) => response.errors?.[0]?.extensions?.code;

let corpus: string;
let webRoot: string;
let server: Running;

beforeAll(async () => {
  corpus = await writeCorpus({
    ...minimalVocabulary,
    'a.md': lawDocument('vn-a', '', 'Article 1\nNetwork security duties.'),
  });
  webRoot = await writeCorpus({
    'index.html': '<!doctype html><title>Explorer</title><script type="module" src="/assets/app.js"></script>',
    'assets/app.js': script,
  });
  server = await serve({}, corpus, webRoot);
});

afterAll(async () => {
  for (const { app, stores } of running) {
    await app.drain();
    await Promise.all([stores.graph.close(), stores.search.close()]);
  }
});

describe('every refusal has a code', () => {
  it.each(abusiveQueries)('%s', async (_, query, code, message) => {
    const response = await server.graphql(query);
    expect(codeOf(response)).toBe(code);
    expect(response.errors?.[0]?.message).toMatch(message);
    expect((await server.graphql<{ stats: unknown }>('{ stats { passages } }')).data?.stats).toBeDefined();
  });

  it('an unknown enum value in a variable', async () => {
    const response = await server.graphql('query($sort: SearchSort) { search(query: "x", sort: $sort) { total } }', {
      sort: 'SIDEWAYS',
    });
    expect(response.errors?.[0]?.message).toMatch(/SIDEWAYS/);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });

  it('a lone surrogate in a variable, named by its place', async () => {
    const response = await server.graphql(
      'query($filter: SearchFilter) { search(query: "x", filter: $filter) { total } }',
      {
        filter: { countries: ['VN', 'V\ud800'] },
      },
    );
    expect(response.errors?.[0]?.message).toMatch(/^variables\.filter\.countries\[1\] holds a lone UTF-16 surrogate/);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });

  it('a lone surrogate written into the query itself', async () => {
    const response = await server.graphql('{ search(query: "x\\ud800") { total } }');
    expect(codeOf(response)).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('paths', () => {
  it('answers a malformed percent-encoding with 400, not 500', async () => {
    const response = await fetch(`${server.url}/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not valid percent-encoding/);
  });

  it('serves the explorer for its pages with 200, and for any other path with 404', async () => {
    for (const path of ['/', '/compare?countries=CN,VN', '/instrument/vn-a', '/country/VN']) {
      const page = await fetch(`${server.url}${path}`);
      expect([path, page.status]).toEqual([path, 200]);
      expect(await page.text()).toContain('<title>Explorer</title>');
    }
    const missing = await fetch(`${server.url}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<title>Explorer</title>');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });
});

describe('headers', () => {
  it.each([
    ['/healthz', {}],
    [
      '/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ stats { passages } }"}' },
    ],
    ['/', {}],
    ['/nope', {}],
  ])('%s gets nosniff, no referrer, no framing and a CSP', async (path, init) => {
    const response = await fetch(`${server.url}${path}`, init);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('lets the explorer run only its own scripts', async () => {
    const policy = (await fetch(`${server.url}/`)).headers.get('content-security-policy');
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('pins every GraphiQL asset by hash and names its inline scripts in its CSP', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(html).toContain('GraphiQL');
    const external = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(https:[^"]+)"[^>]*>/g)];
    expect(external.length).toBeGreaterThanOrEqual(2);
    for (const [tag, url] of external) {
      expect(tag).toMatch(/integrity="sha384-[A-Za-z0-9+/]{64}"/);
      expect(policy).toContain(url);
    }
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, code]) => code ?? '');
    expect(inline.length).toBeGreaterThan(0);
    for (const code of inline)
      expect(policy).toContain(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('is off by default: no origin, null included, is allowed', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const response = await preflight(server.url, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      const answer = await fetch(`${server.url}/graphql?query={stats{passages}}`, { headers: { origin } });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allows exactly the origins CORS_ORIGINS lists, never with credentials', async () => {
    const listed = await serve({ CORS_ORIGINS: 'https://a.example, https://b.example' }, corpus, webRoot);
    const allowed = await preflight(listed.url, 'https://b.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    for (const origin of ['https://c.example', 'null'])
      expect((await preflight(listed.url, origin)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers * to any origin, without credentials, when CORS_ORIGINS is *', async () => {
    const open = await serve({ CORS_ORIGINS: '*' }, corpus, webRoot);
    const response = await preflight(open.url, 'null');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('production settings', () => {
  const introspection = '{ __schema { queryType { name } } }';

  it('introspection, suggestions and GraphiQL are on by default', async () => {
    expect((await server.graphql<{ __schema: unknown }>(introspection)).data?.__schema).toBeDefined();
    expect((await server.graphql('{ stat }')).errors?.[0]?.message).toMatch(/Did you mean "stats"\?/);
  });

  it('turns each off', async () => {
    const closed = await serve(
      { GRAPHIQL: 'false', GRAPHQL_INTROSPECTION: 'false', GRAPHQL_SUGGESTIONS: 'false' },
      corpus,
      webRoot,
    );
    const refused = await closed.graphql(introspection);
    expect(codeOf(refused)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    const unknown = await closed.graphql('{ stat }');
    expect(unknown.errors?.[0]?.message).toMatch(/Cannot query field "stat"/);
    expect(unknown.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const page = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');
    expect((await closed.graphql<{ stats: unknown }>('{ stats { passages } }')).data?.stats).toBeDefined();
  });
});

describe('compression of the explorer', () => {
  it.each(['br', 'gzip'])('sends %s when the browser accepts it', async (encoding) => {
    const response = await fetch(`${server.url}/assets/app.js`, {
      headers: { 'accept-encoding': `${encoding}, identity` },
    });
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    // fetch decodes the body itself; the length on the wire is what the header states.
    expect(Number(response.headers.get('content-length'))).toBeLessThan(script.length / 10);
    expect(await response.text()).toBe(script);
  });

  it('sends the file as it is to a client that accepts neither', async () => {
    const response = await fetch(`${server.url}/assets/app.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(script);
  });
});

describe('secrets', () => {
  it('never prints a secret in a configuration error', () => {
    const attempt = () => loadConfig({ ADMIN_TOKEN: 'hunter2-secret', NEO4J_PASSWORD: '', CORS_ORIGINS: 'null' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/ADMIN_TOKEN: must be at least 16 characters.*\(got 14 characters, not shown\)/);
    expect(message).toMatch(/CORS_ORIGINS: "null" is not an origin/);
    expect(message).not.toContain('hunter2');
  });

  it('checks the bearer token exactly', () => {
    expect(carriesBearerToken(`Bearer ${ADMIN_TOKEN}`, ADMIN_TOKEN)).toBe(true);
    for (const header of [null, '', ADMIN_TOKEN, `Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`])
      expect(carriesBearerToken(header, ADMIN_TOKEN)).toBe(false);
  });

  it('refuses a wrong token of the right length', async () => {
    const wrong = `Bearer ${'x'.repeat(ADMIN_TOKEN.length)}`;
    const response = await server.graphql('mutation { reingest { ok } }', {}, { authorization: wrong });
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });
});

describe('a hostile corpus at start-up and on reingest', () => {
  it('fails start-up naming the file and the fix', async () => {
    const hostile = await writeCorpus({ ...minimalVocabulary, 'a.md': lawDocument('vn-a', '', 'Text.') });
    await writeFile(
      join(hostile, 'bomb.md'),
      `---\nid: vn-bomb\nkind: law\ntitle: T\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: [${'*b, '.repeat(9)}*b]\n---\nText.\n`,
    );
    await expect(serve({}, hostile, webRoot)).rejects.toThrow(
      /bomb\.md:6: YAML aliases expand.*\n\s+hint: write the values out/,
    );
  });

  it('fails start-up naming a link to itself, not with the error of the file system', async () => {
    const looping = await writeCorpus({ ...minimalVocabulary, 'a.md': lawDocument('vn-a', '', 'Text.') });
    await symlink(join(looping, 'self.md'), join(looping, 'self.md'));
    await expect(serve({}, looping, webRoot)).rejects.toThrow(/self\.md.*symbolic link/);
  });

  it('reports a link out of the corpus in the reingest job and keeps serving', async () => {
    const changing = await writeCorpus({ ...minimalVocabulary, 'a.md': lawDocument('vn-a', '', 'Text.') });
    const live = await serve({}, changing, webRoot);
    const outside = await writeCorpus({ 'passwd.txt': 'root:x:0:0:root:/root:/bin/bash\n' });
    await mkdir(join(changing, 'sg'));
    await symlink(join(outside, 'passwd.txt'), join(changing, 'sg/passwd.txt'));
    await writeFile(join(changing, 'sg/passwd.yaml'), 'id: sg-passwd\nkind: law\ntitle: Passwords\n');
    const { finished } = await reingestAndWait(live, ADMIN_TOKEN);
    expect(finished).toMatchObject({ status: 'FAILED', failure: null });
    expect(finished.errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/sg\/passwd\.txt$/),
        message: expect.stringContaining('outside the corpus'),
      }),
    ]);
    const search = await live.graphql<{ search: { total: number } }>('{ search(query: "root bin bash") { total } }');
    expect(search.data?.search.total).toBe(0);
  });
});
