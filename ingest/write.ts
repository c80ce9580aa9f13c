import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Array elements serialised per write: large enough to keep writes few, small enough to keep each string small. */
const elementsPerWrite = 1000;

/**
 * Writes JSON as a new file, then renames it into place, so a reader never sees half a file. The text is the
 * same as JSON.stringify's, written in pieces: a whole graph of 100,000 provisions as one string (two bytes a
 * character once any Chinese or Thai is in it) plus its UTF-8 copy would be most of the server's peak memory.
 */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    for (const piece of jsonPieces(value)) await file.write(piece);
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

/** JSON.stringify(value) in pieces: a top-level plain object's arrays a batch of elements at a time. */
function* jsonPieces(value: unknown): Generator<string> {
  if (!isPlainObject(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  let separator = '';
  yield '{';
  for (const [key, member] of Object.entries(value)) {
    if (!Array.isArray(member)) {
      const text = JSON.stringify(member);
      // As JSON.stringify does, members that serialise to nothing (undefined, functions) are left out.
      if (text === undefined) continue;
      yield `${separator}${JSON.stringify(key)}:${text}`;
      separator = ',';
      continue;
    }
    yield `${separator}${JSON.stringify(key)}:[`;
    separator = ',';
    for (let start = 0; start < member.length; start += elementsPerWrite) {
      const batch = member.slice(start, start + elementsPerWrite).map((element) => JSON.stringify(element) ?? 'null');
      yield `${start > 0 ? ',' : ''}${batch.join(',')}`;
    }
    yield ']';
  }
  yield '}';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
