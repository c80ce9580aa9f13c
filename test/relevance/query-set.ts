/**
 * The judged query set (queries.yaml beside this file): its schema, loading with the file, line and field of
 * every problem (as the ingest reports them), and the measures the relevance bench prints.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { type IngestIssue, IssueLog } from '../../ingest/issues.js';
import { InstrumentKind } from '../../ingest/model.js';
import { displayPath, parseYaml } from '../../ingest/read.js';

export const queryFile = join(import.meta.dirname, 'queries.yaml');

export const countryCodes = ['CN', 'BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'] as const;
export const personas = ['diplomat', 'researcher', 'student'] as const;
export const languages = ['en', 'zh', 'vi', 'vi-nodiacritics', 'th', 'id', 'ms', 'km', 'lo', 'my', 'tl'] as const;
export const categories = [
  'country+topic',
  'acronym',
  'official number',
  'title',
  'local title',
  'provision',
  'entity',
  'forum',
  'concept',
  'typo',
] as const;

const nodeId = z
  .string()
  .regex(
    /^(instrument|person|org|event|country|theme):\S+$/,
    'expected a node id: instrument:…, person:…, org:…, event:…, country:… or theme:…',
  );

/** What `search(filter:)` takes; the server checks the values it alone knows (result kinds, theme ids). */
const Filter = z.strictObject({
  countries: z.array(z.enum(countryCodes)).min(1).optional(),
  kinds: z.array(z.string().min(1)).min(1).optional(),
  instrumentKinds: z.array(InstrumentKind).min(1).optional(),
  themes: z.array(z.string().min(1)).min(1).optional(),
  yearFrom: z.number().int().optional(),
  yearTo: z.number().int().optional(),
});

const JudgedQuery = z.strictObject({
  query: z.string().trim().min(1),
  filter: Filter.optional(),
  persona: z.enum(personas),
  language: z.enum(languages),
  category: z.enum(categories),
  expect: z
    .array(nodeId)
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, 'lists an id twice'),
  note: z.string().min(1).optional(),
});

const QuerySetFile = z.strictObject({ queries: z.array(JudgedQuery).min(1) });

export type JudgedQuery = z.infer<typeof JudgedQuery> & { file: string; line: number };

const formatHint = `the header of ${displayPath(queryFile)} lists the fields and their values`;

/** Reads and validates a query set; on any problem, returns every problem and no queries. */
export async function loadQuerySet(
  file: string = queryFile,
): Promise<{ queries: JudgedQuery[]; errors: IngestIssue[] }> {
  const log = new IssueLog();
  const text = await readFile(file, 'utf8');
  const parsed = parseYaml(text, QuerySetFile, file, log);
  // parseYaml's generic hints point at the corpus format, which says nothing about this file.
  const errors = log.errors.map((issue) =>
    issue.hint?.includes('corpus-format') ? { ...issue, hint: formatHint } : issue,
  );
  if (!parsed) return { queries: [], errors };

  // Each entry's line is that of its `- query:` key, the n-th such line for the n-th entry.
  const queryLines = text.split('\n').flatMap((line, index) => (/^\s*-\s+query:/.test(line) ? [index + 1] : []));
  const queries = parsed.value.queries.map((query, index) => ({
    ...query,
    file: displayPath(file),
    line: queryLines[index] ?? 1,
  }));
  const seen = new Map<string, JudgedQuery>();
  for (const [index, query] of queries.entries()) {
    const key = JSON.stringify([query.query, query.filter ?? {}]);
    const first = seen.get(key);
    if (first) {
      errors.push({
        severity: 'error',
        file: query.file,
        line: query.line,
        field: `queries.${index}.query`,
        message: `repeats the query on line ${first.line} (${JSON.stringify(query.query)}, same filter)`,
        hint: 'merge the two entries: one query, every accepted answer under expect',
      });
    } else {
      seen.set(key, query);
    }
  }
  return errors.length > 0 ? { queries: [], errors } : { queries, errors };
}

/** Every expected id the ingested corpus does not have, with the nearest ids of the same kind as a hint. */
export function unknownExpectations(queries: JudgedQuery[], nodeIds: ReadonlySet<string>): IngestIssue[] {
  const known = [...nodeIds];
  return queries.flatMap((query, index) =>
    query.expect.flatMap((id, position) => {
      if (nodeIds.has(id)) return [];
      const prefix = id.slice(0, id.indexOf(':') + 1);
      const nearest = known
        .filter((candidate) => candidate.startsWith(prefix))
        .map((candidate) => ({ candidate, distance: editDistance(id, candidate) }))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, 3)
        .map(({ candidate }) => candidate);
      return [
        {
          severity: 'error' as const,
          file: query.file,
          line: query.line,
          field: `queries.${index}.expect.${position}`,
          message: `${id} is not a node of the ingested corpus`,
          hint: nearest.length > 0 ? `did you mean ${nearest.join(', ')}?` : `no node id starts with ${prefix}`,
        },
      ];
    }),
  );
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** A search result as the bench reads it: a hit of any kind, grouped under an instrument or not. */
export interface Hit {
  id: string;
  kind: string;
  title?: { text: string } | null;
  instrument?: { id: string } | null;
}

/**
 * The node ids a hit stands for: its own, and its instrument's, so that a provision or quote of the expected
 * law counts as finding it. An entity hit (person, organization, event, country, theme) has no instrument.
 */
export function hitIds(hit: Hit): string[] {
  const instrument = hit.instrument?.id;
  return instrument && instrument !== hit.id ? [hit.id, instrument] : [hit.id];
}

/** The one id a hit is compared by across backends: its instrument's when it has one. */
export function resultId(hit: Hit): string {
  return hit.instrument?.id ?? hit.id;
}

export interface QueryScore {
  successAt3: boolean;
  /** 1 / the rank of the first hit that is an expected answer, within the first 10; 0 if none is. */
  reciprocalRank: number;
  ndcgAt10: number;
}

/**
 * Binary relevance over the expected ids. Each expected id earns its gain once, at the first hit that is it:
 * the same law again through another of its provisions adds nothing, so nDCG cannot pass 1.
 */
export function scoreQuery(expect: readonly string[], hits: readonly Hit[]): QueryScore {
  const top = hits.slice(0, 10);
  const firstRank = top.findIndex((hit) => hitIds(hit).some((id) => expect.includes(id)));
  const credited = new Set<string>();
  let dcg = 0;
  for (const [index, hit] of top.entries()) {
    const id = hitIds(hit).find((candidate) => expect.includes(candidate) && !credited.has(candidate));
    if (id === undefined) continue;
    credited.add(id);
    dcg += 1 / Math.log2(index + 2);
  }
  let ideal = 0;
  for (let index = 0; index < Math.min(expect.length, 10); index++) ideal += 1 / Math.log2(index + 2);
  return {
    successAt3: firstRank >= 0 && firstRank < 3,
    reciprocalRank: firstRank >= 0 ? 1 / (firstRank + 1) : 0,
    ndcgAt10: dcg / ideal,
  };
}
