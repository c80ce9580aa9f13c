/**
 * The hostile-input battery in small, on each backend: hostile corpus files on reingest, GraphQL abuse, and
 * injection strings (Cypher, Meilisearch filter, quotes, backslashes, unicode) through every string argument of
 * the schema and the admin token. After each, the stores must hold exactly what they held before (a checksum of
 * everything the graph store and the search index serve), every refusal must carry a code, and the server must
 * go on answering. Sized for two shared cores: a corpus of two documents, in-process servers.
 */
import { rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../server/app.js';
import { type Config, loadConfig } from '../../server/config.js';
import { DataManager, openStores, type Stores } from '../../server/data.js';
import { buildSchema } from '../../server/graphql/schema.js';
import { openSearchIndex } from '../../server/search/open.js';
import { abusiveQueries } from '../helpers/abuse.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';
import {
  deleteIndex,
  MEILISEARCH_START_MS,
  meilisearchEnvironment,
  meilisearchUnavailable,
} from '../helpers/meilisearch.js';
import { graphChecksum, NEO4J_START_MS, openTestStore, type TestNeo4j, testNeo4j } from '../helpers/neo4j.js';
import { type GraphqlResponse, graphqlAt, type RunningServer, reingestAndWait } from '../helpers/server.js';

const ADMIN_TOKEN = 'battery-admin-token-0123456789';

/** What an attacker types into a string field: each aimed at a query language the stores speak, or at parsing. */
const injections = [
  "'}) DETACH DELETE n //",
  '"}) DETACH DELETE n //',
  '`) MATCH (n) DETACH DELETE n //',
  '"x" OR 1=1',
  'VN" OR countries EXISTS OR "',
  "x' OR '1'='1",
  '\\',
  '\\"; \\\\ \\\' \\n',
  '*',
  '%_.*$',
  '中国 Việt Nam ความมั่นคง \u202e\u0000\u200b 🛡️',
  '\ud800 lone surrogate',
  '',
  'a'.repeat(2_000),
];

/** A valid value for each required argument that is not the one under attack, by argument name. */
const validValues: Record<string, unknown> = {
  query: 'network',
  id: 'instrument:vn-a',
  code: 'VN',
  countries: ['VN'],
  from: 'instrument:vn-a',
  to: 'country:VN',
  ids: ['instrument:vn-a'],
  anchor: 'art-1',
  theme: 'theme:cybersecurity',
};

/** How to reach an object type's fields from the root: the fields that lead to one, with valid arguments. */
const entryPoints: Record<string, string[]> = {
  Query: [],
  Country: ['country(code: "VN")'],
  Instrument: ['instrument(id: "instrument:vn-a")'],
  InstrumentVersion: ['instrument(id: "instrument:vn-a")', 'versions'],
  Provision: ['instrument(id: "instrument:vn-a")', 'provisions', 'nodes'],
};

/** One place a string can go: an argument, an element of a list argument, or a field of an input object. */
interface StringSlot {
  name: string;
  owner: GraphQLObjectType;
  field: string;
  argument: GraphQLArgument;
  /** The argument's value with `value` in this slot. */
  fill: (value: string) => unknown;
}

/** The argument's value with `value` in every string slot of its type (a list gets one element). */
function slotsOf(type: GraphQLInputType, place: (value: unknown) => unknown, path: string): StringSlot['fill'][] {
  const inner = getNullableType(type);
  if (isListType(inner)) return slotsOf(inner.ofType, (value) => place([value]), `${path}[]`);
  if (isInputObjectType(inner)) {
    return Object.values(inner.getFields()).flatMap((field) =>
      slotsOf(field.type, (value) => place({ [field.name]: value }), `${path}.${field.name}`),
    );
  }
  return inner.name === 'String' || inner.name === 'ID' ? [(value: string) => place(value)] : [];
}

/** Every string slot of every argument of every field of the schema. */
function stringSlots(): StringSlot[] {
  const schema = buildSchema();
  return Object.values(schema.getTypeMap()).flatMap((type) => {
    if (!isObjectType(type) || type.name.startsWith('__')) return [];
    return Object.values(type.getFields()).flatMap((field) =>
      field.args.flatMap((argument) =>
        slotsOf(argument.type, (value) => value, argument.name).map((fill) => ({
          name: `${type.name}.${field.name}(${argument.name})`,
          owner: type,
          field: field.name,
          argument,
          fill,
        })),
      ),
    );
  });
}

/** A request with `value` in `slot` and valid values in the other required arguments. */
function requestFor(slot: StringSlot, value: string): { query: string; variables: Record<string, unknown> } {
  const field = slot.owner.getFields()[slot.field];
  if (!field) throw new Error(`no field ${slot.field} on ${slot.owner.name}`);
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const passed: string[] = [];
  for (const argument of field.args) {
    let given: unknown;
    if (argument === slot.argument) given = slot.fill(value);
    else if (isNonNullType(argument.type) && argument.defaultValue === undefined) {
      given = validValues[argument.name];
      if (given === undefined) throw new Error(`validValues needs a value for ${slot.name}'s ${argument.name}`);
    } else continue;
    variables[argument.name] = given;
    declarations.push(`$${argument.name}: ${String(argument.type)}`);
    passed.push(`${argument.name}: $${argument.name}`);
  }
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const call = `${slot.field}(${passed.join(', ')})${selection}`;
  const entry = entryPoints[slot.owner.name];
  if (entry === undefined) throw new Error(`entryPoints needs a way to reach ${slot.owner.name}`);
  return {
    query: `query(${declarations.join(', ')}) { ${entry.reduceRight((inner, step) => `${step} { ${inner} }`, call)} }`,
    variables,
  };
}

/** Why an answer is not a clear error or a plain answer; undefined when it is one. */
function unclear(response: GraphqlResponse<unknown>): string | undefined {
  if (response.status >= 500) return `HTTP ${response.status}`;
  for (const error of response.errors ?? []) {
    const code = error.extensions?.code;
    // The requests are well-formed by construction: a parse or validation refusal means the battery missed its aim.
    if (!code || ['INTERNAL_SERVER_ERROR', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'].includes(String(code)))
      return `${error.message} (code ${String(code)})`;
  }
  return undefined;
}

/** A checksum of everything both stores serve. */
async function fingerprint(stores: Stores): Promise<string> {
  // An empty query matches every document.
  const all = { text: '', filter: {}, sort: 'date_asc', offset: 0, limit: 1_000 } as const;
  const { hits, total } = await stores.search.search(all);
  return JSON.stringify({
    graph: await graphChecksum(stores.graph),
    documents: await stores.search.count(),
    searched: { total, ids: hits.map((hit) => hit.id) },
  });
}

interface Backend {
  name: string;
  start: () => Promise<{
    environment: Record<string, string>;
    open: (config: Config) => Promise<Stores>;
  }>;
  stop?: () => Promise<void>;
  startTimeoutMs: number;
  unavailable?: string;
}

let neo4j: TestNeo4j | undefined;
const meili = meilisearchEnvironment('battery');
const backends: Backend[] = [
  { name: 'embedded', start: async () => ({ environment: {}, open: openStores }), startTimeoutMs: 30_000 },
  {
    name: 'Neo4j',
    start: async () => {
      const started = await testNeo4j();
      neo4j = started;
      return {
        environment: {},
        // A graph of this file's own in the shared database.
        open: async (config) => ({ graph: await openTestStore(started), search: await openSearchIndex(config) }),
      };
    },
    stop: async () => neo4j?.stop(),
    startTimeoutMs: NEO4J_START_MS + 30_000,
  },
  {
    name: 'Meilisearch',
    start: async () => ({ environment: meili ?? {}, open: openStores }),
    stop: async () => {
      if (meili) await deleteIndex(meili);
    },
    startTimeoutMs: MEILISEARCH_START_MS + 30_000,
    ...(meilisearchUnavailable() ? { unavailable: meilisearchUnavailable() } : {}),
  },
];

const documents = {
  'national/vn/a.md': lawDocument(
    'vn-a',
    '',
    'Article 1\nNetwork security duties of operators.\n\nArticle 2\nData stored within the territory.',
  ),
  'national/vn/b.md': lawDocument('vn-b', 'date: 2018-06-12\n', 'Article 1\nCybersecurity of critical systems.'),
};

for (const backend of backends) {
  const title = `the battery on ${backend.name}${backend.unavailable ? ` (skipped: ${backend.unavailable})` : ''}`;
  describe.skipIf(Boolean(backend.unavailable))(title, () => {
    let corpus: string;
    let stores: Stores;
    let app: App;
    let server: Pick<RunningServer, 'url' | 'graphql'>;
    let before: string;
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

    beforeAll(async () => {
      const { environment, open } = await backend.start();
      corpus = await writeCorpus({ ...minimalVocabulary, ...documents });
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: await writeCorpus({}),
        CORPUS_DIR: corpus,
        ADMIN_TOKEN,
        ...environment,
      });
      stores = await open(config);
      const data = new DataManager(config, stores, () => {});
      await data.prepare();
      app = createApp(config, data, await writeCorpus({ 'index.html': '<!doctype html><title>Explorer</title>' }));
      const url = `http://127.0.0.1:${await app.listen()}`;
      server = { url, graphql: graphqlAt(url) };
      before = await fingerprint(stores);
    }, backend.startTimeoutMs);

    afterAll(async () => {
      await app?.drain();
      await Promise.all([stores?.graph.close(), stores?.search.close()]);
      await backend.stop?.();
    });

    /** The server still answers from the data it held at the start. */
    const expectUnchanged = async () => {
      expect(await fingerprint(stores)).toBe(before);
      const search = await server.graphql<{ search: { total: number } }>(
        '{ search(query: "network security") { total } }',
      );
      expect(search.data?.search.total).toBeGreaterThan(0);
    };

    it('answers injection strings in every string argument with a clear error or a plain answer', async () => {
      const slots = stringSlots();
      expect(slots.length).toBeGreaterThan(20);
      const problems: string[] = [];
      const codes = new Set<string>();
      for (const slot of slots) {
        for (const value of injections) {
          const { query, variables } = requestFor(slot, value);
          const response = await server.graphql(query, variables, admin);
          codes.add(String(response.errors?.[0]?.extensions?.code ?? 'answered'));
          const why = unclear(response);
          if (why) problems.push(`${slot.name} = ${JSON.stringify(value.slice(0, 40))}: ${why}`);
        }
      }
      expect(problems.slice(0, 10)).toEqual([]);
      console.log(`${slots.length} string arguments × ${injections.length} strings: ${[...codes].join(', ')}`);
      await expectUnchanged();
    }, 300_000);

    it('refuses injection strings as the admin token, with a code', async () => {
      // A header carries Latin-1 only, without control characters: the strings a client can send there.
      for (const value of injections.filter((injection) => /^[\x20-\x7e]*$/.test(injection))) {
        const response = await server.graphql('mutation { reingest { id } }', {}, { authorization: `Bearer ${value}` });
        expect([value.slice(0, 40), response.errors?.[0]?.extensions?.code]).toEqual([
          value.slice(0, 40),
          'UNAUTHENTICATED',
        ]);
      }
      await expectUnchanged();
    });

    it('refuses abusive queries with their codes and goes on serving', async () => {
      for (const [name, query, code] of abusiveQueries) {
        const response = await server.graphql(query);
        expect([name, response.errors?.[0]?.extensions?.code]).toEqual([name, code]);
      }
      await expectUnchanged();
    });

    /** Reingests with `path` added to the corpus: one error, at `path`, and the previous data still served. */
    const expectRefusedOnReingest = async (path: string, expected: Record<string, unknown>) => {
      try {
        const { finished } = await reingestAndWait(server, ADMIN_TOKEN);
        expect(finished).toMatchObject({ status: 'FAILED', failure: null });
        expect(finished.errors).toEqual([
          expect.objectContaining({ file: expect.stringContaining(path), hint: expect.any(String), ...expected }),
        ]);
      } finally {
        await rm(join(corpus, path));
      }
      await expectUnchanged();
    };

    it.each([
      [
        'a YAML alias bomb',
        'national/vn/bomb.md',
        `---\nid: vn-bomb\nkind: law\ntitle: T\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: [${'*b, '.repeat(9)}*b]\n---\nText.\n`,
        { line: 6, message: /alias/, hint: /write the values out/ },
      ],
      [
        'brackets nested 20,000 deep',
        'national/vn/deep.md',
        `---\nid: vn-deep\nkind: law\ntitle: T\nthemes: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\nText.\n`,
        { line: 5, message: /nests .* too deeply/, hint: /unclosed/ },
      ],
      [
        'a file over the size limit',
        'national/vn/huge.md',
        lawDocument('vn-huge', '', `Article 1\n${'Network security. '.repeat(400_000)}`),
        { line: null, message: /over the limit/, hint: /--max-file-size|split/ },
      ],
    ])(
      'refuses %s on reingest at its file and line, and goes on serving the previous data',
      async (_, path, content, { line, message, hint }) => {
        await writeFile(join(corpus, path), content);
        await expectRefusedOnReingest(path, {
          line,
          message: expect.stringMatching(message),
          hint: expect.stringMatching(hint),
        });
      },
    );

    it.each([
      ['a link out of the corpus', 'national/vn/passwd.md', 'outside', /outside the corpus/],
      ['a link to itself', 'national/vn/self.md', 'national/vn/self.md', /leads back to itself/],
      ['a folder linked into itself', 'national/vn/loop', 'national', /reached through a symbolic link/],
    ])('refuses %s on reingest by name, and goes on serving the previous data', async (_, path, target, message) => {
      const outside = async () =>
        join(await writeCorpus({ 'passwd.md': 'root:x:0:0:root:/root:/bin/bash\n' }), 'passwd.md');
      await symlink(target === 'outside' ? await outside() : join(corpus, target), join(corpus, path));
      await expectRefusedOnReingest(path, { message: expect.stringMatching(message) });
      const served = await server.graphql<{ search: { total: number } }>(
        '{ search(query: "root bin bash") { total } }',
      );
      expect(served.data?.search.total).toBe(0);
    });
  });
}
