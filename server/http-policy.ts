/**
 * What the server tells browsers: which origins may call the API (none unless CORS_ORIGINS lists them), what a
 * page may load, framing and referrers; and compressed copies of the explorer's static files.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** On every response; a page's own Content-Security-Policy is added where it is served. */
export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers that predate CSP's frame-ancestors.
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
} as const;

/**
 * The web explorer loads only its own files and talks only to its own API. Styles may be inline because
 * the charts set them on elements; scripts never are.
 */
export const explorerContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * CORS headers for a request from `origin`, or none when it is not allowed. `*` lets any origin read, but
 * never with credentials: the API authenticates with a bearer token, not cookies, so none is ever sent.
 */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!origin) return {};
  const anyOrigin = allowed.includes('*');
  if (!anyOrigin && !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
    ...(anyOrigin ? {} : { vary: 'Origin' }),
  };
}

/** Only text compresses well; images and fonts in the build are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

const encoders = {
  br: (bytes: Buffer) => promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (bytes: Buffer) => promisify(gzip)(bytes, { level: 9 }),
};
export type Encoding = keyof typeof encoders;

/** The best encoding the client accepts (brotli, then gzip), for a file worth compressing. */
export function chooseEncoding(acceptEncoding: string | undefined, extension: string): Encoding | undefined {
  if (!COMPRESSIBLE.has(extension) || !acceptEncoding) return undefined;
  const accepted = new Map(
    acceptEncoding.split(',').map((part) => {
      const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
      const quality = parameters.map((parameter) => /^\s*q=([\d.]+)/.exec(parameter)?.[1]).find(Boolean);
      return [name.trim(), quality === undefined ? 1 : Number(quality)] as const;
    }),
  );
  return (['br', 'gzip'] as const).find((encoding) => (accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0);
}

/**
 * Compressed copies, made once per file version (size and modification time) and kept: the build's files
 * are few and small, and compressing on every request would cost more than the bytes saved. A rebuilt file
 * replaces its old copy.
 */
const compressedCopies = new Map<string, { version: string; copy: Promise<Buffer> }>();

export function compressedFile(file: string, version: string, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding}:${file}`;
  const kept = compressedCopies.get(key);
  if (kept?.version === version) return kept.copy;
  const copy = readFile(file).then(encoders[encoding]);
  copy.catch(() => compressedCopies.delete(key));
  compressedCopies.set(key, { version, copy });
  return copy;
}
