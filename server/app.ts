/** The HTTP server: GraphQL (with GraphiQL), health and readiness, the web explorer, request limits. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createYoga } from 'graphql-yoga';
import type { Config } from './config.js';
import type { DataManager, DataSnapshot } from './data.js';
import { OVERVIEW_QUERY, type OverviewData, overviewCsv, overviewRows } from './domain/overview.js';
import { answerExport, type ExecuteGraphql } from './export-route.js';
import { graphiqlContentSecurityPolicy, renderGraphiQL } from './graphiql.js';
import { type Context, createLoaders, type Services } from './graphql/context.js';
import { dataVersionPlugin, type RequestSnapshot } from './graphql/data-version.js';
import { limitCodes, refusalsPlugin, rejectWith } from './graphql/refusals.js';
import { buildSchema } from './graphql/schema.js';
import {
  chooseEncoding,
  compressedFile,
  corsHeaders,
  explorerContentSecurityPolicy,
  securityHeaders,
} from './http-policy.js';
import { searchFallbackPlugin } from './search/meilisearch/fallback.js';

/** Depth, aliases, tokens and cost: enough for the explorer's richest page, far below what hurts. */
export const queryLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 3000,
  maxCost: 20000,
  maxDirectives: 20,
};

const DEFAULT_QUERY = `# Who spoke at the First China–ASEAN Cyberspace Forum, and what did they say?
{
  event(id: "event:china-asean-cyberspace-forum-2014") {
    label
    date
    place
    participants { label }
  }
  search(query: "information harbor", first: 3) {
    total
    edges { node { kind title { text } snippet { text } } }
  }
}
`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The first path segments of the explorer's pages (web/src/App.tsx); any other path is its "not found" page. */
const EXPLORER_SECTIONS = new Set([
  '',
  'search',
  'instrument',
  'country',
  'person',
  'organization',
  'event',
  'compare',
  'graph',
  'timeline',
  'overview',
]);

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

class BodyTooLarge extends Error {}

/** Reads a request body, refusing it as soon as it passes the limit. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export interface App {
  server: Server;
  listen(): Promise<number>;
  /** Stops accepting connections and waits for requests in flight to finish. */
  drain(): Promise<void>;
}

export function createApp(
  config: Config,
  data: DataManager,
  webRoot: string = join(import.meta.dirname, '../web/dist'),
): App {
  const services: Services = {
    graph: data.stores.graph,
    search: data.stores.search,
    reingest: () => data.startReingest(),
    reingestJob: (id) => data.reingestJob(id),
    ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
  };
  const yoga = createYoga<RequestSnapshot, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    graphiql: config.GRAPHIQL && { title: 'China–ASEAN Cyber Policy Graph', defaultQuery: DEFAULT_QUERY },
    renderGraphiQL,
    // CORS is answered in handleGraphql: yoga's would reflect any Origin, `null` included, with credentials.
    cors: false,
    landingPage: false,
    logging: 'warn',
    maskedErrors: true,
    context: ({ request, snapshot }) => ({
      services,
      catalog: snapshot.catalog,
      authorization: request.headers.get('authorization'),
      loaders: createLoaders(services.graph),
    }),
    plugins: [
      dataVersionPlugin(),
      searchFallbackPlugin(),
      EnvelopArmorPlugin({
        maxDepth: { n: queryLimits.maxDepth, onReject: rejectWith(limitCodes.maxDepth) },
        maxAliases: { n: queryLimits.maxAliases, onReject: rejectWith(limitCodes.maxAliases) },
        maxTokens: { n: queryLimits.maxTokens, onReject: rejectWith(limitCodes.maxTokens) },
        costLimit: { maxCost: queryLimits.maxCost, onReject: rejectWith(limitCodes.costLimit) },
        maxDirectives: { n: queryLimits.maxDirectives, onReject: rejectWith(limitCodes.maxDirectives) },
        blockFieldSuggestion: { enabled: !config.GRAPHQL_SUGGESTIONS },
      }),
      refusalsPlugin({ introspection: config.GRAPHQL_INTROSPECTION }),
    ],
  });

  /**
   * Runs `work` on the data version current now, held until the work is done: a reingest switches versions only
   * between answers, so each answer comes from one version of both stores.
   */
  async function onOneVersion<T>(work: (version: DataSnapshot) => Promise<T>): Promise<T> {
    const { version, release } = await data.hold();
    try {
      return await work(version);
    } finally {
      release();
    }
  }

  /** Runs queries on `version` through the same endpoint, limits and plugins a client's request goes through. */
  const executeOn =
    (version: DataSnapshot): ExecuteGraphql =>
    async (query, variables) => {
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      };
      const answer = await yoga.fetch('http://localhost/graphql', init, { snapshot: version });
      return answer.json();
    };

  async function handleGraphql(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(corsHeaders(request.headers.origin, config.CORS_ORIGINS)))
      response.setHeader(name, value);
    if (request.method === 'OPTIONS') {
      response.writeHead(204);
      response.end();
      return;
    }
    let body: Buffer | undefined;
    if (request.method === 'POST') {
      try {
        body = await readBody(request, config.MAX_QUERY_BYTES);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        sendJson(response, 413, {
          errors: [
            {
              message: `Request body is larger than ${config.MAX_QUERY_BYTES} bytes; send a smaller query (or raise MAX_QUERY_BYTES).`,
              extensions: { code: 'REQUEST_TOO_LARGE' },
            },
          ],
        });
        return;
      }
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(', '));
    }
    const init = {
      method: request.method ?? 'GET',
      headers,
      ...(body && body.length > 0 ? { body: new Uint8Array(body.buffer, body.byteOffset, body.length) } : {}),
    } as RequestInit;
    const { answer, answerBody } = await onOneVersion(async (version) => {
      const answer = await yoga.fetch(`http://localhost${request.url ?? '/'}`, init, { snapshot: version });
      return { answer, answerBody: Buffer.from(await answer.arrayBuffer()) };
    });
    const html = answer.headers.get('content-type')?.startsWith('text/html');
    response.writeHead(answer.status, {
      ...Object.fromEntries(answer.headers.entries()),
      ...(html ? { 'content-security-policy': graphiqlContentSecurityPolicy } : {}),
    });
    response.end(answerBody);
  }

  /**
   * The overview heatmap as a file: the explorer's own GraphQL query, answered by the resolvers, as rows.
   * `?subThemes=true` adds each top-level theme's sub-themes.
   */
  async function handleOverview(format: 'csv' | 'json', request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const subThemes = url.searchParams.get('subThemes');
    if (subThemes !== null && subThemes !== 'true' && subThemes !== 'false')
      return sendJson(response, 400, { error: `subThemes must be true or false (got ${JSON.stringify(subThemes)})` });
    const result = await onOneVersion((version) =>
      executeOn(version)<OverviewData>(OVERVIEW_QUERY, { subThemes: subThemes === 'true' }),
    );
    if (!result.data) return sendJson(response, 503, { errors: result.errors });
    const origin = `${request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`;
    const rows = overviewRows(result.data, origin);
    const name = `overview${subThemes === 'true' ? '-with-sub-themes' : ''}.${format}`;
    const body = format === 'csv' ? overviewCsv(rows) : JSON.stringify({ rows }, null, 2);
    response.writeHead(200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-cache',
    });
    response.end(body);
  }

  /** A file of the build, or for a page of the explorer its index.html; false when there is neither. */
  async function handleStatic(pathname: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendJson(response, 400, {
        error: `The path ${pathname} is not valid percent-encoding: encode each byte of UTF-8 as %XX.`,
      });
      return true;
    }
    const relative = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
    const asked = join(webRoot, relative);
    const file = asked.startsWith(webRoot) && (await stat(asked).catch(() => undefined))?.isFile() ? asked : undefined;
    // A missing file with an extension is a missing asset, not a page of the explorer.
    if (!file && extname(relative)) return false;
    const served = file ?? join(webRoot, 'index.html');
    const info = await stat(served).catch(() => undefined);
    if (!info?.isFile()) return false;
    const section = relative.split(/[/\\]/).find(Boolean) ?? '';
    const status = file || EXPLORER_SECTIONS.has(section) ? 200 : 404;
    const encoding = chooseEncoding(request.headers['accept-encoding'], extname(served));
    const body = encoding && (await compressedFile(served, `${info.size}:${info.mtimeMs}`, encoding));
    response.writeHead(status, {
      'content-type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
      'cache-control': served.startsWith(join(webRoot, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': explorerContentSecurityPolicy,
      vary: 'Accept-Encoding',
      ...(body ? { 'content-encoding': encoding, 'content-length': body.length } : { 'content-length': info.size }),
    });
    if (body) response.end(body);
    else createReadStream(served).pipe(response);
    return true;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      const [graph, search] = await Promise.all([services.graph.readiness(), services.search.readiness()]);
      const ready = graph.ready && search.ready;
      return sendJson(response, ready ? 200 : 503, { ready, graph, search });
    }
    if (pathname === '/graphql') return handleGraphql(request, response);
    if (pathname.startsWith('/export/') && request.method === 'GET') {
      const url = new URL(request.url ?? '/', 'http://localhost');
      // Every query of one export reads the same data version.
      const answer = await onOneVersion((version) => answerExport(url, executeOn(version)));
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
      return;
    }
    if (request.method === 'GET' && (pathname === '/api/overview.csv' || pathname === '/api/overview.json'))
      return handleOverview(pathname.endsWith('.csv') ? 'csv' : 'json', request, response);
    if (request.method === 'GET' && (await handleStatic(pathname, request, response))) return;
    sendJson(response, 404, {
      error: `Nothing at ${pathname}. The API is at /graphql; the web explorer is served at / once built (npm run build:web).`,
    });
  }

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    handle(request, response).catch((error: Error) => {
      console.error(`Request ${request.method} ${request.url} failed:`, error);
      if (!response.headersSent)
        sendJson(response, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      else response.end();
    });
  });

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : config.PORT);
        });
      }),
    drain: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
