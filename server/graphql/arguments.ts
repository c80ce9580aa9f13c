/** Argument bounds and cursors, checked in one place so every field refuses bad input the same way. */
import { badInput } from './errors.js';

export const limits = {
  first: 100,
  maxHops: 6,
  depth: 3,
  neighborhoodLimit: 500,
  listItems: 50,
  queryText: 500,
} as const;

export function intInRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(argument, `must be an integer from ${min} to ${max} (got ${value})`);
  }
  return value;
}

export function pageSize(value: number, argument = 'first'): number {
  return intInRange(argument, value, 0, limits.first);
}

export function listOf<T>(
  argument: string,
  values: readonly T[] | null | undefined,
  max: number = limits.listItems,
): readonly T[] | undefined {
  if (values && values.length > max) throw badInput(argument, `takes at most ${max} values (got ${values.length})`);
  return values ?? undefined;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

/** The offset after a cursor; 0 when there is none. */
export function decodeCursor(after: string | null | undefined): number {
  if (after === null || after === undefined || after === '') return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badInput('after', 'is not a cursor returned by this API (use pageInfo.endCursor)');
  return Number(match[1]) + 1;
}

export function page<T>(items: T[], total: number, offset: number) {
  const endOffset = offset + items.length - 1;
  return {
    total,
    pageInfo: {
      hasNextPage: offset + items.length < total,
      endCursor: items.length > 0 ? encodeCursor(endOffset) : null,
    },
  };
}
