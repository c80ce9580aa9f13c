/**
 * README's "Query the graph yourself": every query in it, run against a real Neo4j holding the bundled corpus,
 * answers what the corpus says; and the `Live` label those queries rely on marks exactly one node per id, during a
 * reload too.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphNode, type KnowledgeGraph, meaningfulRelationshipTypes, type NodeOf } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { liveLabel } from '../../server/graph/cypher-queries.js';
import type { Neo4jGraphStore } from '../../server/graph/neo4j-graph-store.js';
import { fromNeo4j } from '../../server/graph/neo4j-values.js';
import { NEO4J_START_MS, openTestStore, type TestNeo4j, testNeo4j } from '../helpers/neo4j.js';
import { repositoryRoot } from '../helpers/server.js';

const SECTION = '### Query the graph yourself';

/** The section's queries in order, each under its bold title. */
async function readmeQueries(): Promise<{ title: string; cypher: string }[]> {
  const readme = await readFile(join(repositoryRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  return [...section.matchAll(/\*\*(\d+\. [^*]+)\*\*\s+```cypher\n([\s\S]*?)```/g)].map((match) => ({
    title: match[1] as string,
    cypher: match[2] as string,
  }));
}

const graphName = `readme-${randomUUID()}`;
let testServer: TestNeo4j;
let store: Neo4jGraphStore;
let driver: Driver;
let corpus: KnowledgeGraph;
let queries: { title: string; cypher: string }[];

beforeAll(async () => {
  corpus = (await ingestCorpus([join(repositoryRoot, 'corpus')])).graph;
  queries = await readmeQueries();
  testServer = await testNeo4j();
  store = await openTestStore(testServer, { graph: graphName });
  await store.replaceGraph(corpus);
  driver = neo4j.driver(
    testServer.uri,
    process.env.NEO4J_PASSWORD
      ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD)
      : undefined,
  );
}, NEO4J_START_MS);

afterAll(async () => {
  await driver?.close();
  await store?.close();
  await testServer?.stop();
}, 60_000);

/** Runs README query `number` on this file's graph instead of the default one. */
async function run(number: number): Promise<Record<string, unknown>[]> {
  const query = queries.find(({ title }) => title.startsWith(`${number}. `));
  if (!query) throw new Error(`README.md's "${SECTION}" has no query ${number}`);
  const cypher = query.cypher.replaceAll("{graph: 'default'}", `{graph: '${graphName}'}`);
  const session = driver.session({ database: testServer.database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(cypher);
    return result.records.map((record) => fromNeo4j(record.toObject()) as Record<string, unknown>);
  } finally {
    await session.close();
  }
}

const node = <K extends GraphNode['kind']>(id: string) => corpus.nodes.find((item) => item.id === id) as NodeOf<K>;
const nodeOf = (id: string) => corpus.nodes.find((item) => item.id === id);
const labelOf = (id: string) => nodeOf(id)?.label;
const relationships = (type: string) => corpus.relationships.filter((relationship) => relationship.type === type);
/** The rows in one order whatever the order of their keys, for comparing sets of rows. */
const sorted = <T extends object>(rows: T[]) => {
  const key = (row: T) => JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
};

describe(`README.md's "${SECTION}" on a real Neo4j`, () => {
  it('has at least eight queries, each a researcher question', () => {
    expect(queries.length).toBeGreaterThanOrEqual(8);
  });

  it('1. finds who spoke or wrote to the 2014 forum, with each text and its source', async () => {
    const forum = 'event:china-asean-cyberspace-forum-2014';
    const texts = relationships('PRESENTED_AT')
      .filter((link) => link.to === forum)
      .map((link) => link.from);
    const expected = texts.flatMap((text) => {
      const speakers = relationships('DELIVERED').filter((link) => link.to === text);
      const row = { text: labelOf(text), source: nodeOf(text)?.provenance.url };
      return speakers.length
        ? speakers.map((link) => ({ speaker: labelOf(link.from) ?? null, ...row }))
        : [{ speaker: null, ...row }];
    });
    expect(expected.length).toBeGreaterThan(0);
    const rows = (await run(1)).map(({ speaker, text, source }) => ({ speaker, text, source }));
    expect(sorted(rows)).toEqual(sorted(expected));
  });

  it('2. lists what implements the Cybersecurity Law, with the source of each link', async () => {
    const expected = relationships('IMPLEMENTS')
      .filter((link) => link.to === 'instrument:cn-cybersecurity-law-2016')
      .map((link) => ({
        instrument: labelOf(link.from),
        source: link.provenance.url,
        note: link.properties.note ?? null,
      }));
    expect(expected.length).toBeGreaterThan(0);
    const rows = (await run(2)).map(({ instrument, source, note }) => ({ instrument, source, note }));
    expect(sorted(rows)).toEqual(sorted(expected));
  });

  it('3. lists the lineage links between instruments of different countries', async () => {
    const types = ['IMPLEMENTS', 'MODELED_ON', 'AMENDS', 'SUPERSEDES', 'REFERENCES'];
    const countriesOf = (id: string) => {
      const found = nodeOf(id);
      return found?.kind === 'Instrument' ? JSON.stringify(found.countries) : undefined;
    };
    const expected = corpus.relationships
      .filter((link) => types.includes(link.type) && nodeOf(link.from)?.kind === 'Instrument')
      .filter((link) => nodeOf(link.to)?.kind === 'Instrument' && countriesOf(link.from) !== countriesOf(link.to))
      .map((link) => ({ instrument: labelOf(link.from), link: link.type, target: labelOf(link.to) }));
    const rows = (await run(3)).map(({ instrument, link, target }) => ({ instrument, link, target }));
    expect(sorted(rows)).toEqual(sorted(expected));
  });

  it('4. finds a shortest path from Lu Wei to Viet Nam as long as a breadth-first search over the corpus', async () => {
    const [from, to] = ['person:lu-wei', 'country:VN'];
    const neighbours = new Map<string, string[]>();
    for (const link of corpus.relationships) {
      if (!(meaningfulRelationshipTypes as string[]).includes(link.type)) continue;
      neighbours.set(link.from, [...(neighbours.get(link.from) ?? []), link.to]);
      neighbours.set(link.to, [...(neighbours.get(link.to) ?? []), link.from]);
    }
    const distance = new Map([[from, 0]]);
    for (let frontier = [from]; frontier.length && !distance.has(to); ) {
      frontier = frontier.flatMap((id) =>
        (neighbours.get(id) ?? []).filter(
          (next) => !distance.has(next) && distance.set(next, (distance.get(id) ?? 0) + 1),
        ),
      );
    }
    expect(distance.get(to)).toBeDefined();
    const [path] = await run(4);
    expect(path?.hops).toBe(distance.get(to));
    const through = path?.through as string[];
    expect([through[0], through.at(-1)]).toEqual([labelOf(from), labelOf(to)]);
  });

  it('5. gives every fact about Viet Nam’s 2018 law with its source, relationships included', async () => {
    const id = 'instrument:vn-cybersecurity-law-2018';
    const law = node<'Instrument'>(id);
    const expected = corpus.relationships
      .filter((link) => link.from === id || link.to === id)
      .map((link) => ({
        relationship: link.type,
        with: link.from === id ? link.to : link.from,
        source: link.provenance.url ?? null,
      }));
    const [row] = await run(5);
    expect(row).toMatchObject({
      instrument: law.label,
      date: law.date,
      status: law.status,
      source: law.provenance.url,
    });
    expect(sorted(row?.links as object[])).toEqual(sorted(expected));
  });

  it('6. lists each country’s instruments on personal data', async () => {
    const addressing = new Set(
      relationships('ADDRESSES')
        .filter((link) => link.to === 'theme:personal-data')
        .map((link) => link.from),
    );
    const byCountry = new Map<string, string[]>();
    for (const link of relationships('ENACTED')) {
      if (nodeOf(link.from)?.kind !== 'Country' || !addressing.has(link.to)) continue;
      byCountry.set(link.from, [...(byCountry.get(link.from) ?? []), link.to]);
    }
    const expected = [...byCountry].map(([country, laws]) => ({
      country: labelOf(country),
      instruments: laws.sort().map(labelOf),
    }));
    expect(expected.length).toBeGreaterThan(5);
    expect(sorted(await run(6))).toEqual(sorted(expected));
  });

  it('7. gives each country’s approach to data governance with its judgement and sources', async () => {
    const expected = corpus.nodes.flatMap((country) =>
      country.kind === 'Country'
        ? country.approaches
            .filter((approach) => approach.theme === 'theme:data-governance')
            .map((approach) => ({
              country: country.label,
              coverage: approach.coverage,
              judgement: approach.label ?? null,
              summary: approach.summary,
              sources: approach.sources,
            }))
        : [],
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(sorted(await run(7))).toEqual(sorted(expected));
  });

  it('8. gives the versions of the Cybersecurity Law, oldest first, with their changes', async () => {
    const versions = node<'Instrument'>('instrument:cn-cybersecurity-law-2016').versions ?? [];
    expect(versions.length).toBeGreaterThan(1);
    const rows = await run(8);
    expect(
      rows.map(({ version, inForceFrom, inForceUntil, amendedBy }) => ({
        version,
        inForceFrom,
        inForceUntil,
        amendedBy,
      })),
    ).toEqual(
      versions.map((version) => ({
        version: version.id,
        inForceFrom: version.inForceFrom ?? null,
        inForceUntil: version.inForceUntil ?? null,
        amendedBy: version.amendedBy ?? null,
      })),
    );
    expect(rows.map(({ changes }) => (changes as string[]).length)).toEqual(
      versions.map((version) => version.changes.length),
    );
  });

  it('9. gives what Lu Wei is quoted as saying, and in which text', async () => {
    const expected = relationships('SAID')
      .filter((link) => link.from === 'person:lu-wei')
      .map((link) => node<'Quote'>(link.to))
      .map((quote) => ({ quote: quote.text, in: labelOf(quote.instrument) }));
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted((await run(9)).map(({ quote, in: text }) => ({ quote, in: text })))).toEqual(sorted(expected));
  });

  it('10. gives the paragraphs of a provision in order', async () => {
    const expected = corpus.passages
      .filter((passage) => passage.provision === 'provision:vn-cybersecurity-law-2018-vi:art-26')
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((passage) => ({ paragraph: passage.ordinal, text: passage.text }));
    expect(expected.length).toBeGreaterThan(1);
    expect(await run(10)).toEqual(expected);
  });
});

describe('the live generation', () => {
  it('gives exactly one node per id, through LiveGraph as the README queries start, while the graph is reloaded', async () => {
    const session = driver.session({ database: testServer.database, defaultAccessMode: neo4j.session.READ });
    const counts: number[] = [];
    let reloaded = false;
    const reload = store.replaceGraph(corpus).finally(() => {
      reloaded = true;
    });
    try {
      while (!reloaded) {
        const result = await session.run(
          `MATCH (live:LiveGraph {graph: $graph})
           MATCH (country:Country {_generation: live.generation, id: 'country:CN'})
           RETURN count(country) AS count`,
          { graph: graphName },
        );
        counts.push(fromNeo4j(result.records[0]?.get('count')) as number);
      }
      await reload;
    } finally {
      await session.close();
    }
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.filter((count) => count !== 1)).toEqual([]);
  }, 300_000);

  it("labels the served generation's nodes Live once the reload is done", async () => {
    const session = driver.session({ database: testServer.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(`MATCH (node:${liveLabel(graphName)}:Entity) RETURN count(node) AS count`);
      expect(fromNeo4j(result.records[0]?.get('count'))).toBe(corpus.nodes.length);
    } finally {
      await session.close();
    }
  });
});
