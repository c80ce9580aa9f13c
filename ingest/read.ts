/** Reading corpus files: discovery, decoding, front matter and sidecars, schema validation with line numbers. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { DocumentMeta } from './corpus-schema.js';
import { htmlToText } from './formats/html.js';
import { pdfToText } from './formats/pdf.js';
import type { IssueLog } from './issues.js';

export const documentFormats = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
} as const;
export type DocumentFormat = (typeof documentFormats)[keyof typeof documentFormats];

export interface CorpusFiles {
  documents: string[];
  countries: string[];
  themes: string[];
  gazetteers: string[];
  approaches: string[];
}

export interface DocumentSource {
  file: string;
  format: DocumentFormat;
  meta: DocumentMeta;
  /** The file that holds the metadata: the document itself, or its sidecar. */
  metaFile: string;
  /** Line number in the metadata file of each top-level key, for messages about relations. */
  metaLines: Map<string, number>;
  body: string;
  /** Line number in `file` of the first body line (1 for formats without front matter). */
  bodyLine: number;
}

export interface ReadOptions {
  /** Files larger than this are refused, so that one stray file cannot exhaust memory. */
  maxFileBytes: number;
}

export const defaultReadOptions: ReadOptions = { maxFileBytes: 5 * 1024 * 1024 };

export function displayPath(file: string): string {
  const relativePath = relative(process.cwd(), file);
  return relativePath.startsWith('..') ? file : relativePath;
}

/** Walks the given files and folders: documents anywhere, vocabularies in any `vocab/` folder. */
export async function discoverCorpus(paths: string[], log: IssueLog): Promise<CorpusFiles> {
  const found: CorpusFiles = { documents: [], countries: [], themes: [], gazetteers: [], approaches: [] };
  const visit = async (path: string): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      log.error({
        file: displayPath(path),
        message: 'no such file or folder',
        hint: 'check the path you gave to ingest',
      });
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
      for (const entry of entries) await visit(join(path, entry));
      return;
    }
    classify(path, found);
  };
  for (const path of paths) await visit(path);
  for (const list of Object.values(found)) list.sort();
  return found;
}

function classify(path: string, found: CorpusFiles): void {
  const name = basename(path);
  const inVocab = path.split(sep).includes('vocab');
  if (inVocab) {
    if (name === 'countries.yaml') found.countries.push(path);
    else if (name === 'themes.yaml') found.themes.push(path);
    else if (/\.ya?ml$/.test(name) && (name.startsWith('gazetteer') || basename(dirname(path)) === 'gazetteer'))
      found.gazetteers.push(path);
    return;
  }
  if (/\.ya?ml$/.test(name) && basename(dirname(path)) === 'approaches') found.approaches.push(path);
  else if (extname(name).toLowerCase() in documentFormats) found.documents.push(path);
}

async function readBytes(file: string, options: ReadOptions, log: IssueLog): Promise<Buffer | undefined> {
  const size = (await stat(file)).size;
  if (size > options.maxFileBytes) {
    log.error({
      file: displayPath(file),
      message: `file is ${formatBytes(size)}, over the limit of ${formatBytes(options.maxFileBytes)}`,
      hint: 'split the document, or raise the limit with --max-file-size',
    });
    return undefined;
  }
  return readFile(file);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer, file: string, log: IssueLog): string | undefined {
  try {
    return utf8
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n');
  } catch {
    const bad = firstInvalidUtf8(bytes);
    log.error({
      file: displayPath(file),
      line: bytes.subarray(0, bad).toString('latin1').split('\n').length,
      message: `text is not valid UTF-8 (first bad byte at offset ${bad})`,
      hint: 'convert the file to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8',
    });
    return undefined;
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      // A prefix that decodes (allowing a cut multi-byte sequence at its end) holds no bad byte.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return Math.max(0, low - 1);
}

/** Reads a YAML text and validates it, reporting each problem at its line. */
export function parseYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
  log: IssueLog,
  firstLine = 1,
): { value: z.infer<S>; lines: Map<string, number> } | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      log.error({
        file: displayPath(file),
        line: lineOf(error.pos[0]),
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
        hint: 'check indentation and quote values that contain ": " or start with a special character',
      });
    }
    return undefined;
  }
  const lines = new Map<string, number>();
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      const key = (pair.key as Node | null)?.toJSON?.() ?? String(pair.key);
      const range = (pair.key as Node | null)?.range;
      if (range) lines.set(String(key), lineOf(range[0]));
    }
  }
  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return { value: result.data, lines };
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    let node: unknown = document.getIn(issue.path as (string | number)[], true);
    for (let depth = path.length - 1; !(node as Node | undefined)?.range && depth >= 0; depth--) {
      node = depth === 0 ? document.contents : document.getIn(issue.path.slice(0, depth) as (string | number)[], true);
    }
    const range = (node as Node | undefined)?.range;
    log.error({
      file: displayPath(file),
      line: range ? lineOf(range[0]) : firstLine,
      field: path.join('.') || undefined,
      message: describeIssue(issue, node),
      hint: hintFor(issue),
    });
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, node: unknown): string {
  const value = (node as Node | undefined) && !isMap(node) && !isSeq(node) ? (node as Node).toJSON?.() : undefined;
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  return `${issue.message}${shown}`;
}

function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'see docs/corpus-format.md for the fields a document may have';
    case 'invalid_value':
      return `use one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? 'this field is required' : `expected ${issue.expected}`;
    default:
      return 'see docs/corpus-format.md';
  }
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

/** Reads one document and its metadata (front matter or sidecar). Problems go to the log. */
export async function readDocument(
  file: string,
  options: ReadOptions,
  log: IssueLog,
): Promise<DocumentSource | undefined> {
  const format = documentFormats[extname(file).toLowerCase() as keyof typeof documentFormats];
  const bytes = await readBytes(file, options, log);
  if (!bytes) return undefined;
  let metaText: string | undefined;
  let metaFile = file;
  let body: string | undefined;
  let bodyLine = 1;
  let metaFirstLine = 1;
  if (format === 'pdf') {
    body = await pdfToText(bytes, displayPath(file), log);
  } else {
    const text = decodeUtf8(bytes, file, log);
    if (text === undefined) return undefined;
    if (format === 'markdown') {
      const frontMatter = FRONT_MATTER.exec(text);
      if (!frontMatter) {
        log.error({
          file: displayPath(file),
          line: 1,
          message: 'no YAML front matter',
          hint: 'start the file with a line "---", the metadata, and another "---" (see docs/corpus-format.md)',
        });
        return undefined;
      }
      metaText = frontMatter[1] ?? '';
      metaFirstLine = 2;
      body = text.slice(frontMatter[0].length);
      bodyLine = frontMatter[0].split('\n').length;
    } else {
      body = format === 'html' ? htmlToText(text) : text;
    }
  }
  if (format !== 'markdown') {
    metaFile = `${file.slice(0, -extname(file).length)}.yaml`;
    try {
      const sidecar = await readBytes(metaFile, options, log);
      metaText = sidecar && decodeUtf8(sidecar, metaFile, log);
    } catch {
      log.error({
        file: displayPath(file),
        message: `no sidecar metadata file ${basename(metaFile)}`,
        hint: `a ${format} document takes its metadata from a YAML file of the same name beside it`,
      });
      return undefined;
    }
  }
  if (metaText === undefined || body === undefined) return undefined;
  const parsed = parseYaml(metaText, DocumentMeta, metaFile, log, metaFirstLine);
  if (!parsed) return undefined;
  if (body.trim().length === 0) {
    log.error({
      file: displayPath(file),
      line: bodyLine,
      message: 'the document has no body text',
      hint:
        format === 'pdf'
          ? 'the PDF has no text layer: run OCR first'
          : 'add the text of the document below its metadata',
    });
    return undefined;
  }
  return { file, format, meta: parsed.value, metaFile, metaLines: parsed.lines, body, bodyLine };
}
