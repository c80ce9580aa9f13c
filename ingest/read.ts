/** Reading corpus files: discovery, decoding, front matter and sidecars, schema validation with line numbers. */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { isMap, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { DocumentMeta } from './corpus-schema.js';
import { htmlToText } from './formats/html.js';
import { pdfToText } from './formats/pdf.js';
import type { IngestIssue, IssueLog } from './issues.js';

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
  /** The real paths of the files and folders given to ingest: no file outside them is read. */
  roots: string[];
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
  /**
   * When given, a file (a sidecar too) whose real path, through symbolic links, is outside these folders
   * is refused: a link in the corpus must not serve /etc/passwd.
   */
  roots?: string[];
}

export const defaultReadOptions: ReadOptions = { maxFileBytes: 5 * 1024 * 1024 };

export function displayPath(file: string): string {
  const relativePath = relative(process.cwd(), file);
  return relativePath.startsWith('..') ? file : relativePath;
}

type Problem = Pick<IngestIssue, 'message' | 'hint'>;

/**
 * Where a path really leads, or why the ingest may not read it: a link that loops or dangles, or one that
 * leads out of the corpus. Undefined when nothing is at the path.
 */
async function resolveInCorpus(path: string, roots: readonly string[]): Promise<string | Problem | undefined> {
  if (!(await lstat(path).catch(() => undefined))) return undefined;
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const loops = (error as NodeJS.ErrnoException).code === 'ELOOP';
    return {
      message: loops
        ? 'is a symbolic link that leads back to itself'
        : 'is a symbolic link to a file or folder that does not exist',
      hint: 'remove the link, or replace it with the file itself',
    };
  }
  if (roots.some((root) => real === root || real.startsWith(`${root}${sep}`))) return real;
  return {
    message: `is a symbolic link to ${real}, outside the corpus`,
    hint: 'copy the file into the corpus instead: links are only followed to files inside it',
  };
}

/** Walks the given files and folders: documents anywhere, vocabularies in any `vocab/` folder. */
export async function discoverCorpus(paths: string[], log: IssueLog): Promise<CorpusFiles> {
  const roots = (await Promise.all(paths.map((path) => realpath(path).catch(() => undefined)))).filter(
    (root): root is string => root !== undefined,
  );
  const found: CorpusFiles = { documents: [], countries: [], themes: [], gazetteers: [], approaches: [], roots };
  // Each real folder is read once, under the first path that led to it, so that links can neither loop nor
  // multiply the work.
  const read = new Map<string, string>();
  const visit = async (path: string): Promise<void> => {
    const real = await resolveInCorpus(path, roots);
    if (real === undefined) {
      log.error({
        file: displayPath(path),
        message: 'no such file or folder',
        hint: 'check the path you gave to ingest',
      });
      return;
    }
    const kind = kindOf(path);
    if (typeof real !== 'string') {
      // A sidecar is refused when its document reads it; one that no document reads harms nothing.
      const sidecar = kind === undefined && /\.ya?ml$/.test(path);
      if (!sidecar) log.error({ file: displayPath(path), ...real });
      return;
    }
    if (!(await stat(real)).isDirectory()) {
      if (kind) found[kind].push(path);
      return;
    }
    const first = read.get(real);
    if (first !== undefined) {
      log.error({
        file: displayPath(path),
        message: `is the folder ${displayPath(first)} again, reached through a symbolic link`,
        hint: 'remove the link: each folder is read once, and a folder linked into itself would be read without end',
      });
      return;
    }
    read.set(real, path);
    const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
    for (const entry of entries) await visit(join(path, entry));
  };
  for (const path of paths) await visit(path);
  for (const list of Object.values(found)) list.sort();
  return found;
}

/** Which list of the corpus a file belongs to; undefined for files the ingest does not read on their own. */
function kindOf(path: string): Exclude<keyof CorpusFiles, 'roots'> | undefined {
  const name = basename(path);
  const inVocab = path.split(sep).includes('vocab');
  if (inVocab) {
    if (name === 'countries.yaml') return 'countries';
    if (name === 'themes.yaml') return 'themes';
    if (/\.ya?ml$/.test(name) && (name.startsWith('gazetteer') || basename(dirname(path)) === 'gazetteer'))
      return 'gazetteers';
    return undefined;
  }
  if (/\.ya?ml$/.test(name) && basename(dirname(path)) === 'approaches') return 'approaches';
  if (extname(name).toLowerCase() in documentFormats) return 'documents';
  return undefined;
}

/** Reads a file within the size limit; throws when nothing is at the path, so that callers can say what is missing. */
async function readBytes(file: string, options: ReadOptions, log: IssueLog): Promise<Buffer | undefined> {
  if (options.roots) {
    const real = await resolveInCorpus(file, options.roots);
    if (real === undefined) throw new Error(`no file at ${file}`);
    if (typeof real !== 'string') {
      log.error({ file: displayPath(file), ...real });
      return undefined;
    }
  }
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

/** A UTF-8 text file within the size limit, or undefined when it is not one (the log says why). */
export async function readText(file: string, options: ReadOptions, log: IssueLog): Promise<string | undefined> {
  const bytes = await readBytes(file, options, log);
  return bytes && decodeUtf8(bytes, file, log);
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

/** How many values aliases may stand for in one file: the yaml package's own guard, made explicit. */
const MAX_ALIAS_EXPANSION = 100;

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
  const fail = (offset: number, message: string, hint: string) => {
    log.error({ file: displayPath(file), line: lineOf(offset), message, hint });
    return undefined;
  };
  // The parser recurses once per nesting level and reports running out of stack as a syntax error, often
  // hundreds of times for one file; no corpus file nests more than a few levels.
  const overflow = document.errors.find((error) => error.message.includes('call stack'));
  if (overflow) {
    return fail(
      overflow.pos[0],
      'YAML nests lists or maps too deeply to read',
      'metadata is a map of fields with lists of values: look for a run of unclosed [ or { here',
    );
  }
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
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let firstAlias = 0;
    visit(document, {
      Alias(_, alias) {
        firstAlias = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return fail(
      firstAlias,
      `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} copies (an "alias bomb")`,
      'write the values out instead of repeating them with &anchors and *aliases',
    );
  }
  const lines = new Map<string, number>();
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      const key = (pair.key as Node | null)?.toJSON?.() ?? String(pair.key);
      const range = (pair.key as Node | null)?.range;
      if (range) lines.set(String(key), lineOf(range[0]));
      // List items too (`changes.2`), for problems found after validation in one entry of a list.
      if (isSeq(pair.value))
        pair.value.items.forEach((item, index) => {
          const itemRange = (item as Node | null)?.range;
          if (itemRange) lines.set(`${key}.${index}`, lineOf(itemRange[0]));
        });
    }
  }
  const result = schema.safeParse(value);
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
      metaText = await readText(metaFile, options, log);
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
