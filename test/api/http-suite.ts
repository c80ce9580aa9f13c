/**
 * The API over HTTP, against the real server process started as `npm start` would, on the bundled
 * corpus (plus the seed article when the team's shared/ folder is beside the repository). One suite, run once
 * per configuration: test/api/http.test.ts (embedded), http-neo4j.test.ts, http-meilisearch.test.ts and
 * http-neo4j-meilisearch.test.ts (the configuration docker-compose.yml deploys).
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusWithSeed, type RunningServer, reingestAndWait, seedAvailable, startServer } from '../helpers/server.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface HttpApiBackend {
  /** Started before the server; what it returns is added to the server's environment. */
  start?: () => Promise<Record<string, string>>;
  stop?: () => Promise<void>;
  /** How long `start` plus the server's first ingest may take. */
  startTimeoutMs?: number;
  /** Why this backend cannot run here, if it cannot (shown as the suite's name). */
  unavailable?: string;
}

export function describeHttpApi(name: string, backend: HttpApiBackend = {}): void {
  const title = `HTTP API on ${name}${backend.unavailable ? ` (skipped: ${backend.unavailable})` : ''}`;
  describe.skipIf(Boolean(backend.unavailable))(title, () => {
    let server: RunningServer;
    let corpusDir: string;

    beforeAll(async () => {
      const environment = (await backend.start?.()) ?? {};
      corpusDir = await corpusWithSeed();
      server = await startServer({ ...environment, CORPUS_DIR: corpusDir, ADMIN_TOKEN });
    }, backend.startTimeoutMs ?? 90_000);
    afterAll(async () => {
      await server?.stop();
      await backend.stop?.();
    }, 60_000);

    const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
      response.errors?.[0]?.extensions?.code;

    describe('health', () => {
      it('answers /healthz and /readyz', async () => {
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ ready: true });
      });

      it('serves GraphiQL to a browser', async () => {
        const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('GraphiQL');
      });
    });

    describe.skipIf(!seedAvailable)('the seed questions', () => {
      it('who spoke at the 2014 forum', async () => {
        const { data } = await server.graphql<{
          event: { participants: { label: string }[]; documents: { deliveredBy: { label: string }[] }[] };
        }>(`{
      event(id: "event:china-asean-cyberspace-forum-2014") { participants { label } documents { deliveredBy { label } } }
    }`);
        const speakers = new Set([
          ...(data?.event.participants.map((p) => p.label) ?? []),
          ...(data?.event.documents.flatMap((d) => d.deliveredBy.map((p) => p.label)) ?? []),
        ]);
        for (const name of ['Lu Wei', 'Charles Zhang', 'Qi Xiangdong', 'Zhu Guang', 'Liu Yunshan'])
          expect(speakers).toContain(name);
      });

      it('search "information harbor" finds Lu Wei\'s quote', async () => {
        const { data } = await server.graphql<{
          search: { edges: { node: { kind: string; node: { speaker?: { label: string } } } }[] };
        }>(`{
      search(query: "information harbor", filter: { kinds: [Quote] }, first: 10) { edges { node { kind node { ... on Quote { speaker { label } } } } } }
    }`);
        const speakers = data?.search.edges.map((edge) => edge.node.node.speaker?.label);
        expect(speakers).toContain('Lu Wei');
      });

      it('a path from Lu Wei to the Treaty of Amity and Cooperation', async () => {
        const { data } = await server.graphql<{
          connections: { length: number; nodes: { id: string }[]; relationships: { type: string }[] }[];
        }>(`{
      connections(from: "person:lu-wei", to: "instrument:treaty-of-amity-and-cooperation-1976", maxHops: 4) { length nodes { id } relationships { type } }
    }`);
        const [path] = data?.connections ?? [];
        expect(path?.nodes[0]?.id).toBe('person:lu-wei');
        expect(path?.nodes.at(-1)?.id).toBe('instrument:treaty-of-amity-and-cooperation-1976');
        expect(path?.relationships).toHaveLength(path?.length ?? -1);
        for (const relationship of path?.relationships ?? [])
          expect(['ADDRESSES', 'BASED_IN', 'MENTIONS']).not.toContain(relationship.type);
      });
    });

    describe('search', () => {
      const search = async (query: string, filter = '{}') => {
        const response = await server.graphql<{
          search: {
            total: number;
            edges: {
              node: {
                id: string;
                kind: string;
                instrument: { id: string; countries: { code: string }[] } | null;
                snippet: { text: string; highlights: { start: number; end: number }[] };
                matchedFields: {
                  field: string;
                  snippet: { text: string; highlights: { start: number; end: number }[] };
                }[];
              };
            }[];
          };
        }>(
          `query($q: String!) { search(query: $q, filter: ${filter}, first: 20) { total edges { node { id kind instrument { id countries { code } } snippet { text highlights { start end } } matchedFields { field snippet { text highlights { start end } } } } } } }`,
          { q: query },
        );
        expect(response.errors).toBeUndefined();
        return response.data?.search ?? { total: 0, edges: [] };
      };
      const countriesOf = (result: Awaited<ReturnType<typeof search>>) =>
        result.edges.flatMap((edge) => edge.node.instrument?.countries.map((c) => c.code) ?? []);

      it('finds Chinese text', async () => {
        const result = await search('网络安全');
        expect(countriesOf(result)).toContain('CN');
      });

      it('finds Thai text', async () => {
        const result = await search('ข้อมูลส่วนบุคคล');
        expect(countriesOf(result)).toContain('TH');
      });

      it('finds Vietnamese with and without diacritics, highlighting the accented words', async () => {
        const accented = await search('an ninh mạng');
        const plain = await search('an ninh mang');
        expect(countriesOf(accented)).toContain('VN');
        expect(plain.edges.map((edge) => edge.node.id)).toEqual(accented.edges.map((edge) => edge.node.id));
        const highlighted = plain.edges.flatMap((edge) =>
          edge.node.matchedFields.flatMap(({ snippet }) =>
            snippet.highlights.map((h) => snippet.text.slice(h.start, h.end).toLowerCase()),
          ),
        );
        expect(highlighted).toContain('mạng');
      });

      it('forgives a typo', async () => {
        const response = await server.graphql<{
          search: { total: number; expansions: { term: string; matched: string[] }[] };
        }>('{ search(query: "cyberspase") { total expansions { term matched } } }');
        expect(response.data?.search.total).toBeGreaterThan(0);
        expect(response.data?.search.expansions[0]?.matched).toContain('cyberspace');
      });

      it('filters by country and gives facet counts with labels', async () => {
        const response = await server.graphql<{
          search: {
            total: number;
            facets: { country: { value: string; label: string; count: number }[] };
            edges: { node: { instrument: { countries: { code: string }[] } | null } }[];
          };
        }>(
          '{ search(query: "personal data", filter: { countries: ["VN"] }) { total facets { country { value label count } } edges { node { instrument { countries { code } } } } } }',
        );
        const search = response.data?.search;
        expect(search?.total).toBeGreaterThan(0);
        for (const edge of search?.edges ?? [])
          expect(edge.node.instrument?.countries.map((c) => c.code) ?? []).toContain('VN');
        const facets = search?.facets.country ?? [];
        expect(facets.find((facet) => facet.value === 'VN')).toMatchObject({ label: 'Vietnam', count: search?.total });
        expect(facets.length).toBeGreaterThan(1);
      });
    });

    describe('compare, timeline, similarity, entities', () => {
      it('compares countries theme by theme', async () => {
        const { data, errors } = await server.graphql<{
          compare: {
            cells: {
              country: { code: string };
              theme: { id: string };
              count: number;
              instruments: { id: string; countries: { code: string }[] }[];
              approach: { summary: string } | null;
            }[];
          };
        }>(
          '{ compare(countries: ["CN", "SG", "VN"], themes: ["personal-data", "cybercrime"]) { cells { country { code } theme { id } count earliest instruments { id countries { code } } approach { summary } } } }',
        );
        expect(errors).toBeUndefined();
        const cells = data?.compare.cells ?? [];
        expect(cells.map((cell) => `${cell.theme.id}/${cell.country.code}`)).toEqual([
          'theme:personal-data/CN',
          'theme:personal-data/SG',
          'theme:personal-data/VN',
          'theme:cybercrime/CN',
          'theme:cybercrime/SG',
          'theme:cybercrime/VN',
        ]);
        for (const cell of cells)
          for (const instrument of cell.instruments)
            expect(instrument.countries.map((c) => c.code)).toContain(cell.country.code);
        expect(
          cells.find((cell) => cell.theme.id === 'theme:personal-data' && cell.country.code === 'SG')?.count,
        ).toBeGreaterThan(0);
      });

      it('gives the overview: every country × every top-level theme, sub-themes on demand, as GraphQL, CSV and JSON', async () => {
        const { data } = await server.graphql<{
          countries: { code: string }[];
          themes: { id: string; parent: { id: string } | null }[];
          overview: { cells: { country: { code: string }; theme: { id: string }; judgement: string }[] };
        }>(
          '{ countries { code } themes { id parent { id } } overview { cells { country { code } theme { id } judgement } } }',
        );
        const countries = data?.countries.map((country) => country.code) ?? [];
        const topLevel = data?.themes.filter((theme) => !theme.parent).map((theme) => theme.id) ?? [];
        expect(countries).toHaveLength(11);
        const cells = data?.overview.cells ?? [];
        expect(cells).toHaveLength(countries.length * topLevel.length);
        expect(new Set(cells.map((cell) => cell.theme.id))).toEqual(new Set(topLevel));
        // Cambodia's curated approaches include drafts: the overview shows them as such.
        expect(cells.some((cell) => cell.country.code === 'KH' && cell.judgement === 'draft_only')).toBe(true);

        const csv = await fetch(`${server.url}/api/overview.csv?subThemes=true`);
        expect(csv.status).toBe(200);
        expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(csv.headers.get('content-disposition')).toContain('overview-with-sub-themes.csv');
        const lines = (await csv.text()).trim().split('\r\n');
        expect(lines[0]).toBe(
          'country,countryName,theme,themeLabel,parentTheme,judgement,judgementInWords,approachLabel,judgedFrom,instruments,provisions,earliest,compare',
        );
        expect(lines).toHaveLength(1 + countries.length * (data?.themes.length ?? 0));
        const chinaCybercrime = lines.find((line) => line.startsWith('CN,China,theme:cybercrime,'));
        expect(chinaCybercrime).toContain(',instrument,Has an instrument,');
        expect(chinaCybercrime).toContain('/compare?countries=CN&themes=theme%3Acybercrime');

        const json = await fetch(`${server.url}/api/overview.json`);
        const { rows } = (await json.json()) as { rows: { country: string; theme: string; judgedFrom: string }[] };
        expect(rows).toHaveLength(cells.length);
        expect(rows.every((row) => row.judgedFrom === 'curated')).toBe(true);

        const bad = await fetch(`${server.url}/api/overview.csv?subThemes=yes`);
        expect(bad.status).toBe(400);
        expect(await bad.text()).toContain('subThemes must be true or false');
      });

      it('gives a dated timeline, oldest first', async () => {
        const { data } = await server.graphql<{
          timeline: { entries: { date: string; countries: { code: string }[] }[] };
        }>('{ timeline(countries: ["VN"], from: "2015", to: "2025") { entries { date countries { code } } } }');
        const entries = data?.timeline.entries ?? [];
        expect(entries.length).toBeGreaterThan(2);
        const dates = entries.map((entry) => entry.date);
        expect(dates).toEqual([...dates].sort());
        expect(dates.every((date) => date >= '2015' && date.slice(0, 4) <= '2025')).toBe(true);
      });

      it('ranks similar countries and explains the score', async () => {
        type Point = {
          sentence: string;
          theme: { label: string };
          firstInstruments: { id: string }[];
          otherInstruments: { id: string }[];
        };
        const { data } = await server.graphql<{
          similarCountries: {
            country: { code: string; label: string };
            score: number;
            sharedThemes: { id: string }[];
            agreements: Point[];
            differences: Point[];
          }[];
        }>(
          '{ similarCountries(code: "VN", first: 10) { country { code label } score sharedThemes { id } agreements { ...Point } differences { ...Point } } } fragment Point on SimilarityPoint { sentence theme { label } firstInstruments { id } otherInstruments { id } }',
        );
        const ranked = data?.similarCountries ?? [];
        expect(ranked).toHaveLength(10);
        expect(ranked.map((entry) => entry.country.code)).not.toContain('VN');
        const scores = ranked.map((entry) => entry.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        expect(ranked[0]?.sharedThemes.length).toBeGreaterThan(0);
        // Scores spread out: they follow what the countries do, not a near-constant cosine of document counts.
        expect((scores[0] ?? 0) - (scores.at(-1) ?? 0)).toBeGreaterThan(0.1);
        // Each pair says in words where the two agree and differ, naming the other country and its evidence.
        for (const entry of ranked) {
          const points = [...entry.agreements, ...entry.differences];
          expect(points.length).toBeGreaterThan(0);
          for (const point of points) {
            expect(point.sentence).toMatch(/Vietnam|Viet Nam/);
            expect(point.sentence).toContain(point.theme.label);
          }
          expect(points.some((point) => point.firstInstruments.length > 0 && point.otherInstruments.length > 0)).toBe(
            true,
          );
        }
      });

      it('gives an instrument with its provisions, related instruments and a citation', async () => {
        const { data } = await server.graphql<{
          instrument: {
            titleLocal: string;
            provision: { label: string; text: string };
            related: { type: string; direction: string }[];
            citation: string;
          };
        }>(
          '{ instrument(id: "instrument:cn-cybersecurity-law-2016") { titleLocal provision(anchor: "art-37") { label text } related { type direction } citation(anchor: "art-37") } }',
        );
        expect(data?.instrument.titleLocal).toBe('中华人民共和国网络安全法');
        expect(data?.instrument.provision.label).toBe('Article 37');
        expect(data?.instrument.related).toContainEqual({ type: 'AMENDS', direction: 'INCOMING' });
        // Cited today, Article 37 of the 2016 text is Article 39 of the law as amended from 2026-01-01, a number the
        // corpus infers from the renumbering around it.
        expect(data?.instrument.citation).toMatch(
          /Cybersecurity Law of the People's Republic of China .*, as amended by Decision of the Standing Committee .* of 2025-10-28, in force 2026-01-01, Article 39 \(number not confirmed by a source\)\. Source: https?:\/\/.* \(checked \d{4}-\d{2}-\d{2}\)\./,
        );
      });

      it('explains how Lu Wei is connected to China, step by step with sources, through his role at the CAC', async () => {
        const { data } = await server.graphql<{
          connections: {
            nodes: { id: string }[];
            throughHubs: boolean;
            steps: { sentence: string; forward: boolean; source: string | null; relationship: { label: string } }[];
          }[];
        }>(`{
      connections(from: "person:lu-wei", to: "country:CN") {
        nodes { id } throughHubs steps { sentence forward source relationship { label } }
      }
    }`);
        const paths = data?.connections ?? [];
        expect(paths.length).toBeGreaterThan(1);
        const viaCac = paths.find(
          (path) => path.nodes.map((node) => node.id).join(' ') === 'person:lu-wei org:cac country:CN',
        );
        expect(viaCac?.throughHubs).toBe(false);
        expect(viaCac?.steps.map((step) => step.sentence)).toEqual([
          'Lu Wei was Director (Minister) of Cyberspace Administration of China.',
          'Cyberspace Administration of China is an organisation of China.',
        ]);
        expect(viaCac?.steps.map((step) => step.relationship.label)).toEqual(['held a role at', 'is based in']);
        for (const step of viaCac?.steps ?? []) {
          expect(step.forward).toBe(true);
          expect(step.source).toMatch(/^https?:\/\//);
        }
      });

      it('lists the relationship kinds in words, saying which connections follows by default', async () => {
        const { data } = await server.graphql<{
          relationshipKinds: { type: string; label: string; connectsByDefault: boolean }[];
        }>('{ relationshipKinds { type label connectsByDefault } }');
        const kinds = new Map(data?.relationshipKinds.map((kind) => [kind.type, kind]));
        expect(kinds.get('HELD_ROLE')).toEqual({ type: 'HELD_ROLE', label: 'held a role at', connectsByDefault: true });
        expect(kinds.get('MENTIONS')?.connectsByDefault).toBe(false);
        expect(kinds.get('ADDRESSES')?.connectsByDefault).toBe(false);
      });

      it("lists the Cybersecurity Law's versions: as enacted, then as amended from 2026-01-01 with Article 37 renumbered", async () => {
        const { data } = await server.graphql<{
          instrument: {
            versions: {
              id: string;
              amendedBy: { id: string } | null;
              inForceFrom: string;
              inForceUntil: string | null;
              changes: { change: string; number: string | null; to: string | null }[];
            }[];
          };
        }>(
          '{ instrument(id: "instrument:cn-cybersecurity-law-2016") { versions { id amendedBy { id } inForceFrom inForceUntil changes { change number to } } } }',
        );
        const [original, amended] = data?.instrument.versions ?? [];
        expect(original).toMatchObject({ amendedBy: null, inForceFrom: '2017-06-01', inForceUntil: '2026-01-01' });
        expect(amended).toMatchObject({
          amendedBy: { id: 'instrument:cn-cybersecurity-law-amendment-2025' },
          inForceFrom: '2026-01-01',
          inForceUntil: null,
        });
        expect(amended?.changes).toContainEqual({ change: 'replace', number: '40', to: '42' });
      });

      const csl = 'instrument(id: "instrument:cn-cybersecurity-law-2016")';
      const amendedId = 'cn-cybersecurity-law-2016@cn-cybersecurity-law-amendment-2025';
      interface Placed {
        number: string;
        anchor: string;
        provision: { id: string };
        version: { id: string };
        unverified: string[];
      }
      type VersionAsOf = { id: string; label: string; provisions: Placed[] };

      it('answers asOf: the Cybersecurity Law before and after the 2025 amendment, with Article 37 renumbered under one id', async () => {
        const { data } = await server.graphql<{
          before: { version: VersionAsOf };
          after: { version: VersionAsOf };
          notYet: { version: null };
          article: { versions: Placed[]; before: Placed; after: Placed };
          inserted: { before: null; after: Placed };
        }>(`{
          before: ${csl} { version(asOf: "2025-12-31") { id label provisions { number anchor provision { id } } } }
          after: ${csl} { version(asOf: "2026-01-01") { id label provisions { number anchor provision { id } } } }
          notYet: ${csl} { version(asOf: "2017-05-31") { id } }
          article: node(id: "provision:cn-cybersecurity-law-2016:art-37") { ... on Provision {
            versions { number anchor unverified version { id } }
            before: version(asOf: "2020-01-01") { number anchor }
            after: version(asOf: "2026-06-01") { number anchor }
          } }
          inserted: node(id: "provision:cn-cybersecurity-law-2016:art-3@cn-cybersecurity-law-amendment-2025") { ... on Provision {
            before: version(asOf: "2020-01-01") { number }
            after: version { number anchor }
          } }
        }`);
        const before = data?.before.version ?? { id: '', label: '', provisions: [] };
        const after = data?.after.version ?? { id: '', label: '', provisions: [] };
        expect(before).toMatchObject({ id: 'cn-cybersecurity-law-2016@original', label: 'as originally enacted' });
        expect(after.id).toBe(amendedId);
        expect(after.label).toMatch(
          /^as amended by Decision of the Standing Committee .* of 2025-10-28, in force 2026-01-01$/,
        );
        const numberOf = (version: { provisions: Placed[] }, id: string) =>
          version.provisions.find((placed) => placed.provision.id === id)?.number;
        expect(numberOf(before, 'provision:cn-cybersecurity-law-2016:art-37')).toBe('37');
        expect(numberOf(after, 'provision:cn-cybersecurity-law-2016:art-37')).toBe('39');
        expect(
          numberOf(before, 'provision:cn-cybersecurity-law-2016:art-3@cn-cybersecurity-law-amendment-2025'),
        ).toBeUndefined();
        expect(numberOf(after, 'provision:cn-cybersecurity-law-2016:art-3@cn-cybersecurity-law-amendment-2025')).toBe(
          '3',
        );
        expect(data?.notYet.version).toBeNull();
        expect(data?.article.versions.map((placed) => [placed.version.id, placed.anchor, placed.unverified])).toEqual([
          ['cn-cybersecurity-law-2016@original', 'art-37', []],
          [amendedId, 'art-39', ['number']],
        ]);
        expect(data?.article.before).toEqual({ number: '37', anchor: 'art-37' });
        expect(data?.article.after).toEqual({ number: '39', anchor: 'art-39' });
        expect(data?.inserted).toEqual({ before: null, after: { number: '3', anchor: 'art-3' } });
      });

      it("cites a provision in the version in force on asOf, with that version's source, and refuses a malformed asOf", async () => {
        const { data } = await server.graphql<{ instrument: { enacted: string; amended: string } }>(
          `{ ${csl} { enacted: citation(anchor: "art-37", asOf: "2020-01-01") amended: citation(anchor: "art-37", asOf: "2026-01-01") } }`,
        );
        expect(data?.instrument.enacted).toMatch(
          /, in force 2017-06-01, as originally enacted, Article 37\. Source: https:\/\/www\.cac\.gov\.cn\/2016-11\/07\/c_1119867116\.htm \(checked \d{4}-\d{2}-\d{2}\)\.$/,
        );
        expect(data?.instrument.amended).toMatch(
          /, in force 2026-01-01, Article 39 \(number not confirmed by a source\)\. Source: https:\/\/www\.secrss\.com\/articles\/87438 /,
        );
        const inserted = await server.graphql(
          `{ ${csl} { citation(anchor: "art-3@cn-cybersecurity-law-amendment-2025", asOf: "2020-01-01") } }`,
        );
        expect(codeOf(inserted)).toBe('BAD_USER_INPUT');
        expect(inserted.errors?.[0]?.message).toMatch(
          /^Argument asOf: Article 3 is not part of .* as originally enacted/,
        );
        for (const asOf of ['1 January 2026', '2025-02-30']) {
          const response = await server.graphql(`{ ${csl} { version(asOf: "${asOf}") { id } } }`);
          expect(codeOf(response)).toBe('BAD_USER_INPUT');
          expect(response.errors?.[0]?.message).toMatch(
            /^Argument asOf: ".*" is not a (date written YYYY-MM-DD|day of the calendar)/,
          );
        }
      });

      it("limits search to law in force on a day: Viet Nam's 2018 Cybersecurity Law before the 2025 law superseded it, not after", async () => {
        const search = (inForceOn: string) =>
          server.graphql<{ search: { edges: { node: { kind: string; instrument: { id: string } | null } }[] } }>(
            `{ search(query: "Viet Nam cybersecurity law", filter: { inForceOn: "${inForceOn}" }, first: 50) { edges { node { kind instrument { id } } } } }`,
          );
        const instruments = async (day: string) =>
          new Set((await search(day)).data?.search.edges.map((edge) => edge.node.instrument?.id));
        const in2020 = await instruments('2020-01-01');
        expect(in2020).toContain('instrument:vn-cybersecurity-law-2018');
        expect(in2020).not.toContain('instrument:vn-cybersecurity-law-2025');
        const late2026 = await instruments('2026-12-01');
        expect(late2026).toContain('instrument:vn-cybersecurity-law-2025');
        expect(late2026).not.toContain('instrument:vn-cybersecurity-law-2018');
        const kinds = new Set((await search('2026-12-01')).data?.search.edges.map((edge) => edge.node.kind));
        for (const kind of kinds) expect(['Instrument', 'Provision', 'Quote']).toContain(kind);
        const bad = await search('2026-13-01');
        expect(codeOf(bad)).toBe('BAD_USER_INPUT');
        expect(bad.errors?.[0]?.message).toMatch(
          /^Argument filter\.inForceOn: "2026-13-01" is not a day of the calendar/,
        );
      });

      it('diffs the Cybersecurity Law as enacted against the law as amended: inserted, renumbered and changed articles, words marked', async () => {
        const { data } = await server.graphql<{
          instrument: {
            diff: {
              from: { id: string };
              to: { id: string };
              provisions: {
                provision: { id: string };
                before: { number: string; text: string } | null;
                after: { number: string; text: string | null } | null;
                added: boolean;
                removed: boolean;
                renumbered: boolean;
                textChanged: boolean;
                words: { change: string; text: string }[] | null;
              }[];
            };
          };
        }>(`{ ${csl} { diff(from: "cn-cybersecurity-law-2016@original", to: "${amendedId}") {
          from { id } to { id }
          provisions { provision { id } before { number text } after { number text } added removed renumbered textChanged words { change text } }
        } } }`);
        const diff = data?.instrument.diff;
        expect(diff?.to.id).toBe(amendedId);
        const byId = new Map(diff?.provisions.map((entry) => [entry.provision.id, entry]));
        expect(byId.get('provision:cn-cybersecurity-law-2016:art-3@cn-cybersecurity-law-amendment-2025')).toMatchObject(
          {
            added: true,
            before: null,
            after: { number: '3' },
          },
        );
        expect(byId.get('provision:cn-cybersecurity-law-2016:art-37')).toMatchObject({
          renumbered: true,
          textChanged: false,
          before: { number: '37' },
          after: { number: '39' },
          words: null,
        });
        const article40 = byId.get('provision:cn-cybersecurity-law-2016:art-40');
        expect(article40).toMatchObject({ renumbered: true, textChanged: true, after: { number: '42' } });
        const words = article40?.words ?? [];
        expect(words.some((part) => part.change === 'ADDED')).toBe(true);
        expect(
          words
            .filter((part) => part.change !== 'REMOVED')
            .map((part) => part.text)
            .join(''),
        ).toBe(article40?.after?.text);
        expect(
          words
            .filter((part) => part.change !== 'ADDED')
            .map((part) => part.text)
            .join(''),
        ).toBe(article40?.before?.text);
        const unknown = await server.graphql(
          `{ ${csl} { diff(from: "cn-cybersecurity-law-2016@2019", to: "${amendedId}") { from { id } } } }`,
        );
        expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
        expect(unknown.errors?.[0]?.message).toContain('its versions are cn-cybersecurity-law-2016@original, ');
      });

      it('gives a neighbourhood within its limit', async () => {
        const { data } = await server.graphql<{ neighborhood: { nodes: { id: string }[]; truncated: boolean } }>(
          '{ neighborhood(id: "country:CN", depth: 2, limit: 25) { nodes { id } truncated } }',
        );
        expect(data?.neighborhood.nodes).toHaveLength(25);
        expect(data?.neighborhood.truncated).toBe(true);
      });
    });

    describe('exports: a neighbourhood, a path or a search result as a file', () => {
      const download = async (path: string) => {
        const response = await fetch(`${server.url}${path}`);
        return { response, text: await response.text() };
      };
      // Strict: any error in the XML fails the test.
      const xml = (text: string) =>
        new DOMParser({
          onError: (level, message) => {
            throw new Error(`XML ${level}: ${message}`);
          },
        }).parseFromString(text, 'text/xml');
      const dataOf = (element: Element, key: string) =>
        [...element.getElementsByTagName('data')].find((data) => data.getAttribute('key') === key)?.textContent;

      it('a neighbourhood as GraphML for Cytoscape: every edge joins exported nodes, every node has its source', async () => {
        const { response, text } = await download('/export/neighborhood.graphml?id=person:lu-wei&depth=1&limit=50');
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.graphml"/);
        const document = xml(text);
        expect(document.documentElement?.nodeName).toBe('graphml');
        const nodes = [...document.getElementsByTagName('node')];
        const ids = new Set(nodes.map((node) => node.getAttribute('id')));
        expect(ids).toContain('person:lu-wei');
        expect(ids).toContain('org:cac');
        for (const node of nodes) expect(dataOf(node, 'n_document'), node.getAttribute('id') ?? '').toBeTruthy();
        const edges = [...document.getElementsByTagName('edge')];
        expect(edges.length).toBeGreaterThan(0);
        for (const edge of edges) {
          expect(ids).toContain(edge.getAttribute('source'));
          expect(ids).toContain(edge.getAttribute('target'));
          expect(dataOf(edge, 'e_document')).toBeTruthy();
        }
      });

      it('the same neighbourhood as GEXF for Gephi and as JSON holds the same nodes and edges', async () => {
        const query = 'id=person:lu-wei&depth=1&limit=50';
        const gexf = xml((await download(`/export/neighborhood.gexf?${query}`)).text);
        expect(gexf.documentElement?.nodeName).toBe('gexf');
        const json = JSON.parse((await download(`/export/neighborhood.json?${query}`)).text) as {
          nodes: { id: string }[];
          edges: { id: string }[];
        };
        const gexfNodes = [...gexf.getElementsByTagName('node')].map((node) => node.getAttribute('id'));
        expect(gexfNodes.sort()).toEqual(json.nodes.map((node) => node.id).sort());
        expect(gexf.getElementsByTagName('edge').length).toBe(json.edges.length);
      });

      it('connections as an edge list in CSV: each step with its sentence and source', async () => {
        const { response, text } = await download(
          '/export/connections.edges.csv?from=person:lu-wei&to=country:CN&maxHops=4',
        );
        expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
        const [header, ...rows] = text.trim().split('\n');
        expect(header).toMatch(/^Source,Target,/);
        expect(header).toContain('sentence');
        expect(rows.some((row) => row.startsWith('person:lu-wei,org:cac,'))).toBe(true);
        for (const row of rows) expect(row).toMatch(/https?:\/\//);
      });

      it("a search's results as CSV, in the order search gives them", async () => {
        const { text } = await download('/export/search.nodes.csv?query=Vietnam+cybersecurity+law');
        const { data } = await server.graphql<{ search: { edges: { node: { node: { id: string } } }[] } }>(
          '{ search(query: "Vietnam cybersecurity law", first: 3) { edges { node { node { ... on Node { id } } } } } }',
        );
        const exported = text
          .trim()
          .split('\n')
          .slice(1, 4)
          .map((row) => row.split(',')[0]);
        expect(exported).toEqual(data?.search.edges.map((edge) => edge.node.node.id));
      });

      it('a bad export URL says what to write instead, and an unknown id is a 404', async () => {
        const unknownView = await download('/export/constructor.json');
        expect(unknownView.response.status).toBe(404);
        expect(unknownView.text).toContain('/export/neighborhood.gexf?id=');
        const badNumber = await download('/export/neighborhood.json?id=person:lu-wei&depth=two');
        expect(badNumber.response.status).toBe(400);
        expect(badNumber.text).toContain('depth');
        expect((await download('/export/neighborhood.gexf?id=person:nobody')).response.status).toBe(404);
      });
    });

    describe('bad arguments get a clear error with a code', () => {
      it.each([
        [
          'an unknown id',
          '{ instrument(id: "instrument:nope") { title } }',
          'NOT_FOUND',
          /Instrument "instrument:nope" not found/,
        ],
        [
          'an unknown country code',
          '{ compare(countries: ["XX"]) { cells { count } } }',
          'BAD_USER_INPUT',
          /countries: unknown country code "XX"/,
        ],
        [
          'first: -1',
          '{ search(query: "data", first: -1) { total } }',
          'BAD_USER_INPUT',
          /first: must be an integer from 0 to 100/,
        ],
        [
          'first over 100',
          '{ instruments(first: 1000) { total } }',
          'BAD_USER_INPUT',
          /first: must be an integer from 0 to 100/,
        ],
        [
          'maxHops over 6',
          '{ connections(from: "person:lu-wei", to: "country:CN", maxHops: 9) { length } }',
          'BAD_USER_INPUT',
          /maxHops: must be an integer from 1 to 6/,
        ],
        ['a forged cursor', '{ instruments(after: "bm9wZQ") { total } }', 'BAD_USER_INPUT', /after: is not a cursor/],
        ['an unknown field', '{ nope }', 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope"/],
      ])('%s', async (_, query, code, message) => {
        const response = await server.graphql(query);
        expect(codeOf(response)).toBe(code);
        expect(response.errors?.[0]?.message).toMatch(message);
        expect(JSON.stringify(response)).not.toMatch(/\s+at .*\.ts:\d+/);
      });
    });

    describe('limits refuse a request and the server keeps serving', () => {
      const deep = `{ theme(id: "data-localisation") { ${'parent { '.repeat(14)}label${' }'.repeat(14)} } }`;
      const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: stats { passages }`).join(' ')} }`;
      const tokens = `{ ${'a '.repeat(4000)}}`;
      const costly = `{ countries { instruments(first: 100) { nodes { provisions(first: 100) { nodes { themes { children { label } } } } } } } }`;

      it.each([
        ['depth', deep, /depth/i],
        ['aliases', aliases, /aliases/i],
        ['tokens', tokens, /token/i],
        ['cost', costly, /cost/i],
      ])('%s', async (_, query, message) => {
        const response = await server.graphql(query);
        expect(response.errors?.[0]?.message).toMatch(message);
        expect(response.data).toBeUndefined();
        expect((await server.graphql('{ stats { passages } }')).data).toBeDefined();
      });

      it('a 10 MB query', async () => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ stats { passages } } #${'x'.repeat(10 * 1024 * 1024)}` }),
        });
        expect(response.status).toBe(413);
        expect((await response.json()).errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
        expect((await server.graphql('{ stats { passages } }')).data).toBeDefined();
      });
    });

    describe('writes need the admin token', () => {
      it('refuses reingest without the token', async () => {
        const response = await server.graphql('mutation { reingest { ok } }');
        expect(codeOf(response)).toBe('UNAUTHENTICATED');
        const wrong = await server.graphql('mutation { reingest { ok } }', {}, { authorization: 'Bearer wrong-token' });
        expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
      });

      it('refuses to show a reingest job without the token', async () => {
        const response = await server.graphql('{ reingestJob(id: "any") { status } }');
        expect(codeOf(response)).toBe('UNAUTHENTICATED');
      });

      it('reingests with the token: answers at once with a job, which finishes with the new data', async () => {
        const { started, finished } = await reingestAndWait(server, ADMIN_TOKEN);
        expect(started).toMatchObject({ status: 'RUNNING', ok: null });
        expect(finished).toMatchObject({ status: 'SUCCEEDED', stage: 'FINISHED', ok: true, errors: [], failure: null });
        expect(finished.documents).toBeGreaterThan(50);
        expect(finished.searchDocuments).toBeGreaterThan(finished.documents);
        expect((await server.graphql('{ search(query: "personal data") { total } }')).errors).toBeUndefined();
      });

      it('reports how many search documents are sent and indexed, never going back, all of them at the end', async () => {
        const { finished, polled } = await reingestAndWait(server, ADMIN_TOKEN);
        expect(finished).toMatchObject({
          searchDocumentsSent: finished.searchDocuments,
          searchDocumentsIndexed: finished.searchDocuments,
        });
        for (const [earlier, later] of polled.slice(1).map((job, at) => [polled[at], job] as const)) {
          expect(later.searchDocumentsSent).toBeGreaterThanOrEqual(earlier?.searchDocumentsSent ?? 0);
          expect(later.searchDocumentsIndexed).toBeGreaterThanOrEqual(earlier?.searchDocumentsIndexed ?? 0);
        }
        for (const job of polled) {
          expect(job.searchDocumentsIndexed).toBeLessThanOrEqual(job.searchDocumentsSent);
          expect(job.searchDocumentsSent).toBeLessThanOrEqual(finished.searchDocuments);
        }
      });

      it('gives a second reingest started meanwhile the running job', async () => {
        const authorization = { authorization: `Bearer ${ADMIN_TOKEN}` };
        const [first, second] = await Promise.all(
          [1, 2].map(() =>
            server.graphql<{ reingest: { id: string } }>('mutation { reingest { id } }', {}, authorization),
          ),
        );
        expect(second?.data?.reingest.id).toBe(first?.data?.reingest.id);
        const unknown = await server.graphql('{ reingestJob(id: "no-such-job") { status } }', {}, authorization);
        expect(codeOf(unknown)).toBe('NOT_FOUND');
        // Let it finish, so that the next test starts a job of its own.
        await reingestAndWait(server, ADMIN_TOKEN);
      });
    });

    describe('a failed reingest', () => {
      it('reports every error and keeps the previous data served', async () => {
        const before = await server.graphql<{ stats: { passages: number } }>('{ stats { passages } }');
        const broken = join(corpusDir, 'national/vn/broken.md');
        await writeFile(broken, '---\nid: vn-broken\nkind: law\ntitle: Broken\ndate: 2023-02-30\n---\nText.\n');
        try {
          const { finished } = await reingestAndWait(server, ADMIN_TOKEN);
          expect(finished).toMatchObject({ status: 'FAILED', ok: false, failure: null });
          expect(finished.errors).toContainEqual(
            expect.objectContaining({ file: expect.stringMatching(/broken\.md$/), line: 5, field: 'date' }),
          );
          expect(await server.graphql('{ stats { passages } }')).toEqual(before);
          const search = await server.graphql<{ search: { total: number } }>(
            '{ search(query: "personal data") { total } }',
          );
          expect(search.data?.search.total).toBeGreaterThan(0);
        } finally {
          await rm(broken);
        }
      });
    });
  });
}
