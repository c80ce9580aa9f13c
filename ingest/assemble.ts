/**
 * Assembling the knowledge graph from the vocabularies and the documents: nodes, relationships
 * and passages with deterministic ids, every reference checked, every fact with its provenance.
 */
import { createHash } from 'node:crypto';
import type { DocumentMeta, Link } from './corpus-schema.js';
import { extractCandidates } from './extract/candidates.js';
import { TitleCitations } from './extract/citations.js';
import { extractQuotes, type SpeakerSpan } from './extract/quotes.js';
import type { IssueLog } from './issues.js';
import {
  type GraphNode,
  type KnowledgeGraph,
  type NodeKind,
  type NodeOf,
  type Passage,
  type Provenance,
  type Relationship,
  type RelationshipType,
  relationshipSpec,
} from './model.js';
import { parseProvisions } from './provisions.js';
import { type DocumentSource, displayPath } from './read.js';
import { PhraseMatcher } from './text.js';
import { addVersions } from './versions.js';
import { type Vocabulary, vocabName } from './vocab.js';

export interface CandidateReport {
  name: string;
  kind: 'Person' | 'Organization';
  count: number;
  file: string;
  line: number;
}

export interface AssembledGraph {
  graph: KnowledgeGraph;
  candidates: CandidateReport[];
}

export function shortHash(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}

export interface Where {
  file: string;
  line?: number;
  field?: string;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly relationships = new Map<string, Relationship>();
  readonly passages: Passage[] = [];
  private readonly origins = new Map<string, Where>();
  /** References to check once every node exists: nodes may refer to ones defined later. */
  private readonly pending: {
    type: RelationshipType;
    from: string;
    to: string;
    where: Where;
    relationship: Relationship;
  }[] = [];

  constructor(private readonly log: IssueLog) {}

  addNode(node: GraphNode, where: Where): void {
    const earlier = this.origins.get(node.id);
    if (earlier) {
      this.log.error({
        ...where,
        message: `duplicate id ${node.id}: already defined at ${earlier.file}${earlier.line ? `:${earlier.line}` : ''}`,
        hint: 'give each document or entry a unique id',
      });
      return;
    }
    this.origins.set(node.id, where);
    this.nodes.set(node.id, node);
  }

  relate(
    type: RelationshipType,
    from: string,
    to: string,
    provenance: Provenance,
    where: Where,
    properties: Relationship['properties'] = {},
  ): void {
    const id = `rel:${shortHash(type, from, to, properties.title ?? '')}`;
    if (this.relationships.has(id)) return;
    const relationship: Relationship = {
      id,
      type,
      from,
      to,
      properties: dropUndefined(properties),
      provenance: dropUndefined(provenance),
    };
    this.relationships.set(id, relationship);
    this.pending.push({ type, from, to, where, relationship });
  }

  /** Every relationship must join existing nodes of the kinds the model allows. */
  checkReferences(): void {
    for (const { type, from, to, where, relationship } of this.pending) {
      const source = this.nodes.get(from);
      const target = this.nodes.get(to);
      const spec = relationshipSpec[type];
      let problem: string | undefined;
      if (!source) problem = `${type} from unknown id ${from}`;
      else if (!target) problem = `${type} points at unknown id ${to}`;
      else if (
        !(spec.from as readonly NodeKind[]).includes(source.kind) ||
        !(spec.to as readonly NodeKind[]).includes(target.kind)
      ) {
        problem = `${type} cannot join a ${source.kind} to a ${target.kind} (allowed: ${spec.from.join('/')} → ${spec.to.join('/')})`;
      }
      if (problem) {
        this.log.error({
          ...where,
          message: problem,
          hint: "check the id for typos; ids are listed in corpus/vocab and in each document's front matter",
        });
        this.relationships.delete(relationship.id);
      }
    }
  }

  build(): KnowledgeGraph {
    return {
      nodes: [...this.nodes.values()].sort(byId),
      relationships: [...this.relationships.values()].sort(byId),
      passages: this.passages.sort(byId),
    };
  }
}

export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export function linkTarget(link: Link): { target: string; source?: string; note?: string } {
  return typeof link === 'string' ? { target: link } : link;
}

/** A gazetteer phrase with its source: its own, or else the record's. */
function sourced(value: string | { text: string; source?: string }, recordSource: string) {
  return typeof value === 'string'
    ? { text: value, source: recordSource }
    : { text: value.text, source: value.source ?? recordSource };
}

const countryId = (code: string) => `country:${code}`;
const themeId = (slug: string) => `theme:${slug}`;

function addVocabulary(builder: GraphBuilder, vocab: Vocabulary, log: IssueLog): void {
  const themeIds = new Set(vocab.themes.map((theme) => theme.id));
  const countryCodes = new Set(vocab.countries.map((country) => country.code));
  const checkCountry = (code: string | undefined, where: Where) => {
    if (code && !countryCodes.has(code)) {
      log.error({
        ...where,
        field: 'country',
        message: `unknown country code ${code}`,
        hint: 'use a code listed in corpus/vocab/countries.yaml',
      });
      return false;
    }
    return Boolean(code);
  };
  const checkTheme = (slug: string, where: Where) => {
    if (themeIds.has(slug)) return true;
    log.error({
      ...where,
      field: 'themes',
      message: `unknown theme ${slug}`,
      hint: 'use an id from corpus/vocab/themes.yaml',
    });
    return false;
  };

  for (const country of vocab.countries) {
    const where = { file: country.file, line: country.line };
    builder.addNode(
      {
        id: countryId(country.code),
        kind: 'Country',
        label: country.name,
        code: country.code,
        localNames: country.localNames,
        aliases: country.aliases,
        searchNames: country.searchNames,
        asean: country.asean,
        approaches: [],
        provenance: { document: vocabName(country.file), url: country.source },
      },
      where,
    );
    if (country.asean)
      builder.relate(
        'MEMBER_OF',
        countryId(country.code),
        'org:asean',
        { document: vocabName(country.file), url: country.source },
        where,
      );
  }
  for (const theme of vocab.themes) {
    const where = { file: theme.file, line: theme.line };
    if (theme.parent && !themeIds.has(theme.parent)) {
      log.error({
        ...where,
        field: 'parent',
        message: `unknown parent theme ${theme.parent}`,
        hint: 'use an id defined in themes.yaml',
      });
    }
    builder.addNode(
      {
        id: themeId(theme.id),
        kind: 'Theme',
        label: theme.label,
        description: theme.description,
        parent: theme.parent ? themeId(theme.parent) : undefined,
        keywords: theme.keywords,
        provenance: { document: vocabName(theme.file) },
      },
      where,
    );
  }
  for (const organization of vocab.organizations) {
    const where = { file: organization.file, line: organization.line };
    const provenance = { document: vocabName(organization.file), url: organization.source };
    builder.addNode(
      {
        id: organization.id,
        kind: 'Organization',
        label: organization.name,
        aliases: organization.aliases,
        searchNames: organization.searchNames,
        url: organization.url,
        provenance,
      },
      where,
    );
    if (checkCountry(organization.country, where))
      builder.relate('BASED_IN', organization.id, countryId(organization.country ?? ''), provenance, where);
    for (const parent of organization.memberOf)
      builder.relate('MEMBER_OF', organization.id, parent, provenance, { ...where, field: 'memberOf' });
  }
  for (const person of vocab.people) {
    const where = { file: person.file, line: person.line };
    const provenance = { document: vocabName(person.file), url: person.source };
    builder.addNode(
      {
        id: person.id,
        kind: 'Person',
        label: person.name,
        localName: person.localName,
        aliases: person.aliases,
        searchNames: person.searchNames,
        provenance,
      },
      where,
    );
    if (checkCountry(person.country, where))
      builder.relate('BASED_IN', person.id, countryId(person.country ?? ''), provenance, where);
    for (const role of person.roles) {
      builder.relate(
        'HELD_ROLE',
        person.id,
        role.organization,
        { document: vocabName(person.file), url: role.source },
        { ...where, field: 'roles' },
        {
          title: role.title,
          from: role.from,
          to: role.to,
        },
      );
    }
  }
  for (const event of vocab.events) {
    const where = { file: event.file, line: event.line };
    const provenance = { document: vocabName(event.file), url: event.source };
    builder.addNode(
      {
        id: event.id,
        kind: 'Event',
        label: event.name,
        aliases: event.aliases,
        searchNames: event.searchNames,
        date: event.date,
        endDate: event.endDate,
        place: event.place,
        country: event.country,
        ...(event.theme ? { theme: sourced(event.theme, event.source) } : {}),
        ...(event.topics.length > 0 ? { topics: event.topics.map((topic) => sourced(topic, event.source)) } : {}),
        provenance,
      },
      where,
    );
    if (checkCountry(event.country, where))
      builder.relate('BASED_IN', event.id, countryId(event.country ?? ''), provenance, where);
    if (event.heldDuring)
      builder.relate('HELD_DURING', event.id, event.heldDuring, provenance, { ...where, field: 'heldDuring' });
    for (const slug of event.themes)
      if (checkTheme(slug, where)) builder.relate('ADDRESSES', event.id, themeId(slug), provenance, where);
    for (const participant of event.participants)
      builder.relate('PARTICIPATED_IN', participant, event.id, provenance, { ...where, field: 'participants' });
  }
}

/** Alias matchers over the whole vocabulary and the instruments' titles. */
function buildMatchers(vocab: Vocabulary, sources: DocumentSource[]) {
  const entities: { phrase: string; value: string }[] = [];
  for (const country of vocab.countries) {
    for (const phrase of [country.name, ...country.localNames, ...country.aliases])
      entities.push({ phrase, value: countryId(country.code) });
  }
  for (const entry of [...vocab.organizations, ...vocab.events]) {
    for (const phrase of [entry.name, ...entry.aliases]) entities.push({ phrase, value: entry.id });
  }
  for (const person of vocab.people) {
    for (const phrase of [person.name, ...(person.localName ? [person.localName] : []), ...person.aliases])
      entities.push({ phrase, value: person.id });
  }
  for (const source of sources) {
    for (const phrase of [source.meta.title, source.meta.titleLocal])
      if (phrase) entities.push({ phrase, value: `instrument:${source.meta.id}` });
  }
  const themes: { phrase: string; value: string }[] = [];
  for (const theme of vocab.themes) {
    for (const phrases of Object.values(theme.keywords))
      for (const phrase of phrases) themes.push({ phrase, value: themeId(theme.id) });
  }
  const citations = new TitleCitations(
    vocab.countries.map((country) => ({
      code: country.code,
      names: [country.name, ...country.localNames, ...country.aliases, ...country.searchNames],
    })),
    new Map(
      sources.flatMap((source) => (source.meta.country ? [[`instrument:${source.meta.id}`, source.meta.country]] : [])),
    ),
  );
  return { entities: new PhraseMatcher(entities), themes: new PhraseMatcher(themes), citations };
}

const RELATION_FIELDS = [
  ['amends', 'AMENDS'],
  ['implements', 'IMPLEMENTS'],
  ['supersedes', 'SUPERSEDES'],
  ['references', 'REFERENCES'],
  ['modeledOn', 'MODELED_ON'],
  ['presentedAt', 'PRESENTED_AT'],
  ['mentions', 'MENTIONS'],
] as const satisfies readonly (readonly [keyof DocumentMeta, RelationshipType])[];

export function assembleGraph(sources: DocumentSource[], vocab: Vocabulary, log: IssueLog): AssembledGraph {
  const builder = new GraphBuilder(log);
  addVocabulary(builder, vocab, log);
  const matchers = buildMatchers(vocab, sources);
  const themeIds = new Set(vocab.themes.map((theme) => themeId(theme.id)));
  const countryCodes = new Set(vocab.countries.map((country) => country.code));
  const candidates = new Map<string, CandidateReport>();

  for (const source of sources) {
    const { meta } = source;
    const file = displayPath(source.file);
    const metaFile = displayPath(source.metaFile);
    const at = (field: string): Where => ({ file: metaFile, line: source.metaLines.get(field), field });
    const instrumentId = `instrument:${meta.id}`;
    const provenance: Provenance = { document: instrumentId, url: meta.source, checked: meta.checked };

    const countries = [meta.country, ...meta.parties.map((party) => party.party)].filter(
      (code): code is string => typeof code === 'string' && /^[A-Z]{2}$/.test(code),
    );
    for (const code of countries) {
      if (!countryCodes.has(code))
        log.error({
          ...at(meta.country === code ? 'country' : 'parties'),
          message: `unknown country code ${code}`,
          hint: 'use a code listed in corpus/vocab/countries.yaml',
        });
    }
    for (const slug of meta.themes) {
      if (!themeIds.has(themeId(slug)))
        log.error({
          ...at('themes'),
          message: `unknown theme ${slug}`,
          hint: 'use an id from corpus/vocab/themes.yaml',
        });
    }
    const instrument: NodeOf<'Instrument'> = {
      id: instrumentId,
      kind: 'Instrument',
      label: meta.title,
      instrumentKind: meta.kind,
      titleLocal: meta.titleLocal,
      aliases: meta.aliases,
      language: meta.language,
      status: meta.status,
      date: meta.date,
      inForce: meta.inForce,
      summary: meta.summary,
      summaryMode: meta.summary ? 'paraphrase' : undefined,
      countries: [...new Set(countries)].sort(),
      themes: meta.themes.map(themeId),
      unverified: meta.unverified,
      provenance: dropUndefined(provenance),
    };
    builder.addNode(dropUndefined(instrument), { file, line: 1 });

    if (meta.country) builder.relate('ENACTED', countryId(meta.country), instrumentId, provenance, at('country'));
    for (const party of meta.parties) {
      const partyId = /^[A-Z]{2}$/.test(party.party) ? countryId(party.party) : party.party;
      builder.relate(
        'PARTY_TO',
        partyId,
        instrumentId,
        { ...provenance, url: party.source ?? meta.source },
        at('parties'),
        {
          signed: party.signed,
          inForce: party.inForce,
        },
      );
    }
    for (const slug of meta.themes) builder.relate('ADDRESSES', instrumentId, themeId(slug), provenance, at('themes'));
    for (const [field, type] of RELATION_FIELDS) {
      for (const link of meta[field]) {
        const { target, source: url, note } = linkTarget(link);
        builder.relate(type, instrumentId, target, { ...provenance, url: url ?? meta.source }, at(field), { note });
      }
    }
    for (const link of meta.authors) {
      const { target, source: url } = linkTarget(link);
      builder.relate('AUTHORED', target, instrumentId, { ...provenance, url: url ?? meta.source }, at('authors'));
    }
    for (const link of meta.deliveredBy) {
      const { target, source: url } = linkTarget(link);
      builder.relate('DELIVERED', target, instrumentId, { ...provenance, url: url ?? meta.source }, at('deliveredBy'));
    }
    meta.quotes.forEach((quote, index) => {
      addQuote(
        builder,
        instrumentId,
        quote.speaker,
        quote.text,
        quote.language,
        quote.mode,
        { ...provenance, url: quote.source ?? meta.source },
        { ...at('quotes'), field: `quotes.${index}` },
        matchers.themes,
      );
    });

    // HTML arrives with its headings already turned into Markdown headings.
    const format = source.format === 'markdown' || source.format === 'html' ? 'markdown' : 'text';
    const provisions = parseProvisions(source.body, source.bodyLine, format);
    const anchors = new Set<string>();
    provisions.forEach((provision, ordinal) => {
      let anchor = provision.anchor;
      if (anchors.has(anchor)) {
        let suffix = 2;
        while (anchors.has(`${provision.anchor}-${suffix}`)) suffix++;
        anchor = `${provision.anchor}-${suffix}`;
        log.warn({
          file,
          line: provision.line,
          message: `${provision.label} appears more than once; this one is anchored as #${anchor}`,
          hint: 'number provisions uniquely, or put repeated numbering under separate headings',
        });
      }
      anchors.add(anchor);
      const provisionId = `provision:${meta.id}:${anchor}`;
      const text = provision.paragraphs.map((paragraph) => paragraph.text).join('\n\n');
      builder.addNode(
        {
          id: provisionId,
          kind: 'Provision',
          label: provision.label,
          instrument: instrumentId,
          number: provision.number,
          anchor,
          ordinal,
          provisionKind: provision.provisionKind,
          text,
          textMode: meta.textMode,
          language: meta.language,
          line: provision.line,
          provenance: dropUndefined(provenance),
        },
        { file, line: provision.line },
      );
      builder.relate('PART_OF', provisionId, instrumentId, provenance, { file, line: provision.line });
      provision.paragraphs.forEach((paragraph, index) => {
        builder.passages.push({
          id: `passage:${meta.id}:${anchor}:${index + 1}`,
          provision: provisionId,
          instrument: instrumentId,
          ordinal: index,
          text: paragraph.text,
          language: meta.language,
          line: paragraph.line,
        });
        const where = { file, line: paragraph.line };
        for (const match of matchers.themes.find(paragraph.text))
          builder.relate('ADDRESSES', provisionId, match.value, provenance, where);
        const citing = { text: paragraph.text, country: meta.country };
        const mentions = matchers.entities
          .find(paragraph.text)
          // Instruments may be added after this one: their kind is known by id, not yet by node.
          .filter((match) => !match.value.startsWith('instrument:') || matchers.citations.cites(match, citing))
          .filter((match) => match.value !== instrumentId);
        for (const match of mentions) {
          if (!match.value.startsWith('instrument:')) {
            builder.relate('MENTIONS', provisionId, match.value, provenance, where);
            continue;
          }
          const derivation = { note: `found in the text: "${match.phrase}"` };
          builder.relate('REFERENCES', provisionId, match.value, provenance, where, derivation);
          builder.relate('REFERENCES', instrumentId, match.value, provenance, where, derivation);
        }
        const speakers: SpeakerSpan[] = mentions
          .filter((match) => match.value.startsWith('person:'))
          .map((match) => ({ id: match.value, start: match.start, end: match.end }));
        const byline = /^By\s+(.+?)\s*$/.exec(paragraph.text);
        if (byline && speakers.length === 1 && speakers[0] && speakers[0].start === 3) {
          builder.relate('AUTHORED', speakers[0].id, instrumentId, provenance, where);
        }
        for (const quote of extractQuotes(paragraph.text, speakers)) {
          addQuote(
            builder,
            instrumentId,
            quote.speaker,
            quote.text,
            meta.language,
            'original',
            provenance,
            where,
            matchers.themes,
            provisionId,
          );
        }
        if (meta.language === 'en') {
          for (const candidate of extractCandidates(paragraph.text, mentions)) {
            const key = `${candidate.kind}:${candidate.name}`;
            const seen = candidates.get(key);
            if (seen) seen.count++;
            else
              candidates.set(key, { name: candidate.name, kind: candidate.kind, count: 1, file, line: paragraph.line });
          }
        }
      });
    });
  }
  addVersions(builder, sources, log);
  attachApproaches(builder, vocab, log);
  builder.checkReferences();
  return {
    graph: builder.build(),
    candidates: [...candidates.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}

function addQuote(
  builder: GraphBuilder,
  instrumentId: string,
  speaker: string | undefined,
  text: string,
  language: string,
  textMode: NodeOf<'Quote'>['textMode'],
  provenance: Provenance,
  where: Where,
  themes: PhraseMatcher<string>,
  provisionId?: string,
): void {
  const id = `quote:${instrumentId.slice('instrument:'.length)}:${shortHash(speaker ?? '', text)}`;
  if (builder.nodes.has(id)) return;
  const label = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  builder.addNode(
    dropUndefined({
      id,
      kind: 'Quote',
      label,
      text,
      speaker,
      instrument: instrumentId,
      provision: provisionId,
      textMode,
      language,
      provenance: dropUndefined(provenance),
    }),
    where,
  );
  builder.relate('PART_OF', id, instrumentId, provenance, where);
  if (speaker) builder.relate('SAID', speaker, id, provenance, where);
  for (const match of themes.find(text)) builder.relate('ADDRESSES', id, match.value, provenance, where);
}

/** Approach summaries join their country node once every provision they cite exists. */
function attachApproaches(builder: GraphBuilder, vocab: Vocabulary, log: IssueLog): void {
  const topLevel = new Set(vocab.themes.filter((theme) => !theme.parent).map((theme) => theme.id));
  const seen = new Set<string>();
  for (const approach of vocab.approaches) {
    const where = { file: approach.file, line: approach.line };
    const country = builder.nodes.get(countryId(approach.country));
    if (country?.kind !== 'Country') {
      log.error({
        ...where,
        field: 'country',
        message: `unknown country code ${approach.country}`,
        hint: 'use a code listed in corpus/vocab/countries.yaml',
      });
      continue;
    }
    if (!topLevel.has(approach.theme)) {
      log.error({
        ...where,
        field: 'theme',
        message: `${approach.theme} is not a top-level theme`,
        hint: `use one of: ${[...topLevel].join(', ')}`,
      });
      continue;
    }
    const key = `${approach.country}/${approach.theme}`;
    if (seen.has(key)) {
      log.error({
        ...where,
        field: 'theme',
        message: `a second approach for ${key}`,
        hint: 'merge the two summaries into one entry',
      });
      continue;
    }
    seen.add(key);
    for (const id of [...approach.instruments, ...approach.provisions]) {
      if (!builder.nodes.has(id)) {
        log.error({
          ...where,
          field: id.startsWith('provision:') ? 'provisions' : 'instruments',
          message: `unknown id ${id}`,
          hint: 'provision ids are provision:<document id>:<anchor>, e.g. art-37 for Article 37',
        });
      }
    }
    country.approaches.push({
      theme: themeId(approach.theme),
      coverage: approach.coverage,
      ...(approach.label ? { label: approach.label } : {}),
      summary: approach.summary,
      summaryMode: 'paraphrase',
      instruments: approach.instruments,
      provisions: approach.provisions,
      sources: approach.sources,
    });
  }
  for (const node of builder.nodes.values()) {
    if (node.kind === 'Country') node.approaches.sort((a, b) => a.theme.localeCompare(b.theme));
  }
}
