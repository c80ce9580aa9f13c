/**
 * The domain model: the one source of truth for every node, relationship and passage kind.
 * Ingest produces a KnowledgeGraph of these; the stores, the GraphQL SDL (checked by a test),
 * cypher/schema.cypher (checked by a test) and the web explorer all follow from it.
 */
import { z } from 'zod';

/** ISO 8601 calendar date, possibly reduced to a year or a month when a source is no more precise. */
export const isoDate = z.preprocess(
  // YAML reads a bare year such as `date: 2008` as a number.
  (value) => (typeof value === 'number' ? String(value) : value),
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
    .refine(isRealDate, 'is not a real calendar date'),
);

function isRealDate(value: string): boolean {
  const [year = 0, month = 1, day = 1] = value.split('-').map(Number);
  if (month < 1 || month > 12) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const sourceUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const nodeKinds = [
  'Country',
  'Organization',
  'Person',
  'Event',
  'Instrument',
  'Provision',
  'Quote',
  'Theme',
] as const;
export const NodeKind = z.enum(nodeKinds);
export type NodeKind = z.infer<typeof NodeKind>;

/** The id prefix of each node kind: ids read as `person:lu-wei`, `instrument:cn-cybersecurity-law-2016`. */
export const idPrefix: Record<NodeKind, string> = {
  Country: 'country',
  Organization: 'org',
  Person: 'person',
  Event: 'event',
  Instrument: 'instrument',
  Provision: 'provision',
  Quote: 'quote',
  Theme: 'theme',
};

export const instrumentKinds = [
  'law',
  'regulation',
  'strategy',
  'agreement',
  'declaration',
  'statement',
  'speech',
  'letter',
  'report',
  'article',
] as const;
export const InstrumentKind = z.enum(instrumentKinds);
export type InstrumentKind = z.infer<typeof InstrumentKind>;

export const instrumentStatuses = ['in_force', 'amended', 'repealed', 'superseded', 'draft', 'not_applicable'] as const;
export const InstrumentStatus = z.enum(instrumentStatuses);
export type InstrumentStatus = z.infer<typeof InstrumentStatus>;

/** Whether text is the official wording (quotation) or our own words (paraphrase). */
export const TextMode = z.enum(['quotation', 'paraphrase', 'original']);
export type TextMode = z.infer<typeof TextMode>;

/** Where a fact comes from: the corpus document it was read from and, for curated facts, a URL. */
export const Provenance = z.object({
  document: z.string().optional(),
  url: sourceUrl.optional(),
  checked: isoDate.optional(),
});
export type Provenance = z.infer<typeof Provenance>;

/** A phrase in a source's words and the URL of that source. */
export const SourcedText = z.object({ text: z.string().min(1), source: sourceUrl });
export type SourcedText = z.infer<typeof SourcedText>;

/**
 * What an amending instrument did to one provision (or, for `renumber` with `until` or `shift`, to a run of
 * them), by the provision's number before the change. `provision` is the provision it concerns, where the corpus
 * has it; an amendment may change provisions the corpus does not hold.
 */
export const ProvisionChange = z.object({
  change: z.enum(['insert', 'replace', 'renumber', 'repeal']),
  /** The number before the change; absent for an insertion. */
  number: z.string().optional(),
  /** The last number of a run renumbered together (`number` to `until`); open-ended when absent with `shift`. */
  until: z.string().optional(),
  /** The number after the change: an inserted provision's number, or the new number of a moved one. */
  to: z.string().optional(),
  /** How far a run of provisions moves (+2: Article 37 becomes Article 39). */
  shift: z.number().int().optional(),
  provision: z.string().optional(),
  source: sourceUrl.optional(),
  /** No source confirms the change as recorded (a renumbering inferred from the changes around it). */
  unverified: z.literal(true).optional(),
});
export type ProvisionChange = z.infer<typeof ProvisionChange>;

/**
 * One version (an expression, in the Akoma Ntoso and ELI sense) of an instrument (the work): the text as
 * originally enacted, or the consolidated text after an amending instrument took effect.
 */
export const InstrumentVersion = z.object({
  /** `<instrument slug>@original`, or `<instrument slug>@<amending instrument slug>`. */
  id: z.string(),
  /** The amending instrument that made this version; absent for the original. */
  amendedBy: z.string().optional(),
  adopted: isoDate.optional(),
  inForceFrom: isoDate.optional(),
  /** The day the next version (or the superseding instrument) took effect. */
  inForceUntil: isoDate.optional(),
  /** The instrument that replaced this one as a whole, for the last version of a superseded instrument. */
  supersededBy: z.string().optional(),
  /** The source and checked date of this version: the original's, or the amending instrument's. */
  source: sourceUrl.optional(),
  checked: isoDate.optional(),
  /** What the amending instrument changed, as the corpus records it; empty for the original. */
  changes: z.array(ProvisionChange),
});
export type InstrumentVersion = z.infer<typeof InstrumentVersion>;

/** A provision as it stands in one version: its number and anchor there and, where the corpus has it, its text. */
export const ProvisionInVersion = z.object({
  version: z.string(),
  number: z.string().optional(),
  anchor: z.string(),
  label: z.string(),
  /** Absent when this version changed the provision and the corpus does not have the new wording. */
  text: z.string().optional(),
  textMode: TextMode.optional(),
  /** Fields no source confirms: `number` when an unverified change gave it. */
  unverified: z.array(z.literal('number')).optional(),
});
export type ProvisionInVersion = z.infer<typeof ProvisionInVersion>;

const nodeBase = {
  id: z.string().min(1),
  label: z.string().min(1),
  provenance: Provenance,
};

/** A country's approach to one top-level theme: a curated summary in our words, with its sources. */
export const Approach = z.object({
  theme: z.string(),
  coverage: z.enum(['instrument', 'draft_only', 'no_instrument']),
  /** The judgement in a few words, paraphrasing the summary. */
  label: z.string().optional(),
  summary: z.string(),
  summaryMode: z.literal('paraphrase'),
  instruments: z.array(z.string()),
  provisions: z.array(z.string()),
  sources: z.array(sourceUrl),
});
export type Approach = z.infer<typeof Approach>;

export const CountryNode = z.object({
  ...nodeBase,
  kind: z.literal('Country'),
  code: z.string().regex(/^[A-Z]{2}$/),
  localNames: z.array(z.string()),
  /** Other names that tag the passages mentioning the country (Burma, Lao PDR, PRC). */
  aliases: z.array(z.string()),
  /** Names that find the country in search only: demonyms (Vietnamese), other scripts (越南), old names. */
  searchNames: z.array(z.string()),
  asean: z.boolean(),
  approaches: z.array(Approach),
});
export const OrganizationNode = z.object({
  ...nodeBase,
  kind: z.literal('Organization'),
  aliases: z.array(z.string()),
  /** Names that find the entity in search only, being too ambiguous to tag mentions (NPC, DTI). */
  searchNames: z.array(z.string()),
  url: sourceUrl.optional(),
});
export const PersonNode = z.object({
  ...nodeBase,
  kind: z.literal('Person'),
  localName: z.string().optional(),
  aliases: z.array(z.string()),
  searchNames: z.array(z.string()),
});
export const EventNode = z.object({
  ...nodeBase,
  kind: z.literal('Event'),
  aliases: z.array(z.string()),
  searchNames: z.array(z.string()),
  date: isoDate.optional(),
  endDate: isoDate.optional(),
  place: z.string().optional(),
  country: z.string().optional(),
  /** The theme it was held under, in the source's words, with that source. */
  theme: SourcedText.optional(),
  /** The topics of its programme, in the source's words, each with its source. */
  topics: z.array(SourcedText).optional(),
});
export const InstrumentNode = z.object({
  ...nodeBase,
  kind: z.literal('Instrument'),
  instrumentKind: InstrumentKind,
  titleLocal: z.string().optional(),
  /** Short titles, acronyms and official numbers (PIPL, RA 10173, Decree 13/2023/ND-CP), for search. */
  aliases: z.array(z.string()),
  language: z.string().optional(),
  status: InstrumentStatus.optional(),
  /** Adopted, signed or (for speeches, letters and articles) delivered or published. */
  date: isoDate.optional(),
  inForce: isoDate.optional(),
  summary: z.string().optional(),
  summaryMode: TextMode.optional(),
  countries: z.array(z.string()),
  themes: z.array(z.string()),
  unverified: z.array(z.string()),
  /** Oldest first; only for an instrument that an amending instrument in the corpus changes (see `changes`). */
  versions: z.array(InstrumentVersion).optional(),
});
export const ProvisionNode = z.object({
  ...nodeBase,
  kind: z.literal('Provision'),
  instrument: z.string(),
  /** "37" for Article 37; absent for an unnumbered section or passage. */
  number: z.string().optional(),
  anchor: z.string(),
  ordinal: z.number().int().nonnegative(),
  provisionKind: z.enum(['article', 'section', 'passage']),
  text: z.string(),
  textMode: TextMode,
  language: z.string(),
  line: z.number().int().positive(),
  /**
   * The versions of its instrument this provision is part of, oldest first, with its number in each: its id
   * stays the same when it is renumbered. Only for provisions of an instrument with `versions`; `number`,
   * `anchor`, `label` and `text` above are those of the first version it is part of.
   */
  versions: z.array(ProvisionInVersion).optional(),
});
export const QuoteNode = z.object({
  ...nodeBase,
  kind: z.literal('Quote'),
  text: z.string().min(1),
  speaker: z.string().optional(),
  instrument: z.string(),
  /** The provision the quotation was found in, when it was extracted from the text. */
  provision: z.string().optional(),
  textMode: TextMode,
  language: z.string(),
});
export const ThemeNode = z.object({
  ...nodeBase,
  kind: z.literal('Theme'),
  description: z.string(),
  parent: z.string().optional(),
  keywords: z.record(z.string(), z.array(z.string())),
});

export const GraphNode = z.discriminatedUnion('kind', [
  CountryNode,
  OrganizationNode,
  PersonNode,
  EventNode,
  InstrumentNode,
  ProvisionNode,
  QuoteNode,
  ThemeNode,
]);
export type GraphNode = z.infer<typeof GraphNode>;
export type NodeOf<K extends NodeKind> = Extract<GraphNode, { kind: K }>;

/**
 * Each relationship type with the node kinds it may join. Validation enforces these, and the
 * `meaningful` flag marks the types that `connections` follows by default: a mention or a theme tag
 * joins almost any two documents, so neither says how two entities are connected.
 */
export const relationshipSpec = {
  ENACTED: { from: ['Country', 'Organization'], to: ['Instrument'], meaningful: true },
  PARTY_TO: { from: ['Country', 'Organization'], to: ['Instrument'], meaningful: true },
  MEMBER_OF: { from: ['Country', 'Organization', 'Person'], to: ['Organization'], meaningful: true },
  /** To a provision too: which provisions an amending instrument inserts, replaces, renumbers or repeals. */
  AMENDS: { from: ['Instrument'], to: ['Instrument', 'Provision'], meaningful: true },
  IMPLEMENTS: { from: ['Instrument'], to: ['Instrument'], meaningful: true },
  SUPERSEDES: { from: ['Instrument'], to: ['Instrument'], meaningful: true },
  REFERENCES: { from: ['Instrument', 'Provision', 'Quote'], to: ['Instrument', 'Provision'], meaningful: true },
  MODELED_ON: { from: ['Instrument'], to: ['Instrument'], meaningful: true },
  PART_OF: { from: ['Provision', 'Quote'], to: ['Instrument'], meaningful: true },
  ADDRESSES: { from: ['Instrument', 'Provision', 'Quote', 'Event'], to: ['Theme'], meaningful: false },
  MENTIONS: {
    from: ['Instrument', 'Provision', 'Quote'],
    to: ['Country', 'Organization', 'Person', 'Event', 'Instrument'],
    meaningful: false,
  },
  DELIVERED: { from: ['Person'], to: ['Instrument'], meaningful: true },
  AUTHORED: { from: ['Person', 'Organization'], to: ['Instrument'], meaningful: true },
  PRESENTED_AT: { from: ['Instrument'], to: ['Event'], meaningful: true },
  HELD_DURING: { from: ['Event'], to: ['Event'], meaningful: true },
  PARTICIPATED_IN: { from: ['Person', 'Organization', 'Country'], to: ['Event'], meaningful: true },
  HELD_ROLE: { from: ['Person'], to: ['Organization'], meaningful: true },
  BASED_IN: { from: ['Organization', 'Person', 'Event'], to: ['Country'], meaningful: true },
  SAID: { from: ['Person'], to: ['Quote'], meaningful: true },
} as const satisfies Record<string, { from: readonly NodeKind[]; to: readonly NodeKind[]; meaningful: boolean }>;

export const relationshipTypes = Object.keys(relationshipSpec) as (keyof typeof relationshipSpec)[];
export const RelationshipType = z.enum(relationshipTypes as [RelationshipType, ...RelationshipType[]]);
export type RelationshipType = keyof typeof relationshipSpec;
export const meaningfulRelationshipTypes = relationshipTypes.filter((type) => relationshipSpec[type].meaningful);

export const Relationship = z.object({
  id: z.string(),
  type: RelationshipType,
  from: z.string(),
  to: z.string(),
  /** HELD_ROLE: title, from, to; PARTY_TO: signed, inForce; anything else: a note. */
  properties: z.object({
    title: z.string().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    signed: isoDate.optional(),
    inForce: isoDate.optional(),
    note: z.string().optional(),
  }),
  provenance: Provenance,
});
export type Relationship = z.infer<typeof Relationship>;

/** A paragraph of a provision: the finest unit a citation points at. */
export const Passage = z.object({
  id: z.string(),
  provision: z.string(),
  instrument: z.string(),
  ordinal: z.number().int().nonnegative(),
  text: z.string(),
  language: z.string(),
  line: z.number().int().positive(),
});
export type Passage = z.infer<typeof Passage>;

export const KnowledgeGraph = z.object({
  nodes: z.array(GraphNode),
  relationships: z.array(Relationship),
  passages: z.array(Passage),
});
export type KnowledgeGraph = z.infer<typeof KnowledgeGraph>;
