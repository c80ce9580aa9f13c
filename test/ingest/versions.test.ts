/** Versions built from amending instruments' `changes`: numbers per version, stable ids, and bad changes refused. */
import { describe, expect, it } from 'vitest';
import type { IngestIssue } from '../../ingest/issues.js';
import type { KnowledgeGraph, NodeOf } from '../../ingest/model.js';
import { runIngest } from '../../ingest/pipeline.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';

const base = lawDocument(
  'vn-base',
  'date: 2018-06-12\ninForce: 2019-01-01\n',
  'Article 1\nScope.\n\nArticle 2\nOperators protect networks.\n\nArticle 5\nData stays in the country.\n\nArticle 9\nA reporting duty.',
);

const amendment = (front: string) =>
  lawDocument(
    'vn-base-amendment',
    `date: 2024-05-01\ninForce: 2025-01-01\namends: [instrument:vn-base]\n${front}`,
    'Item 1',
  );

const goodChanges = `changes:
  - { insert: 2, text: A new principle. }
  - { renumber: 2, until: 4, shift: 1 }
  - { replace: 5, to: 6, text: Data stays in the country unless assessed. }
  - { repeal: 9 }
`;

async function ingest(files: Record<string, string>) {
  const root = await writeCorpus({ ...minimalVocabulary, ...files });
  return runIngest([root]);
}

async function graphOf(files: Record<string, string>): Promise<KnowledgeGraph> {
  const result = await ingest(files);
  if (!('graph' in result)) throw new Error(JSON.stringify(result.report.errors));
  return result.graph;
}

async function errorsOf(files: Record<string, string>): Promise<IngestIssue[]> {
  const result = await ingest(files);
  expect('graph' in result).toBe(false);
  return result.report.errors;
}

const provision = (graph: KnowledgeGraph, id: string) =>
  graph.nodes.find((node): node is NodeOf<'Provision'> => node.id === id && node.kind === 'Provision');

describe('versions from an amending instrument', () => {
  it('gives the amended instrument its original and its amended version, with dates and the amending instrument', async () => {
    const graph = await graphOf({ 'base.md': base, 'amendment.md': amendment(goodChanges) });
    const instrument = graph.nodes.find((node) => node.id === 'instrument:vn-base');
    expect(instrument?.kind === 'Instrument' && instrument.versions).toMatchObject([
      { id: 'vn-base@original', adopted: '2018-06-12', inForceFrom: '2019-01-01', inForceUntil: '2025-01-01' },
      {
        id: 'vn-base@vn-base-amendment',
        amendedBy: 'instrument:vn-base-amendment',
        adopted: '2024-05-01',
        inForceFrom: '2025-01-01',
        source: 'https://example.org/vn-base-amendment',
      },
    ]);
  });

  it('keeps a renumbered provision under one id, with its number and anchor in each version', async () => {
    const graph = await graphOf({ 'base.md': base, 'amendment.md': amendment(goodChanges) });
    expect(provision(graph, 'provision:vn-base:art-2')?.versions).toEqual([
      expect.objectContaining({
        version: 'vn-base@original',
        number: '2',
        anchor: 'art-2',
        text: 'Operators protect networks.',
      }),
      expect.objectContaining({
        version: 'vn-base@vn-base-amendment',
        number: '3',
        anchor: 'art-3',
        text: 'Operators protect networks.',
      }),
    ]);
    // Article 1 is outside the renumbered run.
    expect(provision(graph, 'provision:vn-base:art-1')?.versions?.map((entry) => entry.anchor)).toEqual([
      'art-1',
      'art-1',
    ]);
  });

  it('marks the numbers an unverified change gives as unverified, in that version only, and records the change so', async () => {
    const inferred = goodChanges.replace(
      '{ renumber: 2, until: 4, shift: 1 }',
      '{ renumber: 2, until: 4, shift: 1, unverified: true }',
    );
    const graph = await graphOf({ 'base.md': base, 'amendment.md': amendment(inferred) });
    expect(provision(graph, 'provision:vn-base:art-2')?.versions?.map((entry) => entry.unverified)).toEqual([
      undefined,
      ['number'],
    ]);
    // Article 5 moved by a change a source gives.
    expect(provision(graph, 'provision:vn-base:art-5')?.versions?.[1]?.unverified).toBeUndefined();
    const law = graph.nodes.find((node) => node.id === 'instrument:vn-base');
    expect(law?.kind === 'Instrument' && law.versions?.[1]?.changes.find((change) => change.shift)).toMatchObject({
      number: '2',
      until: '4',
      unverified: true,
    });
  });

  it('gives a replaced provision its new text and number, an inserted one a new id, a repealed one no later version', async () => {
    const graph = await graphOf({ 'base.md': base, 'amendment.md': amendment(goodChanges) });
    expect(provision(graph, 'provision:vn-base:art-5')?.versions?.[1]).toMatchObject({
      number: '6',
      text: 'Data stays in the country unless assessed.',
    });
    const inserted = provision(graph, 'provision:vn-base:art-2@vn-base-amendment');
    expect(inserted).toMatchObject({ instrument: 'instrument:vn-base', label: 'Article 2', text: 'A new principle.' });
    expect(inserted?.versions?.map((entry) => entry.version)).toEqual(['vn-base@vn-base-amendment']);
    expect(provision(graph, 'provision:vn-base:art-9')?.versions?.map((entry) => entry.version)).toEqual([
      'vn-base@original',
    ]);
    const notes = graph.relationships
      .filter((relationship) => relationship.type === 'AMENDS' && relationship.to.startsWith('provision:'))
      .map((relationship) => relationship.properties.note)
      .sort();
    expect(notes).toEqual([
      'inserts Article 2',
      'renumbers Article 2 as Article 3',
      'repeals Article 9',
      'replaces Article 5, now Article 6',
    ]);
  });

  it('ends the last version of a superseded instrument when its successor takes effect', async () => {
    const successor = lawDocument('vn-successor', 'inForce: 2026-07-01\nsupersedes: [instrument:vn-base]\n', 'Text.');
    const graph = await graphOf({ 'base.md': base, 'successor.md': successor });
    const instrument = graph.nodes.find((node) => node.id === 'instrument:vn-base');
    expect(instrument?.kind === 'Instrument' && instrument.versions).toMatchObject([
      { id: 'vn-base@original', inForceUntil: '2026-07-01', supersededBy: 'instrument:vn-successor' },
    ]);
  });
});

describe('bad changes are refused with file, line, field and a hint', () => {
  it.each([
    [
      'two kinds in one change',
      'changes:\n  - { insert: 2, repeal: 3 }\n',
      11,
      /exactly one of insert, replace, renumber or repeal/,
    ],
    ['a renumber without its new number', 'changes:\n  - { renumber: 2 }\n', 11, /renumber needs to/],
    ['a run without whole numbers', 'changes:\n  - { renumber: 2A, shift: 1 }\n', 11, /whole numbers/],
    ['text on a repeal', 'changes:\n  - { repeal: 9, text: Gone. }\n', 11, /repeal takes no text/],
    ['a number that is not one', 'changes:\n  - { repeal: nine }\n', 11, /provision number such as 37/],
  ])('%s', async (_, changes, line, message) => {
    const [error] = await errorsOf({ 'base.md': base, 'amendment.md': amendment(changes) });
    expect(error).toMatchObject({
      file: expect.stringMatching(/amendment\.md$/),
      line,
      message: expect.stringMatching(message),
    });
    expect(error?.field).toMatch(/^changes\.0/);
    expect(error?.hint).toBeTruthy();
  });

  it('changes without amends', async () => {
    const [error] = await errorsOf({
      'base.md': base,
      'amendment.md': lawDocument('vn-x', 'inForce: 2025-01-01\nchanges:\n  - { repeal: 9 }\n', 'Text.'),
    });
    expect(error).toMatchObject({ line: 8, field: 'changes', message: expect.stringMatching(/without amends/) });
  });

  it('changes without the day they took effect', async () => {
    const [error] = await errorsOf({
      'base.md': base,
      'amendment.md': lawDocument('vn-x', 'amends: [instrument:vn-base]\nchanges:\n  - { repeal: 9 }\n', 'Text.'),
    });
    expect(error).toMatchObject({ line: 8, field: 'changes', message: expect.stringMatching(/needs inForce/) });
  });

  it('a change to an instrument the document does not amend', async () => {
    const [error] = await errorsOf({
      'base.md': base,
      'amendment.md': amendment('changes:\n  - { instrument: instrument:vn-other, repeal: 9 }\n'),
    });
    expect(error).toMatchObject({
      line: 11,
      field: 'changes.0',
      message: expect.stringMatching(/not one of the instruments/),
    });
  });

  it('one provision changed twice', async () => {
    const [error] = await errorsOf({
      'base.md': base,
      'amendment.md': amendment('changes:\n  - { repeal: 9 }\n  - { replace: 9 }\n'),
    });
    expect(error).toMatchObject({
      line: 12,
      field: 'changes.1',
      message: 'Article 9 is changed twice by this amendment',
    });
  });

  it('two provisions given one number', async () => {
    const [error] = await errorsOf({
      'base.md': base,
      'amendment.md': amendment('changes:\n  - { renumber: 2, to: 5 }\n'),
    });
    expect(error).toMatchObject({
      line: 10,
      field: 'changes',
      message: expect.stringMatching(/Article 5 would be two provisions/),
    });
  });
});
