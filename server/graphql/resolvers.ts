/** Resolvers: thin mappings from the SDL to the GraphStore and SearchIndex ports and server/domain. */
import { GraphQLError, type GraphQLResolveInfo, Kind } from 'graphql';
import {
  type GraphNode,
  type InstrumentVersion,
  meaningfulRelationshipTypes,
  type NodeKind,
  type NodeOf,
  type ProvisionChange,
  type ProvisionInVersion,
  type Relationship,
  type RelationshipType,
  relationshipTypes,
} from '../../ingest/model.js';
import { type CompareCell, compareCells, type InstrumentFacts } from '../domain/compare.js';
import { findConnections } from '../domain/connections.js';
import { type Adoption, diffusionOf, type NotAdopted } from '../domain/diffusion.js';
import { describeRelationship, relationshipWords } from '../domain/relationship-words.js';
import { answerSearch } from '../domain/search.js';
import { pointInWords, rankSimilar, type SimilarityPoint, stancesOf } from '../domain/similarity.js';
import { themeIdOf } from '../domain/themes.js';
import {
  citedVersionWords,
  dayProblem,
  diffVersions,
  inForceOn,
  type ProvisionDifference,
  provisionIn,
  provisionsIn,
  today,
  versionOn,
  versionsOf,
  versionToCite,
  versionWords,
} from '../domain/versions.js';
import { compareIds } from '../graph/graph-store.js';
import type { SearchFilter, SearchSort, Snippet } from '../search/search-index.js';
import { decodeCursor, encodeCursor, intInRange, limits, listOf, page, pageSize } from './arguments.js';
import { carriesBearerToken } from './auth.js';
import type { Context, Services } from './context.js';
import { badInput, forbidden, notFound, unauthenticated } from './errors.js';

type Args = Record<string, unknown>;
type Instrument = NodeOf<'Instrument'>;
type Provision = NodeOf<'Provision'>;
/** A version with the instrument it is a version of, which its fields need. */
type Version = InstrumentVersion & { work: Instrument };
/** A provision as it stands in one version. */
type PlacedProvision = Omit<ProvisionInVersion, 'version'> & { provision: Provision; version: Version };

const searchSorts: Record<string, SearchSort> = {
  RELEVANCE: 'relevance',
  DATE_DESC: 'date_desc',
  DATE_ASC: 'date_asc',
};

/**
 * Whether the field asks its objects for nothing but `id` (and `__typename`): a cell of a comparison lists
 * thousands of instruments, and the store's ids need no node fetched to be answered.
 */
function selectsOnlyId(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((field) =>
    (field.selectionSet?.selections ?? []).every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        (selection.name.value === 'id' || selection.name.value === '__typename') &&
        (selection.directives ?? []).length === 0,
    ),
  );
}

/** A node of the expected kind, or a NOT_FOUND error that says what was looked up. */
async function expectNode<K extends NodeKind>(context: Context, kind: K, id: string): Promise<NodeOf<K>> {
  const node = await context.loaders.node(id);
  if (!node || node.kind !== kind) {
    const hint = node ? `it is a ${node.kind}` : `ids look like ${exampleIds[kind]}`;
    throw notFound(kind, id, hint);
  }
  return node as NodeOf<K>;
}

const exampleIds: Record<NodeKind, string> = {
  Country: 'country:CN',
  Organization: 'org:cac',
  Person: 'person:lu-wei',
  Event: 'event:china-asean-cyberspace-forum-2014',
  Instrument: 'instrument:cn-cybersecurity-law-2016',
  Provision: 'provision:cn-cybersecurity-law-2016:art-37',
  Quote: 'quote:…',
  Theme: 'theme:personal-data',
};

function countryIds(
  context: Context,
  argument: string,
  codes: readonly string[] | null | undefined,
): string[] | undefined {
  const list = listOf(argument, codes, 20);
  if (!list) return undefined;
  const known = new Set(context.catalog.countries);
  return list.map((code) => {
    const id = `country:${code.toUpperCase()}`;
    if (!known.has(id)) {
      throw badInput(
        argument,
        `unknown country code ${JSON.stringify(code)}; use one of ${context.catalog.countries.map((c) => c.slice(8)).join(', ')}`,
      );
    }
    return id;
  });
}

function themeIds(context: Context, argument: string, ids: readonly string[] | null | undefined): string[] | undefined {
  const list = listOf(argument, ids, 40);
  if (!list) return undefined;
  return list.map((id) => {
    const full = themeIdOf(id);
    if (!context.catalog.tree.has(full))
      throw badInput(argument, `unknown theme ${JSON.stringify(id)}; see the themes query for ids`);
    return full;
  });
}

function yearOf(date: string | undefined): number | undefined {
  return date ? Number(date.slice(0, 4)) : undefined;
}

const edge = (relationship: Relationship) => ({
  relationship,
  id: relationship.id,
  type: relationship.type,
  from: relationship.from,
  to: relationship.to,
  title: relationship.properties.title,
  fromDate: relationship.properties.from,
  toDate: relationship.properties.to,
  signed: relationship.properties.signed,
  inForce: relationship.properties.inForce,
  note: relationship.properties.note,
  source: relationship.provenance.url,
  provenance: relationship.provenance,
});

/** A relationship as a sentence, its ends (and a provision end's instrument) named from the graph. */
async function sentenceOf(relationship: Relationship, context: Context): Promise<string> {
  const ends = await context.loaders.nodes([relationship.from, relationship.to]);
  const instruments = await context.loaders.nodes(
    ends.flatMap((node) => ('instrument' in node ? [node.instrument] : [])),
  );
  const known = new Map([...ends, ...instruments].map((node) => [node.id, node]));
  return describeRelationship(relationship, (id) => known.get(id));
}

const targets = async (context: Context, relationships: Promise<Relationship[]>, end: 'from' | 'to') =>
  context.loaders.nodes((await relationships).map((relationship) => relationship[end]));

/** Instruments of the given countries, themes, kinds and years, newest first. */
async function filterInstruments(context: Context, filter: Args | null | undefined): Promise<Instrument[]> {
  const countries = countryIds(context, 'filter.countries', filter?.countries as string[] | undefined);
  const themes = themeIds(context, 'filter.themes', filter?.themes as string[] | undefined);
  const kinds = filter?.instrumentKinds as string[] | undefined;
  const yearFrom = filter?.yearFrom as number | undefined;
  const yearTo = filter?.yearTo as number | undefined;
  const { nodes } = await context.services.graph.listNodes({
    kind: 'Instrument',
    offset: 0,
    limit: Number.MAX_SAFE_INTEGER,
  });
  let instruments = nodes as Instrument[];
  if (themes) {
    const links = await context.services.graph.themeLinks(
      countries ?? context.catalog.countries,
      themes.flatMap((theme) => context.catalog.tree.withDescendants(theme)),
    );
    const addressing = new Set(links.map((link) => link.instrument));
    instruments = instruments.filter((instrument) => addressing.has(instrument.id));
  }
  return instruments
    .filter((instrument) => !countries || instrument.countries.some((code) => countries.includes(`country:${code}`)))
    .filter((instrument) => !kinds || kinds.includes(instrument.instrumentKind))
    .filter((instrument) => yearFrom === undefined || (yearOf(instrument.date) ?? -Infinity) >= yearFrom)
    .filter((instrument) => yearTo === undefined || (yearOf(instrument.date) ?? Infinity) <= yearTo)
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
}

function paginate<T>(items: T[], first: number, after: string | null | undefined) {
  const offset = decodeCursor(after);
  const slice = items.slice(offset, offset + pageSize(first));
  return { nodes: slice, ...page(slice, items.length, offset) };
}

/**
 * A citation of an instrument (and one of its provisions, by its label in the cited version) in one version: the
 * version is named, and its source and checked date given, only for an instrument whose amendments the corpus
 * records; for any other, "as originally enacted" would claim more than the corpus knows.
 */
function citation(
  instrument: Instrument,
  countryNames: string[],
  version: { source?: string; checked?: string; words?: string },
  provisionLabel?: string,
): string {
  const parts = [`${instrument.label}${instrument.titleLocal ? ` (${instrument.titleLocal})` : ''}`];
  if (countryNames.length > 0) parts.push(countryNames.join(', '));
  parts.push(instrument.date ? `${instrument.instrumentKind} of ${instrument.date}` : instrument.instrumentKind);
  if (instrument.inForce) parts.push(`in force ${instrument.inForce}`);
  if (version.words) parts.push(version.words);
  if (provisionLabel) parts.push(provisionLabel);
  const source = version.source ? ` Source: ${version.source}` : ' No official source URL on record.';
  const checked = version.checked ? ` (checked ${version.checked})` : '';
  return `${parts.join(', ')}.${source}${checked}.`;
}

/** The day an `asOf` argument names, today when it is left out, or a BAD_USER_INPUT error saying how to write it. */
function asOfDay(argument: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return today();
  const problem = dayProblem(value);
  if (problem) throw badInput(argument, problem);
  return value;
}

/** The ids of the instruments in force on a day: the groups a search limited to that day keeps. */
async function instrumentsInForceOn(context: Context, day: string): Promise<string[]> {
  const { nodes } = await context.services.graph.listNodes({
    kind: 'Instrument',
    offset: 0,
    limit: Number.MAX_SAFE_INTEGER,
  });
  return (nodes as Instrument[]).filter((instrument) => inForceOn(instrument, day)).map((instrument) => instrument.id);
}

const versionsWithWork = (instrument: Instrument): Version[] =>
  versionsOf(instrument).map((version) => ({ ...version, work: instrument }));

function placedIn(provision: Provision, version: Version): PlacedProvision | null {
  const placed = provisionIn(provision, version);
  return placed ? { ...placed, provision, version } : null;
}

async function provisionsOf(instrument: Instrument, context: Context): Promise<Provision[]> {
  return (await targets(context, context.loaders.in(instrument.id, 'PART_OF'), 'from'))
    .filter((node): node is Provision => node.kind === 'Provision')
    .sort((a, b) => a.ordinal - b.ordinal);
}

/** One of an instrument's versions by id, or a BAD_USER_INPUT error listing its version ids. */
function versionById(instrument: Instrument, argument: string, id: string): Version {
  const versions = versionsWithWork(instrument);
  const version = versions.find((candidate) => candidate.id === id);
  if (!version)
    throw badInput(
      argument,
      `${instrument.label} has no version ${JSON.stringify(id)}; its versions are ${versions.map((v) => v.id).join(', ')}`,
    );
  return version;
}

const RELATED_TYPES: RelationshipType[] = ['AMENDS', 'IMPLEMENTS', 'SUPERSEDES', 'REFERENCES', 'MODELED_ON'];

/** A field listing the nodes at the other end of a node's relationships of these types. */
const linkedTo =
  (...types: RelationshipType[]) =>
  (node: GraphNode, _: Args, context: Context) =>
    targets(context, context.loaders.out(node.id, ...types), 'to');
const linkedFrom =
  (...types: RelationshipType[]) =>
  (node: GraphNode, _: Args, context: Context) =>
    targets(context, context.loaders.in(node.id, ...types), 'from');

const nodeFields = {
  provenance: (node: GraphNode) => node.provenance,
};

export const resolvers = {
  Query: {
    async search(_: unknown, args: Args, context: Context) {
      const query = String(args.query ?? '');
      if (query.length > limits.queryText)
        throw badInput('query', `is ${query.length} characters; the limit is ${limits.queryText}`);
      const first = pageSize(args.first as number);
      const offset = decodeCursor(args.after as string | undefined);
      const filter = (args.filter ?? {}) as Args;
      const countries = countryIds(context, 'filter.countries', filter.countries as string[] | undefined);
      const themes = themeIds(context, 'filter.themes', filter.themes as string[] | undefined);
      const searchFilter: SearchFilter = {
        ...(filter.kinds
          ? { kinds: listOf('filter.kinds', filter.kinds as SearchFilter['kinds'] & string[]) as SearchFilter['kinds'] }
          : {}),
        ...(countries ? { countries: countries.map((id) => id.slice('country:'.length)) } : {}),
        ...(filter.instrumentKinds
          ? { instrumentKinds: filter.instrumentKinds as SearchFilter['instrumentKinds'] }
          : {}),
        ...(themes ? { themes } : {}),
        ...(filter.statuses
          ? {
              statuses: listOf(
                'filter.statuses',
                filter.statuses as SearchFilter['statuses'] & string[],
              ) as SearchFilter['statuses'],
            }
          : {}),
        ...(typeof filter.yearFrom === 'number' ? { yearFrom: filter.yearFrom } : {}),
        ...(typeof filter.yearTo === 'number' ? { yearTo: filter.yearTo } : {}),
        ...(typeof filter.inForceOn === 'string'
          ? { groups: await instrumentsInForceOn(context, asOfDay('filter.inForceOn', filter.inForceOn)) }
          : {}),
      };
      const result = await answerSearch(context.services.search, {
        text: query,
        filter: searchFilter,
        sort: searchSorts[String(args.sort)] ?? 'relevance',
        offset,
        limit: first,
        grouped: args.groupBy !== 'NONE',
      });
      const labels = await labelFacets(context, result.facets);
      return {
        total: result.total,
        edges: result.hits.map((hit, index) => ({ cursor: encodeCursor(offset + index), node: hit })),
        pageInfo: {
          hasNextPage: offset + result.hits.length < result.total,
          endCursor: result.hits.length > 0 ? encodeCursor(offset + result.hits.length - 1) : null,
        },
        facets: labels,
        expansions: result.expansions,
        leftOut: result.leftOut,
      };
    },
    node: async (_: unknown, { id }: { id: string }, context: Context) => {
      const node = await context.loaders.node(id);
      if (!node) throw notFound('Node', id, 'ids look like person:lu-wei or instrument:cn-cybersecurity-law-2016');
      return node;
    },
    instrument: (_: unknown, { id }: { id: string }, context: Context) =>
      expectNode(context, 'Instrument', id.startsWith('instrument:') ? id : `instrument:${id}`),
    country: (_: unknown, { code }: { code: string }, context: Context) =>
      expectNode(context, 'Country', `country:${code.toUpperCase()}`),
    countries: async (_: unknown, __: Args, context: Context) => context.loaders.nodes(context.catalog.countries),
    themes: (_: unknown, { topLevel }: { topLevel: boolean }, context: Context) =>
      topLevel ? context.catalog.tree.topLevel : context.catalog.tree.themes,
    theme: (_: unknown, { id }: { id: string }, context: Context) => expectNode(context, 'Theme', themeIdOf(id)),
    event: (_: unknown, { id }: { id: string }, context: Context) => expectNode(context, 'Event', id),
    person: (_: unknown, { id }: { id: string }, context: Context) => expectNode(context, 'Person', id),
    organization: (_: unknown, { id }: { id: string }, context: Context) => expectNode(context, 'Organization', id),
    instruments: async (_: unknown, args: Args, context: Context) =>
      paginate(await filterInstruments(context, args.filter as Args), args.first as number, args.after as string),

    async compare(_: unknown, args: Args, context: Context) {
      const countries = countryIds(context, 'countries', args.countries as string[]) ?? [];
      if (countries.length === 0) throw badInput('countries', 'name at least one country code');
      const themes =
        themeIds(context, 'themes', args.themes as string[] | undefined) ??
        context.catalog.tree.topLevel.map((theme) => theme.id);
      return comparison(context, countries, themes);
    },

    async diffusion(_: unknown, args: Args, context: Context) {
      const [theme] = themeIds(context, 'theme', [String(args.theme)]) ?? [];
      if (!theme) throw badInput('theme', 'is required');
      const { cells } = await comparison(context, context.catalog.countries, [theme]);
      const facts = await instrumentFacts(context, [...new Set(cells.flatMap((cell) => cell.judgedOn))]);
      return { theme: await context.loaders.node(theme), ...diffusionOf(cells, (id) => facts.get(id)) };
    },

    overview(_: unknown, args: Args, context: Context) {
      const { tree, countries } = context.catalog;
      const themes = tree.topLevel.flatMap((theme) =>
        args.subThemes ? [theme.id, ...tree.withDescendants(theme.id).slice(1)] : [theme.id],
      );
      return comparison(context, countries, themes);
    },

    async connections(_: unknown, args: Args, context: Context) {
      const maxHops = intInRange('maxHops', args.maxHops as number, 1, limits.maxHops);
      const first = intInRange('first', args.first as number, 1, 20);
      const via = (listOf('via', args.via as RelationshipType[] | undefined) ??
        meaningfulRelationshipTypes) as RelationshipType[];
      for (const [argument, id] of [
        ['from', args.from],
        ['to', args.to],
      ] as const) {
        if (!(await context.loaders.node(String(id))))
          throw notFound('Node', String(id), `argument ${argument} must be an existing id`);
      }
      const { paths, throughHubs } = await findConnections(context.services.graph, String(args.from), String(args.to), {
        maxHops,
        types: via,
        first,
      });
      return paths.map(async (path) => ({
        length: path.relationships.length,
        nodes: await context.loaders.nodes(path.nodes),
        relationships: path.relationships.map(edge),
        steps: path.relationships.map((relationship, index) => ({
          relationship: edge(relationship),
          forward: relationship.from === path.nodes[index],
          source: relationship.provenance.url,
        })),
        throughHubs,
      }));
    },

    relationshipKinds: () =>
      relationshipTypes.map((type) => ({
        type,
        label: relationshipWords[type],
        connectsByDefault: meaningfulRelationshipTypes.includes(type),
      })),

    async relationshipsAmong(_: unknown, args: Args, context: Context) {
      const ids = listOf('ids', args.ids as string[], limits.neighborhoodLimit) ?? [];
      const among = new Set(ids);
      const outgoing = await context.services.graph.relationshipsOf([...among], { direction: 'out' });
      return outgoing
        .flat()
        .filter((relationship) => among.has(relationship.to))
        .sort((a, b) => compareIds(a.id, b.id))
        .map(edge);
    },

    async neighborhood(_: unknown, args: Args, context: Context) {
      const depth = intInRange('depth', args.depth as number, 1, limits.depth);
      const limit = intInRange('limit', args.limit as number, 1, limits.neighborhoodLimit);
      const id = String(args.id);
      if (!(await context.loaders.node(id))) throw notFound('Node', id);
      const via = listOf('via', args.via as RelationshipType[] | undefined) as RelationshipType[] | undefined;
      const subgraph = await context.services.graph.neighborhood(id, { depth, limit, ...(via ? { types: via } : {}) });
      return { ...subgraph, relationships: subgraph.relationships.map(edge) };
    },

    async timeline(_: unknown, args: Args, context: Context) {
      const countries = countryIds(context, 'countries', args.countries as string[] | undefined);
      const themes = themeIds(context, 'themes', args.themes as string[] | undefined);
      const from = args.from as string | undefined;
      const to = args.to as string | undefined;
      for (const [argument, value] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (value && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value))
          throw badInput(argument, `expected YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(value)})`);
      }
      const instruments = await filterInstruments(context, { countries: args.countries, themes: args.themes });
      const { nodes: events } = await context.services.graph.listNodes({
        kind: 'Event',
        offset: 0,
        limit: Number.MAX_SAFE_INTEGER,
      });
      const eventThemes = themes
        ? new Set(
            (await Promise.all(events.map((event) => context.loaders.out(event.id, 'ADDRESSES'))))
              .flat()
              .filter((r) => themes.some((t) => context.catalog.tree.withDescendants(t).includes(r.to)))
              .map((r) => r.from),
          )
        : undefined;
      const entries = [
        ...instruments.flatMap((instrument) =>
          instrument.date ? [{ date: instrument.date, node: instrument, countries: instrument.countries }] : [],
        ),
        ...(events as NodeOf<'Event'>[]).flatMap((event) =>
          event.date &&
          (!countries || (event.country && countries.includes(`country:${event.country}`))) &&
          (!eventThemes || eventThemes.has(event.id))
            ? [{ date: event.date, node: event, countries: event.country ? [event.country] : [] }]
            : [],
        ),
      ]
        .filter((entry) => (!from || entry.date >= from) && (!to || entry.date.slice(0, to.length) <= to))
        .sort((a, b) => a.date.localeCompare(b.date) || a.node.id.localeCompare(b.node.id));
      const offset = decodeCursor(args.after as string | undefined);
      const slice = entries.slice(offset, offset + intInRange('first', args.first as number, 0, 500));
      return {
        entries: slice.map(async (entry) => ({
          ...entry,
          countries: await context.loaders.nodes(entry.countries.map((code) => `country:${code}`)),
        })),
        ...page(slice, entries.length, offset),
      };
    },

    similarCountries: (_: unknown, args: Args, context: Context) =>
      similarCountries(context, String(args.code), args.themes as string[] | undefined, args.first as number),

    reingestJob(_: unknown, args: Args, context: Context) {
      const id = String(args.id);
      const job = admin(context, 'reingestJob').reingestJob(id);
      if (!job) {
        throw notFound('Reingest job', id, 'jobs are kept until 20 newer ones have started, and not across restarts');
      }
      return job;
    },

    async stats(_: unknown, __: Args, context: Context) {
      const stats = await context.services.graph.stats();
      const list = (counts: Record<string, number>) => Object.entries(counts).map(([kind, count]) => ({ kind, count }));
      return { nodes: list(stats.nodes), relationships: list(stats.relationships), passages: stats.passages };
    },
  },

  Mutation: {
    reingest(_: unknown, __: Args, context: Context) {
      return admin(context, 'reingest').reingest();
    },
  },

  Node: {
    __resolveType: (node: GraphNode) => node.kind,
  },

  Country: {
    ...nodeFields,
    approaches: (country: NodeOf<'Country'>) => country.approaches,
    async instruments(country: NodeOf<'Country'>, args: Args, context: Context) {
      const enacted = await targets(context, context.loaders.out(country.id, 'ENACTED'), 'to');
      const sorted = (enacted as Instrument[]).sort(
        (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id),
      );
      return paginate(sorted, args.first as number, args.after as string);
    },
    agreements: async (country: NodeOf<'Country'>, _: Args, context: Context) =>
      (await context.loaders.out(country.id, 'PARTY_TO')).map((relationship) => ({ relationship })),
    memberships: linkedTo('MEMBER_OF'),
    events: async (country: GraphNode, _: Args, context: Context) =>
      (await linkedFrom('BASED_IN')(country, _, context)).filter((node) => node.kind === 'Event'),
    similar: (country: NodeOf<'Country'>, args: Args, context: Context) =>
      similarCountries(context, country.code, args.themes as string[] | undefined, args.first as number),
  },

  Approach: {
    theme: (approach: { theme: string }, _: Args, context: Context) => context.loaders.node(approach.theme),
    instruments: (approach: { instruments: string[] }, _: Args, context: Context) =>
      context.loaders.nodes(approach.instruments),
    provisions: (approach: { provisions: string[] }, _: Args, context: Context) =>
      context.loaders.nodes(approach.provisions),
  },

  Organization: {
    ...nodeFields,
    basedIn: async (organization: GraphNode, _: Args, context: Context) =>
      (await targets(context, context.loaders.out(organization.id, 'BASED_IN'), 'to'))[0] ?? null,
    members: linkedFrom('MEMBER_OF'),
    roles: async (organization: GraphNode, _: Args, context: Context) =>
      (await context.loaders.in(organization.id, 'HELD_ROLE')).map(role),
    memberOf: linkedTo('MEMBER_OF'),
    documents: linkedTo('ENACTED', 'AUTHORED'),
    partyTo: async (organization: GraphNode, _: Args, context: Context) =>
      (await context.loaders.out(organization.id, 'PARTY_TO')).map((relationship) => ({ relationship })),
    events: linkedTo('PARTICIPATED_IN'),
  },

  Person: {
    ...nodeFields,
    roles: async (person: GraphNode, _: Args, context: Context) =>
      (await context.loaders.out(person.id, 'HELD_ROLE')).map(role),
    quotes: linkedTo('SAID'),
    documents: linkedTo('DELIVERED', 'AUTHORED'),
    events: linkedTo('PARTICIPATED_IN'),
  },

  Role: {
    person: (value: ReturnType<typeof role>, _: Args, context: Context) => context.loaders.node(value.personId),
    organization: (value: ReturnType<typeof role>, _: Args, context: Context) =>
      context.loaders.node(value.organizationId),
  },

  Event: {
    ...nodeFields,
    country: (event: NodeOf<'Event'>, _: Args, context: Context) =>
      event.country ? context.loaders.node(`country:${event.country}`) : null,
    heldDuring: async (event: GraphNode, _: Args, context: Context) =>
      (await targets(context, context.loaders.out(event.id, 'HELD_DURING'), 'to'))[0] ?? null,
    subEvents: linkedFrom('HELD_DURING'),
    themes: linkedTo('ADDRESSES'),
    topics: (event: NodeOf<'Event'>) => event.topics ?? [],
    participants: linkedFrom('PARTICIPATED_IN'),
    documents: linkedFrom('PRESENTED_AT'),
    mentionedIn: async (event: GraphNode, args: Args, context: Context) =>
      (await linkedFrom('MENTIONS')(event, args, context)).filter((node) => node.kind === 'Instrument'),
  },

  Instrument: {
    ...nodeFields,
    title: (instrument: Instrument) => instrument.label,
    sourceUrl: (instrument: Instrument) => instrument.provenance.url ?? null,
    checked: (instrument: Instrument) => instrument.provenance.checked ?? null,
    countries: (instrument: Instrument, _: Args, context: Context) =>
      context.loaders.nodes(instrument.countries.map((code) => `country:${code}`)),
    parties: async (instrument: Instrument, _: Args, context: Context) =>
      (await context.loaders.in(instrument.id, 'PARTY_TO')).map((relationship) => ({ relationship })),
    themes: linkedTo('ADDRESSES'),
    provisions: async (instrument: Instrument, args: Args, context: Context) =>
      paginate(await provisionsOf(instrument, context), args.first as number, args.after as string),
    provision: async (instrument: Instrument, { anchor }: { anchor: string }, context: Context) =>
      (await context.loaders.node(`provision:${instrument.id.slice('instrument:'.length)}:${anchor}`)) ?? null,
    quotes: async (instrument: Instrument, _: Args, context: Context) =>
      (await targets(context, context.loaders.in(instrument.id, 'PART_OF'), 'from')).filter(
        (node) => node.kind === 'Quote',
      ),
    async related(instrument: Instrument, _: Args, context: Context) {
      const [outgoing, incoming] = await Promise.all([
        context.loaders.out(instrument.id, ...RELATED_TYPES),
        context.loaders.in(instrument.id, ...RELATED_TYPES),
      ]);
      const entries = [
        ...outgoing.map((relationship) => ({ relationship, direction: 'OUTGOING', other: relationship.to })),
        ...incoming.map((relationship) => ({ relationship, direction: 'INCOMING', other: relationship.from })),
      ];
      const others = await context.loaders.nodes(entries.map((entry) => entry.other));
      const instruments = new Map(others.filter((node) => node.kind === 'Instrument').map((node) => [node.id, node]));
      return entries
        .filter((entry) => instruments.has(entry.other))
        .map((entry) => ({
          type: entry.relationship.type,
          direction: entry.direction,
          instrument: instruments.get(entry.other),
          note: entry.relationship.properties.note,
          source: entry.relationship.provenance.url,
        }));
    },
    authors: linkedFrom('AUTHORED'),
    deliveredBy: linkedFrom('DELIVERED'),
    presentedAt: linkedTo('PRESENTED_AT'),
    versions: versionsWithWork,
    version: (instrument: Instrument, { asOf }: { asOf?: string | null }) =>
      versionOn(versionsWithWork(instrument), asOfDay('asOf', asOf)) ?? null,
    async diff(instrument: Instrument, { from, to }: { from: string; to: string }, context: Context) {
      const earlier = versionById(instrument, 'from', from);
      const later = versionById(instrument, 'to', to);
      const differences = diffVersions(await provisionsOf(instrument, context), earlier, later);
      return {
        from: earlier,
        to: later,
        provisions: differences.map((difference) => ({ ...difference, earlier, later })),
      };
    },
    async citation(
      instrument: Instrument,
      { anchor, asOf }: { anchor?: string | null; asOf?: string | null },
      context: Context,
    ) {
      const day = asOfDay('asOf', asOf);
      const version = versionToCite(versionsWithWork(instrument), day);
      const [countries, [amendedBy], [supersededBy]] = await Promise.all([
        context.loaders.nodes(instrument.countries.map((code) => `country:${code}`)),
        context.loaders.nodes(version.amendedBy ? [version.amendedBy] : []),
        context.loaders.nodes(version.supersededBy ? [version.supersededBy] : []),
      ]);
      let provisionLabel: string | undefined;
      if (anchor) {
        const node = await context.loaders.node(`provision:${instrument.id.slice('instrument:'.length)}:${anchor}`);
        if (node?.kind !== 'Provision')
          throw notFound('Provision', anchor, `${instrument.label} has no provision with that anchor`);
        const placed = provisionIn(node, version);
        if (!placed)
          throw badInput(
            'asOf',
            `${node.label} is not part of ${instrument.label} ${versionWords(version, amendedBy?.label)} (the version cited on ${day}); it is part of ${(node.versions ?? []).map((entry) => entry.version).join(', ')}`,
          );
        provisionLabel = placed.unverified?.includes('number')
          ? `${placed.label} (number not confirmed by a source)`
          : placed.label;
      }
      const words = instrument.versions
        ? citedVersionWords(version, day, { amendedBy: amendedBy?.label, supersededBy: supersededBy?.label })
        : undefined;
      return citation(
        instrument,
        countries.map((country) => country.label),
        { source: version.source, checked: version.checked, words },
        provisionLabel,
      );
    },
  },

  InstrumentVersion: {
    amendedBy: (version: Version, _: Args, context: Context) =>
      version.amendedBy ? context.loaders.node(version.amendedBy) : null,
    supersededBy: (version: Version, _: Args, context: Context) =>
      version.supersededBy ? context.loaders.node(version.supersededBy) : null,
    instrument: (version: Version) => version.work,
    async label(version: Version, _: Args, context: Context) {
      const [amendedBy] = await context.loaders.nodes(version.amendedBy ? [version.amendedBy] : []);
      return versionWords(version, amendedBy?.label);
    },
    provisions: async (version: Version, _: Args, context: Context) =>
      provisionsIn(await provisionsOf(version.work, context), version).map(({ provision, placed }) => ({
        ...placed,
        provision,
        version,
      })),
    provision: async (version: Version, { anchor }: { anchor: string }, context: Context) =>
      (await provisionsOf(version.work, context))
        .map((provision) => placedIn(provision, version))
        .find((placed) => placed?.anchor === anchor) ?? null,
  },

  ProvisionDiff: {
    before: ({ provision, before, earlier }: ProvisionDifference & { earlier: Version }) =>
      before ? { ...before, provision, version: earlier } : null,
    after: ({ provision, after, later }: ProvisionDifference & { later: Version }) =>
      after ? { ...after, provision, version: later } : null,
    added: ({ before }: ProvisionDifference) => !before,
    removed: ({ after }: ProvisionDifference) => !after,
    words: ({ words }: ProvisionDifference) =>
      words?.map((part) => ({ change: part.change.toUpperCase(), text: part.text })) ?? null,
  },

  ProvisionChange: {
    provision: (change: ProvisionChange, _: Args, context: Context) =>
      change.provision ? context.loaders.node(change.provision) : null,
    unverified: (change: ProvisionChange) => change.unverified === true,
  },

  ProvisionVersion: {
    unverified: (placed: PlacedProvision) => placed.unverified ?? [],
  },

  Party: {
    party: ({ relationship }: { relationship: Relationship }, _: Args, context: Context) =>
      context.loaders.node(relationship.from),
    instrument: ({ relationship }: { relationship: Relationship }, _: Args, context: Context) =>
      context.loaders.node(relationship.to),
    signed: ({ relationship }: { relationship: Relationship }) => relationship.properties.signed ?? null,
    inForce: ({ relationship }: { relationship: Relationship }) => relationship.properties.inForce ?? null,
    source: ({ relationship }: { relationship: Relationship }) => relationship.provenance.url ?? null,
  },

  Provision: {
    ...nodeFields,
    instrument: (provision: NodeOf<'Provision'>, _: Args, context: Context) =>
      context.loaders.node(provision.instrument),
    themes: linkedTo('ADDRESSES'),
    passages: (provision: GraphNode, _: Args, context: Context) => context.loaders.passages(provision.id),
    mentions: linkedTo('MENTIONS'),
    references: linkedTo('REFERENCES'),
    async versions(provision: Provision, _: Args, context: Context) {
      const instrument = await expectNode(context, 'Instrument', provision.instrument);
      return versionsWithWork(instrument).flatMap((version) => placedIn(provision, version) ?? []);
    },
    async version(provision: Provision, { asOf }: { asOf?: string | null }, context: Context) {
      const day = asOfDay('asOf', asOf);
      const instrument = await expectNode(context, 'Instrument', provision.instrument);
      const version = versionOn(versionsWithWork(instrument), day);
      return version ? placedIn(provision, version) : null;
    },
  },

  Quote: {
    ...nodeFields,
    speaker: (quote: NodeOf<'Quote'>, _: Args, context: Context) =>
      quote.speaker ? context.loaders.node(quote.speaker) : null,
    instrument: (quote: NodeOf<'Quote'>, _: Args, context: Context) => context.loaders.node(quote.instrument),
    provision: (quote: NodeOf<'Quote'>, _: Args, context: Context) =>
      quote.provision ? context.loaders.node(quote.provision) : null,
    themes: linkedTo('ADDRESSES'),
  },

  Theme: {
    ...nodeFields,
    parent: (theme: NodeOf<'Theme'>, _: Args, context: Context) =>
      theme.parent ? context.loaders.node(theme.parent) : null,
    children: (theme: NodeOf<'Theme'>, _: Args, context: Context) =>
      context.loaders.nodes(context.catalog.tree.childrenOf(theme.id)),
    keywords: (theme: NodeOf<'Theme'>) =>
      Object.entries(theme.keywords).map(([language, keywords]) => ({ language, keywords })),
  },

  CompareCell: {
    country: (cell: CompareCell, _: Args, context: Context) => context.loaders.node(cell.country),
    theme: (cell: CompareCell, _: Args, context: Context) => context.loaders.node(cell.theme),
    instruments: cellNodes('instruments'),
    provisions: cellNodes('provisions'),
    judgedOn: cellNodes('judgedOn'),
    approach: async (cell: CompareCell, _: Args, context: Context) => {
      if (!cell.approach) return null;
      const country = await context.loaders.node(cell.country);
      return country?.kind === 'Country'
        ? (country.approaches.find((approach) => approach.theme === cell.approach) ?? null)
        : null;
    },
  },

  Adoption: {
    country: (adoption: Adoption, _: Args, context: Context) => context.loaders.node(adoption.country),
    instrument: (adoption: Adoption, _: Args, context: Context) => context.loaders.node(adoption.instrument),
    later: (adoption: Adoption, _: Args, context: Context) => context.loaders.nodes(adoption.later),
  },

  NotAdopted: {
    country: (absent: NotAdopted, _: Args, context: Context) => context.loaders.node(absent.country),
    instruments: (absent: NotAdopted, _: Args, context: Context) => context.loaders.nodes(absent.instruments),
  },

  SimilarityPoint: {
    theme: (point: SimilarityPoint, _: Args, context: Context) => context.loaders.node(point.theme),
    firstJudgement: (point: SimilarityPoint) => point.first.judgement,
    otherJudgement: (point: SimilarityPoint) => point.other.judgement,
    firstInstruments: (point: SimilarityPoint, _: Args, context: Context) =>
      context.loaders.nodes(point.first.instruments),
    otherInstruments: (point: SimilarityPoint, _: Args, context: Context) =>
      context.loaders.nodes(point.other.instruments),
  },

  Edge: {
    label: ({ relationship }: ReturnType<typeof edge>) => relationshipWords[relationship.type],
    sentence: ({ relationship }: ReturnType<typeof edge>, _: Args, context: Context) =>
      sentenceOf(relationship, context),
  },

  PathStep: {
    sentence: ({ relationship }: { relationship: ReturnType<typeof edge> }, _: Args, context: Context) =>
      sentenceOf(relationship.relationship, context),
  },

  Highlighted: {
    highlights: (snippet: Snippet) => snippet.highlights.map(([start, end]) => ({ start, end })),
  },

  SearchHit: {
    node: async (hit: { id: string }, _: Args, context: Context) => {
      const node = await context.loaders.node(hit.id);
      if (!node) throw new GraphQLError(`search index and graph disagree about ${hit.id}: reingest to rebuild both`);
      return node;
    },
    instrument: async (hit: { id: string; kind: string }, _: Args, context: Context) => {
      if (hit.kind !== 'Instrument' && hit.kind !== 'Provision' && hit.kind !== 'Quote') return null;
      const node = await context.loaders.node(hit.id);
      return node && 'instrument' in node ? context.loaders.node(node.instrument) : node;
    },
    matches: (hit: { matches?: unknown[] }) => hit.matches ?? [],
    allWords: (hit: { allWords?: boolean }) => hit.allWords ?? true,
  },
};

/** The admin services, for a request that carries the admin token; otherwise the reason it may not. */
function admin(context: Context, field: string): Required<Pick<Services, 'reingest' | 'reingestJob'>> {
  const { adminToken, reingest, reingestJob } = context.services;
  if (!adminToken || !reingest || !reingestJob) {
    throw forbidden('Writes are disabled: the server was started without ADMIN_TOKEN.');
  }
  if (!carriesBearerToken(context.authorization, adminToken)) {
    throw unauthenticated(`${field} needs the header "Authorization: Bearer <ADMIN_TOKEN>".`);
  }
  return { reingest, reingestJob };
}

function role(relationship: Relationship) {
  return {
    title: relationship.properties.title,
    from: relationship.properties.from,
    to: relationship.properties.to,
    source: relationship.provenance.url,
    personId: relationship.from,
    organizationId: relationship.to,
  };
}

async function labelFacets(context: Context, facets: import('../search/search-index.js').SearchFacets) {
  const ids = [...facets.country.map((facet) => `country:${facet.value}`), ...facets.theme.map((facet) => facet.value)];
  const labels = new Map((await context.loaders.nodes(ids)).map((node) => [node.id, node.label]));
  const label = (prefix: string) => (facet: { value: string; count: number }) => ({
    ...facet,
    label: labels.get(`${prefix}${facet.value}`) ?? facet.value,
  });
  return {
    kind: facets.kind.map(label('')),
    country: facets.country.map(label('country:')),
    instrumentKind: facets.instrumentKind.map(label('')),
    theme: facets.theme.map(label('')),
    status: facets.status.map(label('')),
    year: facets.year.map(label('')),
  };
}

/** What the comparison, the similarity and the diffusion need to know of each instrument. */
async function instrumentFacts(context: Context, ids: readonly string[]): Promise<Map<string, InstrumentFacts>> {
  return new Map(
    (await context.loaders.nodes([...ids])).flatMap((node) =>
      node?.kind === 'Instrument'
        ? [
            [
              node.id,
              { kind: node.instrumentKind, status: node.status, date: node.date, countries: node.countries },
            ] as const,
          ]
        : [],
    ),
  );
}

/** A list of ids in a compare cell as nodes; only the ids when that is all the query asks (the overview). */
function cellNodes(field: 'instruments' | 'provisions' | 'judgedOn') {
  return (cell: CompareCell, _: Args, context: Context, info: GraphQLResolveInfo) =>
    selectsOnlyId(info) ? cell[field].map((id) => ({ id })) : context.loaders.nodes(cell[field]);
}

/** The comparison of countries × themes (each theme with its sub-themes), cells in the order asked. */
async function comparison(context: Context, countries: string[], themes: string[]) {
  const expanded = [...new Set(themes.flatMap((theme) => context.catalog.tree.withDescendants(theme)))];
  const links = await context.services.graph.themeLinks(countries, expanded);
  const countryNodes = await context.loaders.nodes(countries);
  const approaches = new Map(
    countryNodes.flatMap((node) => (node?.kind === 'Country' ? [[node.id, node.approaches] as const] : [])),
  );
  const curatedProvisions = new Map(
    (await context.loaders.nodes([...approaches.values()].flat().flatMap((approach) => approach.provisions))).flatMap(
      (node) => (node?.kind === 'Provision' ? [[node.id, node.instrument] as const] : []),
    ),
  );
  const instrumentIds = [
    ...new Set([
      ...links.map((link) => link.instrument),
      ...[...approaches.values()].flat().flatMap((approach) => approach.instruments),
      ...curatedProvisions.values(),
    ]),
  ];
  const facts = await instrumentFacts(context, instrumentIds);
  const cells = compareCells(links, countries, themes, context.catalog.tree, {
    approaches: (country) => approaches.get(country) ?? [],
    instrument: (id) => facts.get(id),
    instrumentOf: (provision) => curatedProvisions.get(provision),
  });
  return {
    countries: countryNodes,
    themes: await context.loaders.nodes(themes),
    cells,
  };
}

async function similarCountries(context: Context, code: string, themesArgument: string[] | undefined, first: number) {
  const [countryId] = countryIds(context, 'code', [code]) ?? [];
  if (!countryId) throw badInput('code', 'is required');
  const limit = intInRange('first', first, 1, 20);
  const { tree, countries } = context.catalog;
  const asked = themeIds(context, 'themes', themesArgument) ?? tree.topLevel.map((theme) => theme.id);
  // Judged on every sub-theme too: where two countries part ways is often below the top-level theme.
  const themes = [...new Set(asked.flatMap((theme) => tree.withDescendants(theme)))];
  const { cells } = await comparison(context, countries, themes);
  const traits = await instrumentFacts(context, [...new Set(cells.flatMap((cell) => cell.judgedOn))]);
  const ranked = rankSimilar(
    stancesOf(cells, (id) => traits.get(id)),
    countryId,
    countries,
    themes,
    asked,
  ).slice(0, limit);
  const named = await context.loaders.nodes([...countries, ...themes, ...traits.keys()]);
  const labels = new Map(named.flatMap((node) => (node ? [[node.id, node.label] as const] : [])));
  const name = (id: string) => labels.get(id) ?? id;
  const point = (other: string) => (entry: SimilarityPoint) => ({
    ...entry,
    sentence: pointInWords(entry, countryId, other, name),
  });
  return ranked.map(async (entry) => ({
    country: await context.loaders.node(entry.country),
    score: entry.score,
    sharedThemes: await context.loaders.nodes(entry.shared),
    onlyFirst: await context.loaders.nodes(entry.onlyFirst),
    onlyOther: await context.loaders.nodes(entry.onlyOther),
    agreements: entry.agreements.map(point(entry.country)),
    differences: entry.differences.map(point(entry.country)),
  }));
}
