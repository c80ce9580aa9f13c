import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KnowledgeGraph } from './model.js';

/** Writes the graph as JSON: a new file, then a rename, so a reader never sees half a graph. */
export async function writeGraphFile(path: string, graph: KnowledgeGraph): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(graph));
  await rename(temporary, path);
}
