/**
 * What a corpus file may say: the YAML front matter (or sidecar) of a document and the
 * vocabulary files in corpus/vocab/. docs/corpus-format.md explains these with examples.
 */
import { z } from 'zod';
import { InstrumentKind, InstrumentStatus, isoDate, sourceUrl, TextMode } from './model.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'use an ISO 3166-1 alpha-2 code such as CN or VN');
const entityId = z
  .string()
  .regex(/^(country|org|person|event|instrument|theme):[A-Za-z0-9-]+$/, 'use a prefixed id such as person:lu-wei');

/** A relationship target: an id, or an id with the source that states the link. */
const link = z.union([
  entityId,
  z.strictObject({ target: entityId, source: sourceUrl.optional(), note: z.string().optional() }),
]);
export type Link = z.infer<typeof link>;

/** A name a record is found or tagged by, as a curator would type it. */
const name = z.string().superRefine((value, context) => {
  if (value.trim() === '') context.addIssue({ code: 'custom', message: 'is empty', input: value });
  else if (value.trim() !== value)
    context.addIssue({ code: 'custom', message: 'has spaces at its start or end', input: value });
});

/**
 * A list of names. A repeat is reported at its own line; case is ignored because every consumer (the
 * mention matcher, both search backends) ignores it, but diacritics are not, since "Nghị định" and
 * "Nghi dinh" may both be listed on purpose.
 */
const names = z.array(name).superRefine((list, context) => {
  const first = new Map<string, number>();
  list.forEach((value, index) => {
    const key = value.normalize('NFC').toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else
      context.addIssue({
        code: 'custom',
        message: `repeats item ${earlier + 1} of the list (${JSON.stringify(list[earlier])})`,
        path: [index],
        input: value,
      });
  });
});

/**
 * Refuses a record whose `later` date is before its `earlier` one, at the later field. Dates are ISO text
 * (YYYY, YYYY-MM or YYYY-MM-DD): compared to the precision of the less precise one, so that a year-only end
 * date never counts as before a full start date within that year.
 */
function inOrder<T extends z.ZodType<Record<string, unknown>>>(schema: T, earlier: string, later: string, why: string) {
  return schema.refine(
    (record) => {
      const [first, second] = [record[earlier], record[later]];
      if (typeof first !== 'string' || typeof second !== 'string') return true;
      const precision = Math.min(first.length, second.length);
      return second.slice(0, precision) >= first.slice(0, precision);
    },
    { message: `${later} is before ${earlier}${why}: check both against the source`, path: [later] },
  );
}

const party = z.strictObject({
  party: z.union([countryCode, entityId]),
  signed: isoDate.optional(),
  inForce: isoDate.optional(),
  source: sourceUrl.optional(),
});

/** A phrase as a source words it, with the source that says so when it is not the record's own source. */
const sourcedText = z.union([
  z.string().min(1),
  z.strictObject({ text: z.string().min(1), source: sourceUrl.optional() }),
]);

const quote = z.strictObject({
  speaker: entityId.optional(),
  text: z.string().min(1),
  language: z.string().default('en'),
  mode: TextMode.default('quotation'),
  source: sourceUrl.optional(),
});

/** An article or section number as the text writes it: 37, 37A, 4.1 (YAML reads a bare 37 as a number). */
const provisionNumber = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string().regex(/^\d+[A-Za-z]?(\.\d+)?$/, 'use a provision number such as 37, 37A or 4.1'),
);

const CHANGE_KINDS = ['insert', 'replace', 'renumber', 'repeal'] as const;

/**
 * One change an amending instrument makes to the instrument it amends, by the provision's number before the change
 * (docs/corpus-format.md, "Amendments and versions"). Exactly one of insert, replace, renumber or repeal.
 */
const change = z
  .strictObject({
    /** The amended instrument; needed only when the document amends more than one. */
    instrument: entityId.optional(),
    insert: provisionNumber.optional(),
    replace: provisionNumber.optional(),
    renumber: provisionNumber.optional(),
    repeal: provisionNumber.optional(),
    /** The new number of a replaced or renumbered provision. */
    to: provisionNumber.optional(),
    /** Renumber a run: every provision from `renumber` (to `until`, when given) moves by `shift`. */
    until: provisionNumber.optional(),
    shift: z.number().int().optional(),
    /** The wording after the change (insert, replace), in `mode`. */
    text: z.string().min(1).optional(),
    mode: TextMode.default('paraphrase'),
    source: sourceUrl.optional(),
    /** No source confirms this change as written (a renumbering inferred from the changes around it). */
    unverified: z.literal(true).optional(),
  })
  .superRefine((entry, context) => {
    const kinds = CHANGE_KINDS.filter((kind) => entry[kind] !== undefined);
    const problem = (message: string) => context.addIssue({ code: 'custom', message, input: entry });
    if (kinds.length !== 1) {
      problem(`give exactly one of insert, replace, renumber or repeal (got ${kinds.join(', ') || 'none'})`);
      return;
    }
    const [kind] = kinds;
    const isRun = entry.shift !== undefined || entry.until !== undefined;
    if (isRun && kind !== 'renumber') problem('until and shift belong to renumber only');
    else if (isRun && entry.shift === undefined) problem('a renumbered run needs shift (how far it moves, e.g. 2)');
    else if (isRun && entry.to !== undefined) problem('renumber either one provision (to) or a run (shift), not both');
    else if (isRun && ![entry.renumber, entry.until].every((value) => value === undefined || /^\d+$/.test(value)))
      problem('a renumbered run needs whole numbers (renumber: 19, until: 79)');
    else if (kind === 'renumber' && !isRun && entry.to === undefined) problem('renumber needs to (the new number)');
    else if ((kind === 'insert' || kind === 'repeal') && entry.to !== undefined)
      problem(`${kind} takes no to: the number given is the provision's own`);
    if (entry.text !== undefined && kind !== 'insert' && kind !== 'replace')
      problem(`${kind} takes no text: only an inserted or replaced provision has new wording`);
  });
export type Change = z.infer<typeof change>;

export const DocumentMeta = inOrder(
  z.strictObject({
    id: slug,
    kind: InstrumentKind,
    title: z.string().min(1),
    titleLocal: z.string().optional(),
    /**
     * Short titles, acronyms and official numbers people use for the instrument (PIPL, RA 10173,
     * Nghị định 13/2023/NĐ-CP): found by search, never matched in other documents' text, where an
     * acronym such as PDPA could mean any of three countries' laws.
     */
    aliases: names.default([]),
    /** Language of the body text (BCP 47 such as en, zh, vi, th, id). */
    language: z.string().default('en'),
    /** Whether the body is the official wording or our paraphrase of it. */
    textMode: TextMode.default('paraphrase'),
    country: countryCode.optional(),
    parties: z.array(party).default([]),
    status: InstrumentStatus.optional(),
    date: isoDate.optional(),
    inForce: isoDate.optional(),
    source: sourceUrl.optional(),
    /** Secondary sources (law firms, databases, news, translations), each labelled: never the official source. */
    seeAlso: z.array(z.strictObject({ url: sourceUrl, label: z.string().min(1) })).default([]),
    /** Why `source` is not an official publication: none is published online, or none could be found. */
    noOfficialSource: z.string().min(1).optional(),
    checked: isoDate.optional(),
    summary: z.string().optional(),
    themes: z.array(slug).default([]),
    authors: z.array(link).default([]),
    deliveredBy: z.array(link).default([]),
    presentedAt: z.array(link).default([]),
    amends: z.array(link).default([]),
    /** What an amending instrument changes, provision by provision: each change makes a new version of its target. */
    changes: z.array(change).default([]),
    implements: z.array(link).default([]),
    supersedes: z.array(link).default([]),
    references: z.array(link).default([]),
    modeledOn: z
      .array(z.strictObject({ target: entityId, source: sourceUrl, note: z.string().optional() }))
      .default([]),
    mentions: z.array(link).default([]),
    quotes: z.array(quote).default([]),
    /** Facts that no source could confirm, by field name: shown as unverified, never as fact. */
    unverified: z.array(z.string()).default([]),
  }),
  'date',
  'inForce',
  ' (adoption)',
);
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const CountriesFile = z.strictObject({
  countries: z.array(
    z.strictObject({
      code: countryCode,
      name: z.string(),
      localNames: names.default([]),
      /** Names that tag the passages mentioning the country. */
      aliases: names.default([]),
      /** Names that find the country in search but are too common to tag passages: demonyms, other scripts. */
      searchNames: names.default([]),
      asean: z.boolean(),
      source: sourceUrl.optional(),
    }),
  ),
});

export const ThemesFile = z.strictObject({
  themes: z.array(
    z.strictObject({
      id: slug,
      label: z.string(),
      description: z.string(),
      parent: slug.optional(),
      /** Keywords by language code: en and zh at least. */
      keywords: z.record(z.string(), z.array(z.string())),
    }),
  ),
});

const role = inOrder(
  z.strictObject({
    title: z.string(),
    organization: entityId,
    from: isoDate.optional(),
    to: isoDate.optional(),
    source: sourceUrl,
  }),
  'from',
  'to',
  '',
);

/**
 * People, organizations and events. `aliases` are matched in every document and tag mentions;
 * `searchNames` only find the entry in search: acronyms such as NPC that other countries' bodies share.
 */
export const GazetteerFile = z.strictObject({
  people: z
    .array(
      z.strictObject({
        id: entityId,
        name: z.string(),
        localName: z.string().optional(),
        aliases: names.default([]),
        searchNames: names.default([]),
        country: countryCode.optional(),
        roles: z.array(role).default([]),
        source: sourceUrl,
      }),
    )
    .default([]),
  organizations: z
    .array(
      z.strictObject({
        id: entityId,
        name: z.string(),
        aliases: names.default([]),
        searchNames: names.default([]),
        country: countryCode.optional(),
        memberOf: z.array(entityId).default([]),
        url: sourceUrl.optional(),
        source: sourceUrl,
      }),
    )
    .default([]),
  events: z
    .array(
      inOrder(
        z.strictObject({
          id: entityId,
          name: z.string(),
          aliases: names.default([]),
          searchNames: names.default([]),
          date: isoDate.optional(),
          endDate: isoDate.optional(),
          place: z.string().optional(),
          country: countryCode.optional(),
          heldDuring: entityId.optional(),
          themes: z.array(slug).default([]),
          /** The theme the event was held under, in the source's words ("Development and cooperation"). */
          theme: sourcedText.optional(),
          /** The topics of its programme, in the source's words. */
          topics: z.array(sourcedText).default([]),
          participants: z.array(entityId).default([]),
          source: sourceUrl,
        }),
        'date',
        'endDate',
        ' (the start)',
      ),
    )
    .default([]),
});

/** corpus/approaches/<cc>.yaml: a country's approach to each top-level theme, in our own words. */
export const ApproachesFile = z.strictObject({
  country: countryCode,
  approaches: z.array(
    z.strictObject({
      theme: slug,
      /** instrument: it has one; draft_only: only a draft or bill; no_instrument: none (say so with a source). */
      coverage: z.enum(['instrument', 'draft_only', 'no_instrument']).default('instrument'),
      /** The judgement in a few words, a paraphrase of the summary ("strict localisation"); shown in cells and the overview. */
      label: z
        .string()
        .trim()
        .min(1)
        .max(48, 'a label is the judgement in a few words (at most 48 characters); the summary says the rest')
        .regex(/^[^.;]*$/, 'a label is a phrase, not a sentence: leave out full stops and semicolons')
        .optional(),
      summary: z.string().min(1),
      instruments: z.array(entityId).default([]),
      provisions: z
        .array(
          z
            .string()
            .regex(
              /^provision:[a-z0-9-]+:[a-z0-9-]+$/,
              'use a provision id such as provision:cn-cybersecurity-law-2016:art-37',
            ),
        )
        .default([]),
      sources: z.array(sourceUrl).min(1, 'an approach summary needs at least one source'),
    }),
  ),
});
