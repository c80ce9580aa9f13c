/**
 * The coverage report of the corpus (docs/coverage.md): countries × top-level themes, counted the way the
 * API's `compare` counts them, with each country's approach coverage and the facts still unverified.
 * `npm run docs:coverage` writes it; `npm run docs:coverage -- --check` fails when it is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IssueLog } from '../ingest/issues.js';
import type { KnowledgeGraph, NodeOf } from '../ingest/model.js';
import { ingestCorpus } from '../ingest/pipeline.js';
import { type DocumentSource, defaultReadOptions, discoverCorpus, readDocument } from '../ingest/read.js';
import { compareCells } from './domain/compare.js';
import { ThemeTree } from './domain/themes.js';
import { MemoryGraphStore } from './graph/memory-graph-store.js';

export const coverageDocPath = 'docs/coverage.md';

/**
 * Hosts that publish for a government or an intergovernmental body: government domains (gov, gov.cn, gov.sg,
 * go.id, go.th, ...), Viet Nam's state hosts outside gov.vn (the Government portal and its legal documents
 * system chinhphu.vn, the National Assembly quochoi.vn, the Ministry of Justice's national legal database
 * vbpl.vn), Thai state agencies registered under or.th rather than go.th (the Electronic Transactions
 * Development Agency etda.or.th), the ASEAN and RCEP secretariats, ASEAN chair and ASEAN–China Centre sites,
 * the United Nations (un.org and its subdomains, such as the press service and UNCITRAL), the Council of Europe
 * (coe.int, its treaty office and cybercrime programme), Chinese diplomatic missions, and the NPC's English site
 * (en.npc.gov.cn.cdurl.cn, also served under subsites.chinadaily.com.cn/npc/). A host says who published a page,
 * not that the page is the text itself.
 */
const officialHostSuffixes = [
  /(^|\.)gov(\.[a-z]{2})?$/,
  /(^|\.)go\.(id|th)$/,
  /(^|\.)(chinhphu|quochoi|vbpl)\.vn$/,
  /(^|\.)etda\.or\.th$/,
  /(^|\.)(asean\.org|rcepsec\.org|asean2020\.vn|asean-china-center\.org)$/,
  /(^|\.)(un\.org|coe\.int)$/,
  /(^|\.)(chineseconsulate\.org|china-embassy\.org)$/,
  /^en\.npc\.gov\.cn\.cdurl\.cn$/,
];
const officialPathPrefixes = ['subsites.chinadaily.com.cn/npc/'];

/** Whether a source URL is published by a government or an intergovernmental body (see officialHostSuffixes). */
export function isOfficialSource(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { hostname, pathname } = new URL(url);
    const host = hostname.toLowerCase();
    return (
      officialHostSuffixes.some((pattern) => pattern.test(host)) ||
      officialPathPrefixes.some((prefix) => `${host}${pathname}`.startsWith(prefix))
    );
  } catch {
    return false;
  }
}

/** One document's source standing: official, a reason recorded why not, or neither. */
export interface SourceStanding {
  id: string;
  /** The enacting country's code, or undefined for regional, bilateral and forum documents. */
  country?: string;
  official: boolean;
  reason?: string;
}

type ApproachCoverage = NodeOf<'Country'>['approaches'][number]['coverage'];

export interface CoverageCell {
  country: string;
  theme: string;
  instruments: string[];
  provisions: string[];
  /** The country's approach summary for the theme, when it has one. */
  approach?: ApproachCoverage;
}

const lineageTypes = ['AMENDS', 'IMPLEMENTS', 'SUPERSEDES', 'REFERENCES', 'MODELED_ON'] as const;
type LineageType = (typeof lineageTypes)[number];
const isLineage = (type: string): type is LineageType => (lineageTypes as readonly string[]).includes(type);

/** The label "regional" stands for an instrument no single country enacted: ASEAN, China–ASEAN, forum documents. */
const regional = 'regional';

/** One end of a lineage link: the instrument, the provisions of it the link starts or ends at, and where it was enacted. */
export interface LineageEnd {
  instrument: string;
  title: string;
  /** The enacting countries' names, or "regional" for an instrument no single country enacted. */
  place: string;
  provisions: string[];
}

/** A lineage link (AMENDS, IMPLEMENTS, SUPERSEDES, REFERENCES, MODELED_ON) that crosses a border or the regional layer. */
export interface LineageLink {
  type: LineageType;
  from: LineageEnd;
  to: LineageEnd;
  source?: string;
  note?: string;
}

export interface Coverage {
  countries: NodeOf<'Country'>[];
  themes: NodeOf<'Theme'>[];
  cells: CoverageCell[];
  unverified: NodeOf<'Instrument'>[];
  sources: SourceStanding[];
  lineage: LineageLink[];
}

/**
 * The lineage links between instruments enacted by different countries, or with a regional instrument at either
 * end. A provision or quote counts as its instrument (the provisions are named on the row); a link between two
 * instruments of the same country is left out. A link found both from an instrument and from its provisions (a
 * reference in the text) is one row.
 */
function crossBorderLineage(graph: KnowledgeGraph): LineageLink[] {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const enactedBy = new Map<string, string[]>();
  for (const edge of graph.relationships) {
    const country = nodes.get(edge.from);
    if (edge.type !== 'ENACTED' || country?.kind !== 'Country') continue;
    enactedBy.set(edge.to, [...(enactedBy.get(edge.to) ?? []), country.label]);
  }
  const endOf = (id: string): LineageEnd => {
    const node = nodes.get(id);
    const part = node?.kind === 'Provision' || node?.kind === 'Quote' ? node : undefined;
    const instrument = part?.instrument ?? id;
    return {
      instrument,
      title: nodes.get(instrument)?.label ?? instrument,
      place: (enactedBy.get(instrument) ?? [regional]).sort().join(', '),
      provisions: part?.kind === 'Provision' ? [part.label] : [],
    };
  };
  const links = new Map<string, LineageLink>();
  for (const edge of graph.relationships) {
    if (!isLineage(edge.type)) continue;
    const [from, to] = [endOf(edge.from), endOf(edge.to)];
    if (from.place === to.place && from.place !== regional) continue;
    const key = [edge.type, from.instrument, to.instrument, edge.provenance.url].join(' ');
    const link = links.get(key);
    if (!link) {
      links.set(key, { type: edge.type, from, to, source: edge.provenance.url, note: edge.properties.note });
      continue;
    }
    link.from.provisions.push(...from.provisions);
    link.to.provisions.push(...to.provisions);
    link.note ??= edge.properties.note;
  }
  return [...links.values()].sort(
    (a, b) =>
      a.from.instrument.localeCompare(b.from.instrument) ||
      a.to.instrument.localeCompare(b.to.instrument) ||
      a.type.localeCompare(b.type),
  );
}

/** Counts through the same store and cell logic as the API: ENACTED or PARTY_TO countries, sub-themes included. */
export async function computeCoverage(graph: KnowledgeGraph, documents: DocumentSource[] = []): Promise<Coverage> {
  const countries = graph.nodes
    .filter((node): node is NodeOf<'Country'> => node.kind === 'Country')
    .sort((a, b) => a.label.localeCompare(b.label));
  const tree = new ThemeTree(graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme'));
  const themes = tree.topLevel;
  const store = await MemoryGraphStore.open();
  await store.replaceGraph(graph);
  const countryIds = countries.map((country) => country.id);
  const themeIds = themes.map((theme) => theme.id);
  const expanded = [...new Set(themeIds.flatMap((theme) => tree.withDescendants(theme)))];
  const links = await store.themeLinks(countryIds, expanded);
  await store.close();
  const approaches = new Map(
    countries.flatMap((country) =>
      country.approaches.map((approach) => [`${country.id}/${approach.theme}`, approach.coverage] as const),
    ),
  );
  const cells = compareCells(links, countryIds, themeIds, tree).map((cell) => ({
    country: cell.country,
    theme: cell.theme,
    instruments: cell.instruments,
    provisions: cell.provisions,
    approach: approaches.get(`${cell.country}/${cell.theme}`),
  }));
  const unverified = graph.nodes.filter(
    (node): node is NodeOf<'Instrument'> => node.kind === 'Instrument' && node.unverified.length > 0,
  );
  const sources = documents
    .map((source) => ({
      id: source.meta.id,
      country: source.meta.country,
      official: isOfficialSource(source.meta.source),
      reason: source.meta.noOfficialSource,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { countries, themes, cells, unverified, sources, lineage: crossBorderLineage(graph) };
}

/** Every document of the corpus with its metadata, read as the ingest reads it. */
export async function readCorpusDocuments(paths: string[]): Promise<DocumentSource[]> {
  const log = new IssueLog();
  const files = await discoverCorpus(paths, log);
  const documents: DocumentSource[] = [];
  for (const file of files.documents) {
    const source = await readDocument(file, defaultReadOptions, log);
    if (source) documents.push(source);
  }
  return documents;
}

const approachLabel: Record<ApproachCoverage, string> = {
  instrument: 'instrument',
  draft_only: 'draft only',
  no_instrument: 'no instrument',
};

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** "Viet Nam: Law on Cybersecurity (`vn-cybersecurity-law-2018`), Article 26". */
function lineageEnd(end: LineageEnd): string {
  const provisions = [...new Set(end.provisions)];
  const where = provisions.length > 0 ? `, ${provisions.join(', ')}` : '';
  return `${end.place}: ${end.title} (\`${end.instrument.replace(/^instrument:/, '')}\`)${where}`;
}

function lineageTable(links: LineageLink[]): string[] {
  if (links.length === 0) return ['None.'];
  return [
    '| From | Link | To | Note | Source |',
    '| --- | --- | --- | --- | --- |',
    ...links.map(
      (link) =>
        `| ${[lineageEnd(link.from), link.type, lineageEnd(link.to), link.note ?? '', link.source ?? ''].map(escapeCell).join(' | ')} |`,
    ),
  ];
}

export function renderCoverage(coverage: Coverage): string {
  const { countries, themes, cells, unverified, sources, lineage } = coverage;
  const cellOf = (country: string, theme: string) =>
    cells.find((cell) => cell.country === country && cell.theme === theme);
  const header = ['Country', ...themes.map((theme) => theme.label)];
  const table = (value: (cell: CoverageCell | undefined) => string) => [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...countries.map(
      (country) =>
        `| ${[country.label, ...themes.map((theme) => value(cellOf(country.id, theme.id)))].map(escapeCell).join(' | ')} |`,
    ),
  ];
  const gaps = countries.flatMap((country) =>
    themes.flatMap((theme) => {
      const cell = cellOf(country.id, theme.id);
      const problems: string[] = [];
      if (!cell || cell.instruments.length === 0) problems.push('no instrument in the corpus addresses it');
      if (!cell?.approach) problems.push('no approach summary');
      else if (cell.approach !== 'instrument') problems.push(`approach: ${approachLabel[cell.approach]}`);
      return problems.length > 0 ? [`- ${country.label} × ${theme.label}: ${problems.join('; ')}`] : [];
    }),
  );
  const instrumentCount = (cell: CoverageCell | undefined) => cell?.instruments.length ?? 0;
  const sourceRows = [
    ...countries.map((country) => ({ label: country.label, rows: sources.filter((s) => s.country === country.code) })),
    { label: 'Regional, bilateral and forums', rows: sources.filter((s) => !s.country) },
  ];
  const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`);
  const pending = sources.filter((s) => !s.official && !s.reason);
  const reasoned = sources.filter((s) => !s.official && s.reason);
  const lines = [
    '# Corpus coverage',
    '',
    '<!-- Generated by `npm run docs:coverage` from corpus/. Do not edit: test/corpus/quality.test.ts fails when this',
    'file is out of date. -->',
    '',
    "How much of each top-level theme the bundled corpus holds for each country, counted as the API's `compare`",
    'counts it: an instrument counts for a country that enacted it or is party to it, and for a theme when the',
    'instrument or one of its provisions addresses the theme or one of its sub-themes.',
    '',
    '## Instruments and provisions',
    '',
    'Each cell: instruments / provisions addressing the theme. **0 / 0** is a gap.',
    '',
    ...table((cell) => {
      const text = `${instrumentCount(cell)} / ${cell?.provisions.length ?? 0}`;
      return instrumentCount(cell) === 0 ? `**${text}**` : text;
    }),
    '',
    '## Approach summaries',
    '',
    "The coverage each country's approach summary (corpus/approaches/) declares for the theme: it has an",
    'instrument, only a draft, or no instrument; **missing** means there is no summary yet.',
    '',
    ...table((cell) => (cell?.approach ? approachLabel[cell.approach] : '**missing**')),
    '',
    '## Official sources',
    '',
    "Whether each document's `source` is published by a government or an intergovernmental body (its host: a",
    'government domain, the ASEAN or RCEP secretariat, a Chinese diplomatic mission, the NPC English site), or',
    'else records in `noOfficialSource` why not. Secondary sources belong in `seeAlso`, labelled.',
    '',
    '| Country | Documents | Official source | Share | Reason recorded | Secondary, no reason |',
    '| --- | --- | --- | --- | --- | --- |',
    ...sourceRows.map(({ label, rows }) => {
      const official = rows.filter((s) => s.official).length;
      const reason = rows.filter((s) => !s.official && s.reason).length;
      return `| ${[label, rows.length, official, percent(official, rows.length), reason, rows.length - official - reason].map((value) => escapeCell(String(value))).join(' | ')} |`;
    }),
    `| ${['All', sources.length, sources.filter((s) => s.official).length, percent(sources.filter((s) => s.official).length, sources.length), reasoned.length, pending.length].map((value) => escapeCell(String(value))).join(' | ')} |`,
    '',
    ...(reasoned.length > 0
      ? [
          'No official publication online (reason recorded):',
          '',
          ...reasoned.map((s) => `- \`${s.id}\`: ${s.reason}`),
          '',
        ]
      : []),
    'Still sourced to a secondary site, with no reason recorded:',
    '',
    ...(pending.length > 0 ? [pending.map((s) => `\`${s.id}\``).join(', ')] : ['None.']),
    '',
    '## Lineage across borders',
    '',
    'Amendment, implementation, succession, reference and modelling links (AMENDS, IMPLEMENTS, SUPERSEDES,',
    'REFERENCES, MODELED_ON) between instruments of different countries, or with a regional instrument at either',
    'end: one that no single country enacted (ASEAN and China–ASEAN instruments, treaties, forum documents). A',
    "provision counts as its instrument's; links inside one country are not listed. Each link comes from the",
    "source given (a link without its own source: the document's); the note is the curator's, except on a link",
    "found in a document's text, whose note quotes the title found (see docs/corpus-format.md).",
    '',
    '### Between countries, and between a country and the regional layer',
    '',
    ...lineageTable(lineage.filter((link) => link.from.place !== regional || link.to.place !== regional)),
    '',
    '### Within the regional layer',
    '',
    ...lineageTable(lineage.filter((link) => link.from.place === regional && link.to.place === regional)),
    '',
    '## Gaps',
    '',
    ...(gaps.length > 0 ? gaps : ['None.']),
    '',
    '## Unverified facts',
    '',
    'Instruments with fields that no source could confirm (shown as unverified in the product):',
    '',
    ...(unverified.length > 0
      ? unverified.map((node) => `- \`${node.id}\` (${node.label}): ${node.unverified.join(', ')}`)
      : ['None.']),
    '',
  ];
  return lines.join('\n');
}

export async function coverageMarkdown(paths: string[] = ['corpus']): Promise<string> {
  const { graph } = await ingestCorpus(paths);
  return renderCoverage(await computeCoverage(graph, await readCorpusDocuments(paths)));
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const expected = await coverageMarkdown();
  if (values.check) {
    const current = await readFile(coverageDocPath, 'utf8').catch(() => '');
    if (current === expected) return 0;
    console.error(`${coverageDocPath} is out of date: run npm run docs:coverage`);
    return 1;
  }
  await writeFile(coverageDocPath, expected);
  console.log(`Wrote ${coverageDocPath}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      console.error(`docs:coverage: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
