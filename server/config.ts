/** Configuration from the environment, validated at start-up; every problem is reported at once. */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false'], 'use true or false').transform((value) => value === 'true');

/** Origins as a browser sends them: scheme, host and port, nothing more; `*` for any. */
const origins = z.string().transform((text, context) => {
  const list = text
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (origin !== '*' && !/^https?:\/\/[^/\s?#]+$/.test(origin))
      context.addIssue({
        code: 'custom',
        message: `${JSON.stringify(origin)} is not an origin: list them as https://example.org, with no path (and never null)`,
      });
  }
  return list;
});

/** Variables never shown in an error message, even when invalid: they are passwords. */
const SECRETS = new Set(['ADMIN_TOKEN', 'NEO4J_PASSWORD', 'MEILI_KEY']);

export const ConfigSchema = z.object({
  PORT: port.default(4000).describe('HTTP port (`0` picks a free one)'),
  HOST: z.string().default('0.0.0.0').describe('interface to listen on'),
  DATA_DIR: z
    .string()
    .min(1)
    .default('data')
    .describe('where the ingested graph, the embedded search index and the manifest live'),
  CORPUS_DIR: z
    .string()
    .min(1)
    .default('corpus')
    .describe('the corpus ingested at start-up (when `DATA_DIR` is missing or older) and by `reingest`'),
  GRAPH_BACKEND: z.enum(['memory', 'neo4j']).default('memory').describe('`memory` (embedded graphology) or `neo4j`'),
  SEARCH_BACKEND: z
    .enum(['embedded', 'meilisearch'])
    .default('embedded')
    .describe('`embedded` (in-process, kept in SQLite) or `meilisearch`'),
  NEO4J_URI: z
    .string()
    .optional()
    .describe('the Neo4j server, e.g. `bolt://localhost:7687`; needed when `GRAPH_BACKEND=neo4j`'),
  NEO4J_USER: z.string().default('neo4j').describe('Neo4j user'),
  NEO4J_PASSWORD: z.string().default('').describe('Neo4j password (empty: no authentication)'),
  NEO4J_DATABASE: z.string().default('neo4j').describe('Neo4j database'),
  NEO4J_GRAPH: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, `_` or `-`')
    .default('default')
    .describe(
      'which graph in the Neo4j database this app loads and serves; apps that share one database each need their own',
    ),
  NEO4J_BATCH_SIZE: z.coerce.number().int().positive().default(1000).describe('rows per Neo4j load transaction'),
  NEO4J_LOAD_CONCURRENCY: z.coerce
    .number()
    .int()
    .positive()
    .default(2)
    .describe('Neo4j load transactions in flight at once'),
  NEO4J_STALE_LOAD_MS: z.coerce
    .number()
    .int()
    .min(10_000)
    .default(60_000)
    .describe('a Neo4j load whose heartbeat is older than this (ms) is taken as abandoned and deleted'),
  NEO4J_CACHES: z
    .enum(['on', 'off'])
    .default('on')
    .describe(
      '`off` loads Neo4j without its derived caches (`_neighbours`, `_links`, `_themeLinks`) and reads by walking the graph instead (for `npm run bench:api`)',
    ),
  MEILI_URL: z
    .string()
    .optional()
    .describe('the Meilisearch server, e.g. `http://localhost:7700`; needed when `SEARCH_BACKEND=meilisearch`'),
  MEILI_KEY: z
    .string()
    .optional()
    .describe('Meilisearch API key (its master key, or a key allowed to manage the index)'),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'letters, digits, - and _ only')
    .default('cyber_policy')
    .describe('the Meilisearch index searched; rebuilds are swapped into it'),
  MEILI_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5000)
    .describe('longest wait for one Meilisearch request before search answers `SERVICE_UNAVAILABLE`'),
  SEARCH_FALLBACK: z
    .enum(['embedded'])
    .optional()
    .describe('`embedded`: answer from the embedded index while Meilisearch is unreachable'),
  ADMIN_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters: generate one with `openssl rand -hex 24`')
    .optional()
    .describe('enables the `reingest` mutation (at least 16 characters); unset, writes are disabled'),
  MAX_QUERY_BYTES: z.coerce.number().int().positive().default(20_000).describe('largest GraphQL request body accepted'),
  CORS_ORIGINS: origins
    .default([])
    .describe(
      'origins (comma-separated, e.g. `https://a.example,https://b.example`) whose pages may call `/graphql`; `*` for any; unset, CORS is off. Never with credentials: the API takes a bearer token, not cookies',
    ),
  GRAPHIQL: flag.default(true).describe('`false`: no GraphiQL at `/graphql`'),
  GRAPHQL_INTROSPECTION: flag
    .default(true)
    .describe('`false`: introspection queries are refused (GraphiQL needs them)'),
  GRAPHQL_SUGGESTIONS: flag
    .default(true)
    .describe('`false`: validation errors do not suggest field names ("Did you mean …?")'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function shown(key: string, values: Record<string, string | undefined>): string {
  const value = values[key];
  if (value !== undefined && SECRETS.has(key)) return `${value.length} characters, not shown`;
  return JSON.stringify(value ?? null);
}

/** Reads the configuration; empty variables count as unset. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape).flatMap((key) => (environment[key] ? [[key, environment[key]]] : [])),
  );
  const result = ConfigSchema.safeParse(relevant);
  const problems = result.success
    ? []
    : result.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message} (got ${shown(String(issue.path[0]), relevant)})`,
      );
  // Checked on the raw values, so that they are reported along with any other problem.
  if (relevant.GRAPH_BACKEND === 'neo4j' && !relevant.NEO4J_URI) {
    problems.push('NEO4J_URI: is required when GRAPH_BACKEND=neo4j (e.g. bolt://localhost:7687)');
  }
  if (relevant.SEARCH_BACKEND === 'meilisearch' && !relevant.MEILI_URL) {
    problems.push('MEILI_URL: is required when SEARCH_BACKEND=meilisearch (e.g. http://localhost:7700)');
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/** One variable as the README's table and `.env.example` present it, read from the schema itself. */
export interface ConfigVariable {
  name: string;
  /** The default as it would be written in the environment; undefined when the variable has none. */
  defaultValue?: string;
  meaning: string;
  secret: boolean;
}

export function configVariables(): ConfigVariable[] {
  return Object.entries(ConfigSchema.shape).map(([name, schema]) => {
    const definition = schema.def;
    const fallback = definition.type === 'default' ? definition.defaultValue : undefined;
    return {
      name,
      defaultValue: Array.isArray(fallback) ? fallback.join(',') || undefined : fallback?.toString() || undefined,
      meaning: schema.description ?? '',
      secret: SECRETS.has(name),
    };
  });
}
