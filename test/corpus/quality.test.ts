/**
 * The data-quality gate of the bundled corpus: it reads corpus/ through the real ingest and lists every
 * record that breaks a rule, by file and id, so a curator can go straight to it.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkTarget } from '../../ingest/assemble.js';
import { DocumentMeta } from '../../ingest/corpus-schema.js';
import { formatIssue, IssueLog } from '../../ingest/issues.js';
import type { KnowledgeGraph, NodeKind, NodeOf } from '../../ingest/model.js';
import { type IngestReport, runIngest } from '../../ingest/pipeline.js';
import {
  type DocumentSource,
  defaultReadOptions,
  discoverCorpus,
  displayPath,
  readDocument,
} from '../../ingest/read.js';
import { fold } from '../../ingest/text.js';
import { coverageDocPath, coverageMarkdown, isOfficialSource } from '../../server/coverage-report.js';

const corpus = 'corpus';

let graph: KnowledgeGraph;
let report: IngestReport;
let documents: DocumentSource[];

beforeAll(async () => {
  const result = await runIngest([corpus]);
  report = result.report;
  if (!('graph' in result))
    throw new Error(`the corpus does not ingest:\n${report.errors.map(formatIssue).join('\n')}`);
  graph = result.graph;
  const log = new IssueLog();
  const files = await discoverCorpus([corpus], log);
  documents = [];
  for (const file of files.documents) {
    const source = await readDocument(file, defaultReadOptions, log);
    if (source) documents.push(source);
  }
});

/** Countries whose statutes are enacted in English: their official title is the English one, with no other. */
const englishLegislation = new Set(['PH', 'SG']);

const where = (source: DocumentSource) => `${displayPath(source.metaFile)} (${source.meta.id})`;
const nodesOf = <K extends NodeKind>(kind: K) => graph.nodes.filter((node): node is NodeOf<K> => node.kind === kind);

/** A field counts as given when it has a value, or when the record admits it could not be verified. */
function missing(source: DocumentSource, fields: string[], allowUnverified: string[]): string[] {
  const meta = source.meta as Record<string, unknown>;
  return fields.filter((field) => {
    const value = meta[field];
    const given = value !== undefined && value !== '';
    return !given && !(allowUnverified.includes(field) && source.meta.unverified.includes(field));
  });
}

/** Compares two dates at the precision both give: "2017" is not after "2017-06-01". */
function isAfter(later: string, earlier: string): boolean {
  const length = Math.min(later.length, earlier.length);
  return later.slice(0, length) < earlier.slice(0, length);
}

describe('bundled corpus: records', () => {
  it('ingests with no errors, so every relationship joins existing ids of the right kinds', () => {
    expect(report.errors.map(formatIssue)).toEqual([]);
    const ids = new Set(graph.nodes.map((node) => node.id));
    const dangling = graph.relationships
      .filter((relationship) => !ids.has(relationship.from) || !ids.has(relationship.to))
      .map((relationship) => `${relationship.type} ${relationship.from} → ${relationship.to}`);
    expect(dangling).toEqual([]);
    expect(report.relationships.ENACTED).toBeGreaterThan(0);
  });

  it('gives every national instrument its title, local title, kind, status, date, source and checked date', () => {
    const national = documents.filter((source) => source.meta.country);
    expect(national.length).toBeGreaterThan(0);
    const offences = national.flatMap((source) => {
      const required = ['title', 'titleLocal', 'kind', 'status', 'date', 'source', 'checked'].filter(
        (field) => field !== 'titleLocal' || !englishLegislation.has(source.meta.country ?? ''),
      );
      const gaps = missing(source, required, ['titleLocal', 'date', 'status']);
      return gaps.length > 0 ? [`${where(source)}: missing ${gaps.join(', ')}`] : [];
    });
    expect(offences).toEqual([]);
  });

  it('gives every regional, bilateral or forum document its title, kind, date, source and checked date', () => {
    const others = documents.filter((source) => !source.meta.country);
    expect(others.length).toBeGreaterThan(0);
    const offences = others.flatMap((source) => {
      const gaps = missing(source, ['title', 'kind', 'date', 'source', 'checked'], ['date']);
      return gaps.length > 0 ? [`${where(source)}: missing ${gaps.join(', ')}`] : [];
    });
    expect(offences).toEqual([]);
  });

  it('lists only real field names as unverified', () => {
    const fields = new Set(Object.keys(DocumentMeta.shape));
    const offences = documents.flatMap((source) =>
      source.meta.unverified
        .filter((field) => !fields.has(field))
        .map((field) => `${where(source)}: unverified lists unknown field "${field}"`),
    );
    expect(offences).toEqual([]);
  });

  it('keeps dates in order: adopted ≤ in force ≤ checked, signed ≤ in force, nothing after the check unless a draft', () => {
    const offences: string[] = [];
    for (const source of documents) {
      const { meta } = source;
      const at = where(source);
      if (meta.date && meta.inForce && isAfter(meta.inForce, meta.date))
        offences.push(`${at}: in force ${meta.inForce} before adopted ${meta.date}`);
      if (meta.checked && meta.status !== 'draft') {
        for (const [field, value] of [
          ['date', meta.date],
          ['inForce', meta.inForce],
        ] as const) {
          if (value && isAfter(meta.checked, value))
            offences.push(`${at}: ${field} ${value} is after checked ${meta.checked}`);
        }
      }
      for (const party of meta.parties) {
        if (party.signed && party.inForce && isAfter(party.inForce, party.signed))
          offences.push(`${at}: party ${party.party} in force ${party.inForce} before signed ${party.signed}`);
        for (const value of [party.signed, party.inForce]) {
          if (value && meta.checked && isAfter(meta.checked, value))
            offences.push(`${at}: party ${party.party} date ${value} is after checked ${meta.checked}`);
        }
      }
    }
    for (const event of nodesOf('Event')) {
      if (event.date && event.endDate && isAfter(event.endDate, event.date))
        offences.push(
          `${event.provenance.document} (${event.id}): ends ${event.endDate} before it starts ${event.date}`,
        );
    }
    for (const role of graph.relationships.filter((relationship) => relationship.type === 'HELD_ROLE')) {
      const { from, to } = role.properties;
      if (from && to && isAfter(to, from))
        offences.push(
          `${role.provenance.document} (${role.from}): role ${role.properties.title} ends ${to} before ${from}`,
        );
    }
    expect(offences).toEqual([]);
  });

  it('dates a check only when it was made: never in the future, never without a source to check against', () => {
    const today = new Date().toISOString().slice(0, 10);
    const offences = documents.flatMap((source) => {
      const { checked, source: url } = source.meta;
      if (!checked) return [];
      const problems: string[] = [];
      if (isAfter(today, checked)) problems.push(`checked ${checked} is in the future`);
      if (!url) problems.push(`checked ${checked} with no source`);
      return problems.map((problem) => `${where(source)}: ${problem}`);
    });
    expect(offences).toEqual([]);
  });

  it('keeps secondary sources as labelled seeAlso, and a reason for no official source only beside a secondary one', () => {
    const offences = documents.flatMap((source) => {
      const { meta } = source;
      const problems: string[] = [];
      for (const entry of meta.seeAlso) {
        if (entry.url === meta.source) problems.push(`seeAlso repeats the source ${entry.url}`);
        if (isOfficialSource(entry.url) && !isOfficialSource(meta.source))
          problems.push(`seeAlso ${entry.url} is official: make it the source`);
      }
      if (meta.noOfficialSource && isOfficialSource(meta.source))
        problems.push('noOfficialSource is given but the source is official');
      return problems.map((problem) => `${where(source)}: ${problem}`);
    });
    expect(offences).toEqual([]);
  });

  it('cites an official source for every instrument, or records in noOfficialSource why there is none', () => {
    const offences = documents
      .filter(({ meta }) => !isOfficialSource(meta.source) && !meta.noOfficialSource)
      .map((source) => {
        const line = source.metaLines.get('source') ?? source.metaLines.get('id') ?? 1;
        return `${displayPath(source.metaFile)}:${line} (${source.meta.id}): source ${source.meta.source ?? '(none)'} is not an official publication; cite the legislature, gazette, ministry, regulator or secretariat that publishes it (secondary sources go to seeAlso), or say in noOfficialSource why none could be cited`;
      });
    expect(offences).toEqual([]);
  });

  it('has no duplicate or near-duplicate instruments', () => {
    const declaredDistinct = new Set<string>();
    for (const { meta } of documents) {
      for (const link of [...meta.amends, ...meta.supersedes, ...meta.implements, ...meta.references]) {
        const target = (typeof link === 'string' ? link : link.target).replace(/^instrument:/, '');
        declaredDistinct.add(`${meta.id}|${target}`).add(`${target}|${meta.id}`);
      }
    }
    const offences: string[] = [];
    for (const [index, first] of documents.entries()) {
      for (const second of documents.slice(index + 1)) {
        if (first.meta.country !== second.meta.country) continue;
        if (declaredDistinct.has(`${first.meta.id}|${second.meta.id}`)) continue;
        const a = titleTokens(first.meta.title);
        const b = titleTokens(second.meta.title);
        const sameTitle = first.meta.kind === second.meta.kind && a.join(' ') === b.join(' ');
        const overlap = jaccard(a, b);
        if (sameTitle || overlap >= 0.85)
          offences.push(
            `${where(first)} and ${where(second)}: ${sameTitle ? 'same kind and title' : `titles overlap ${Math.round(overlap * 100)}%`}`,
          );
      }
    }
    expect(offences).toEqual([]);
  });

  it('sources every curated fact with an http(s) URL that names a host', () => {
    const offences: string[] = [];
    const check = (place: string, url: string | undefined) => {
      if (!url) offences.push(`${place}: no source URL`);
      else if (!isUsableUrl(url)) offences.push(`${place}: source ${url} is not an http(s) URL with a real host`);
    };
    const documentFile = new Map(documents.map((source) => [`instrument:${source.meta.id}`, where(source)]));
    for (const node of graph.nodes) {
      const place = `${documentFile.get(node.id) ?? node.provenance.document ?? 'corpus'} (${node.id})`;
      if (['Instrument', 'Country', 'Organization', 'Person', 'Event'].includes(node.kind))
        check(place, node.provenance.url);
      if (node.kind === 'Organization' && node.url) check(`${place} url`, node.url);
      if (node.kind === 'Country') {
        for (const approach of node.approaches) {
          const at = `corpus/approaches/${node.code.toLowerCase()}.yaml (${approach.theme})`;
          if (approach.sources.length === 0) offences.push(`${at}: no source URL`);
          for (const url of approach.sources) check(at, url);
        }
      }
    }
    for (const relationship of graph.relationships) {
      const place = `${documentFile.get(relationship.provenance.document ?? '') ?? relationship.provenance.document} (${relationship.type} ${relationship.from} → ${relationship.to})`;
      if (['HELD_ROLE', 'PARTY_TO', 'MODELED_ON'].includes(relationship.type))
        check(place, relationship.provenance.url);
      else if (relationship.provenance.url) check(place, relationship.provenance.url);
    }
    for (const source of documents) {
      source.meta.quotes.forEach((quote, index) => {
        check(`${where(source)} quotes.${index}`, quote.source ?? source.meta.source);
      });
    }
    expect(offences).toEqual([]);
  });

  it('curates every lineage link between countries, or between a country and the regional layer, with its own source and a note', () => {
    const countryOf = new Map(documents.map((source) => [source.meta.id, source.meta.country ?? 'regional']));
    const offences = documents.flatMap((source) => {
      const { amends, implements: implemented, supersedes, references, modeledOn } = source.meta;
      const fields = { amends, implements: implemented, supersedes, references, modeledOn };
      const from = source.meta.country ?? 'regional';
      return Object.entries(fields).flatMap(([field, links]) =>
        links.flatMap((link, index) => {
          const { target, source: url, note } = linkTarget(link);
          // instrument:<id> or provision:<id>:<anchor>: the document id is the second part either way.
          const to = countryOf.get(target.split(':')[1] ?? '');
          if (!to || to === from || (from === 'regional' && to === 'regional')) return [];
          const missing = [url ? '' : 'source', note ? '' : 'note'].filter(Boolean);
          return missing.length > 0
            ? [`${where(source)} ${field}.${index} (${target}): no ${missing.join(' and no ')}`]
            : [];
        }),
      );
    });
    expect(offences).toEqual([]);
  });

  it('gives every country an approach summary (or an explicit gap) for every top-level theme', () => {
    const topLevel = nodesOf('Theme').filter((theme) => !theme.parent);
    const countries = nodesOf('Country');
    expect(countries).toHaveLength(11);
    const offences: string[] = [];
    for (const country of countries) {
      const file = `corpus/approaches/${country.code.toLowerCase()}.yaml`;
      for (const theme of topLevel) {
        const approach = country.approaches.find((entry) => entry.theme === theme.id);
        if (!approach) offences.push(`${file}: no approach for ${theme.id}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('marks the language of every provision quoted in the official wording, in the script of that language', () => {
    const quoted = documents.filter((source) => source.meta.textMode === 'quotation');
    const offences: string[] = [];
    for (const source of quoted) {
      if (!source.metaLines.has('language')) {
        offences.push(`${where(source)}: textMode quotation without a language`);
        continue;
      }
      const provisions = nodesOf('Provision').filter((node) => node.instrument === `instrument:${source.meta.id}`);
      if (provisions.length === 0) offences.push(`${where(source)}: quotation with no provisions`);
      for (const provision of provisions) {
        const script = dominantScript(provision.text);
        if (provision.language !== source.meta.language || script !== scriptOf(provision.language))
          offences.push(
            `${where(source)} ${provision.anchor}: language ${provision.language} but the text is ${script}`,
          );
      }
    }
    expect(offences).toEqual([]);
  });
  it('writes every paraphrased provision in its own words: no long run of words from an official text in the corpus', (context) => {
    const file = new Map(documents.map((source) => [`instrument:${source.meta.id}`, displayPath(source.file)]));
    const official = [
      ...nodesOf('Provision')
        .filter((node) => node.textMode === 'quotation')
        .map((node) => ({ text: node.text, language: node.language, from: `${node.instrument} ${node.anchor}` })),
      // Quotes found in a provision's text are that provision's own words; only curated ones are separate texts.
      ...nodesOf('Quote')
        .filter((node) => node.textMode === 'quotation' && !node.provision)
        .map((node) => ({ text: node.text, language: node.language, from: node.id })),
    ].map((text) => ({ ...text, runs: wordRuns(text.text, text.language) }));
    const offences: string[] = [];
    let compared = 0;
    for (const provision of nodesOf('Provision').filter((node) => node.textMode === 'paraphrase')) {
      const sameLanguage = official.filter((text) => baseLanguage(text.language) === baseLanguage(provision.language));
      if (sameLanguage.length === 0) continue;
      const runs = wordRuns(provision.text, provision.language);
      for (const text of sameLanguage) {
        compared++;
        const shared = [...runs].find((run) => text.runs.has(run));
        if (shared)
          offences.push(
            `${file.get(provision.instrument)}:${provision.line} (${provision.id}): shares "${shared}" with the official text of ${text.from}; write it in our own words or mark it textMode quotation`,
          );
      }
    }
    if (compared === 0) {
      console.warn(
        'no paraphrased provision shares a language with an official text in the corpus: nothing to compare',
      );
      context.skip();
    }
    expect(offences).toEqual([]);
  });
});

describe('bundled corpus: the names people search by', () => {
  const instruments = () =>
    documents.filter((source) => /^corpus\/(national|regional)\//.test(displayPath(source.file)));

  it('gives every national law and regulation at least one alias (short title, acronym or official number)', () => {
    const offences = instruments()
      .filter((source) => source.meta.country && ['law', 'regulation'].includes(source.meta.kind))
      .filter((source) => source.meta.aliases.length === 0)
      .map((source) => `${where(source)}: no aliases`);
    expect(offences).toEqual([]);
  });

  it('never repeats the title or the local title as an alias', () => {
    const offences = documents.flatMap((source) => {
      const titles = new Set(
        [source.meta.title, source.meta.titleLocal].filter(Boolean).map((title) => searchKey(title ?? '')),
      );
      return source.meta.aliases
        .filter((alias) => titles.has(searchKey(alias)))
        .map((alias) => `${where(source)}: alias "${alias}" only repeats the title`);
    });
    expect(offences).toEqual([]);
  });

  it('shares an alias between two instruments of one country only when one is the other in another language', () => {
    const sameInstrument = (a: DocumentSource, b: DocumentSource) =>
      a.meta.date === b.meta.date && (linksTo(a, b.meta.id) || linksTo(b, a.meta.id));
    const byAlias = new Map<string, DocumentSource[]>();
    for (const source of documents)
      for (const alias of new Set(source.meta.aliases.map(searchKey))) {
        const key = `${source.meta.country ?? 'regional'}|${alias}`;
        byAlias.set(key, [...(byAlias.get(key) ?? []), source]);
      }
    const offences: string[] = [];
    for (const [key, sources] of byAlias)
      for (const [index, first] of sources.entries())
        for (const second of sources.slice(index + 1))
          if (!sameInstrument(first, second))
            offences.push(`${where(first)} and ${where(second)} both have the alias "${key.split('|')[1]}"`);
    expect(offences).toEqual([]);
  });

  it("gives every country search names that are not already its name, local names or aliases, nor another country's", () => {
    const countries = nodesOf('Country');
    const owner = new Map<string, string>();
    const offences: string[] = [];
    for (const country of countries) {
      const tagged = new Set([country.label, ...country.localNames, ...country.aliases].map(searchKey));
      if (country.searchNames.length === 0) offences.push(`${country.id}: no searchNames`);
      for (const name of country.searchNames) {
        const key = searchKey(name);
        if (tagged.has(key)) offences.push(`${country.id}: search name "${name}" is already a name or alias`);
        const other = owner.get(key);
        if (other && other !== country.id) offences.push(`${country.id}: search name "${name}" also finds ${other}`);
        owner.set(key, country.id);
      }
    }
    expect(offences).toEqual([]);
  });

  it('keeps search-only names of people, organizations and events out of their tagging aliases', () => {
    const offences = graph.nodes.flatMap((node) => {
      if (node.kind !== 'Organization' && node.kind !== 'Person' && node.kind !== 'Event') return [];
      const tagged = new Set([node.label, ...node.aliases].map(searchKey));
      return node.searchNames
        .filter((name) => tagged.has(searchKey(name)))
        .map((name) => `${node.provenance.document} (${node.id}): "${name}" is both an alias and a search name`);
    });
    expect(offences).toEqual([]);
  });
});

describe('bundled corpus: coverage report', () => {
  it(`${coverageDocPath} is current (regenerate with npm run docs:coverage)`, async () => {
    const current = await readFile(coverageDocPath, 'utf8').catch(() => '');
    expect(current, `${coverageDocPath} is out of date: run npm run docs:coverage`).toBe(
      await coverageMarkdown([corpus]),
    );
  });
});

/** What search compares: case, diacritics and punctuation folded away ("Law on X (2025)" = "law on x 2025"). */
function searchKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function linksTo(source: DocumentSource, id: string): boolean {
  const { amends, implements: implemented, supersedes, references } = source.meta;
  return [...amends, ...implemented, ...supersedes, ...references].some(
    (link) => (typeof link === 'string' ? link : link.target) === `instrument:${id}`,
  );
}

const stopWords = new Set(['of', 'the', 'on', 'and', 'for', 'a', 'an', 'in', 'to', 'no', 'number', 'be']);

/** A title's words with case, diacritics, punctuation and years folded away. */
function titleTokens(title: string): string[] {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(b\.?e\.?\s*)?(19|20|25)\d\d\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word && !stopWords.has(word));
}

function jaccard(a: string[], b: string[]): number {
  const first = new Set(a);
  const second = new Set(b);
  const shared = [...first].filter((word) => second.has(word)).length;
  const union = new Set([...first, ...second]).size;
  return union === 0 ? 0 : shared / union;
}

const placeholderHosts = /(^|\.)(example\.(com|org|net)|localhost|invalid|test)$/;

function isUsableUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname.includes('.') &&
      !placeholderHosts.test(url.hostname)
    );
  } catch {
    return false;
  }
}

const scripts: [string, RegExp][] = [
  ['Han', /\p{Script=Han}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Khmer', /\p{Script=Khmer}/u],
  ['Lao', /\p{Script=Lao}/u],
  ['Myanmar', /\p{Script=Myanmar}/u],
  ['Latin', /\p{Script=Latin}/u],
];

function dominantScript(text: string): string {
  const counts = new Map<string, number>();
  for (const character of text) {
    const script = scripts.find(([, pattern]) => pattern.test(character))?.[0];
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none';
}

function scriptOf(language: string): string {
  const base = language.split('-')[0] ?? language;
  return { zh: 'Han', th: 'Thai', km: 'Khmer', lo: 'Lao', my: 'Myanmar' }[base] ?? 'Latin';
}

/** Paraphrase sharing this many consecutive words with an official text copies it rather than restates it. */
const copiedRunLength = 10;

function baseLanguage(language: string): string {
  return language.split('-')[0] ?? language;
}

/** Every run of copiedRunLength consecutive words of a text, folded, words found the way each language splits them. */
function wordRuns(text: string, language: string): Set<string> {
  const segmenter = new Intl.Segmenter(baseLanguage(language), { granularity: 'word' });
  const words = [...segmenter.segment(fold(text))].filter((part) => part.isWordLike).map((part) => part.segment);
  const runs = new Set<string>();
  for (let start = 0; start + copiedRunLength <= words.length; start++)
    runs.add(words.slice(start, start + copiedRunLength).join(' '));
  return runs;
}
