/** Point in time and diffs over versions the ingest built: the version in force on a day, provisions in it, changes. */
import { describe, expect, it } from 'vitest';
import type { KnowledgeGraph, NodeOf } from '../../ingest/model.js';
import { runIngest } from '../../ingest/pipeline.js';
import {
  dayProblem,
  diffVersions,
  inForceOn,
  provisionsIn,
  versionOn,
  versionsOf,
  versionToCite,
  versionWords,
} from '../../server/domain/versions.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';

const base = lawDocument(
  'vn-base',
  'date: 2018-06-12\ninForce: 2019-01-01\n',
  'Article 1\nScope.\n\nArticle 2\nOperators protect networks.\n\nArticle 5\nData stays in the country.\n\nArticle 9\nA reporting duty.',
);
const amendment = lawDocument(
  'vn-base-amendment',
  `date: 2024-05-01\ninForce: 2025-01-01\namends: [instrument:vn-base]
changes:
  - { insert: 2, text: A new principle. }
  - { renumber: 2, until: 4, shift: 1 }
  - { replace: 5, to: 6, text: Data stays in the country unless assessed. }
  - { repeal: 9 }
`,
  'Item 1',
);

async function graphOf(files: Record<string, string>): Promise<KnowledgeGraph> {
  const result = await runIngest([await writeCorpus({ ...minimalVocabulary, ...files })]);
  if (!('graph' in result)) throw new Error(JSON.stringify(result.report.errors));
  return result.graph;
}

async function lawAndProvisions() {
  const graph = await graphOf({ 'base.md': base, 'amendment.md': amendment });
  const law = graph.nodes.find((node): node is NodeOf<'Instrument'> => node.id === 'instrument:vn-base');
  if (law?.kind !== 'Instrument') throw new Error('the base law is missing');
  const provisions = graph.nodes.filter(
    (node): node is NodeOf<'Provision'> => node.kind === 'Provision' && node.instrument === law.id,
  );
  return { law, provisions, versions: versionsOf(law) };
}

describe('asOf days', () => {
  it('accepts a calendar day and explains any other value with the format to use', () => {
    expect(dayProblem('2026-01-01')).toBeUndefined();
    expect(dayProblem('2024-02-29')).toBeUndefined();
    expect(dayProblem('1 January 2026')).toBe('"1 January 2026" is not a date written YYYY-MM-DD (e.g. 2026-01-01)');
    expect(dayProblem('2026-1-1')).toMatch(/YYYY-MM-DD/);
    expect(dayProblem('2025-02-29')).toBe('"2025-02-29" is not a day of the calendar (2025-02 has no day 29)');
    expect(dayProblem('2025-13-01')).toBe('"2025-13-01" is not a day of the calendar (there is no month 13)');
    expect(dayProblem('2025-04-00')).toBe('"2025-04-00" is not a day of the calendar (2025-04 has no day 00)');
  });
});

describe('the version in force on a day', () => {
  it('is the original until the amendment takes effect, then the amended one; none before the law took effect', async () => {
    const { versions } = await lawAndProvisions();
    expect(versionOn(versions, '2018-12-31')).toBeUndefined();
    expect(versionOn(versions, '2019-01-01')?.id).toBe('vn-base@original');
    expect(versionOn(versions, '2024-12-31')?.id).toBe('vn-base@original');
    expect(versionOn(versions, '2025-01-01')?.id).toBe('vn-base@vn-base-amendment');
  });

  it('cites the first version before the law took effect and the last after a superseding law replaced it', async () => {
    const { versions } = await lawAndProvisions();
    expect(versionToCite(versions, '2018-12-31').id).toBe('vn-base@original');
    const superseded = versions.map((version, index) =>
      index === versions.length - 1 ? { ...version, inForceUntil: '2030-01-01' } : version,
    );
    expect(versionOn(superseded, '2031-05-05')).toBeUndefined();
    expect(versionToCite(superseded, '2031-05-05').id).toBe('vn-base@vn-base-amendment');
  });

  it('names the version as originally enacted or as amended, with the amending instrument and its dates', async () => {
    const [original, amended] = (await lawAndProvisions()).versions;
    expect(original && versionWords(original, undefined)).toBe('as originally enacted');
    expect(amended && versionWords(amended, 'the 2024 amendment')).toBe(
      'as amended by the 2024 amendment of 2024-05-01, in force 2025-01-01',
    );
  });
});

describe('law in force on a day', () => {
  it('is an instrument with a version in force that day; not a draft, a speech, or one ended on a day not recorded', async () => {
    const { law } = await lawAndProvisions();
    const inForce = { ...law, status: 'in_force' as const };
    expect(inForceOn(inForce, '2018-12-31')).toBe(false);
    expect(inForceOn(inForce, '2019-01-01')).toBe(true);
    expect(inForceOn(inForce, '2030-01-01')).toBe(true);
    expect(inForceOn({ ...inForce, status: 'draft' }, '2030-01-01')).toBe(false);
    expect(inForceOn({ ...inForce, status: undefined }, '2030-01-01')).toBe(false);
    expect(inForceOn({ ...inForce, status: 'repealed' }, '2020-01-01')).toBe(false);
    const versions = (law.versions ?? []).map((version, index, all) =>
      index === all.length - 1 ? { ...version, inForceUntil: '2028-01-01' } : version,
    );
    const superseded = { ...law, status: 'superseded' as const, versions };
    expect(inForceOn(superseded, '2027-12-31')).toBe(true);
    expect(inForceOn(superseded, '2028-01-01')).toBe(false);
  });
});

describe('provisions as they stand in a version', () => {
  it('gives each its number in that version under its one id, without the repealed and with the inserted', async () => {
    const { provisions, versions } = await lawAndProvisions();
    const [original, amended] = versions;
    if (!original || !amended) throw new Error('expected two versions');
    const numbers = (version: typeof original) =>
      provisionsIn(provisions, version).map(({ provision, placed }) => [provision.id, placed.number]);
    expect(numbers(original)).toEqual([
      ['provision:vn-base:art-1', '1'],
      ['provision:vn-base:art-2', '2'],
      ['provision:vn-base:art-5', '5'],
      ['provision:vn-base:art-9', '9'],
    ]);
    expect(numbers(amended)).toEqual([
      ['provision:vn-base:art-1', '1'],
      ['provision:vn-base:art-2@vn-base-amendment', '2'],
      ['provision:vn-base:art-2', '3'],
      ['provision:vn-base:art-5', '6'],
    ]);
  });
});

describe('the differences between two versions', () => {
  it('lists the inserted, renumbered, changed (with a word-level diff) and repealed provisions, and nothing else', async () => {
    const { provisions, versions } = await lawAndProvisions();
    const [original, amended] = versions;
    if (!original || !amended) throw new Error('expected two versions');
    const differences = diffVersions(provisions, original, amended);
    expect(
      differences.map((difference) => ({
        id: difference.provision.id,
        before: difference.before?.number,
        after: difference.after?.number,
        renumbered: difference.renumbered,
        textChanged: difference.textChanged,
      })),
    ).toEqual([
      {
        id: 'provision:vn-base:art-2@vn-base-amendment',
        before: undefined,
        after: '2',
        renumbered: false,
        textChanged: false,
      },
      { id: 'provision:vn-base:art-2', before: '2', after: '3', renumbered: true, textChanged: false },
      { id: 'provision:vn-base:art-5', before: '5', after: '6', renumbered: true, textChanged: true },
      { id: 'provision:vn-base:art-9', before: '9', after: undefined, renumbered: false, textChanged: false },
    ]);
    const changed = differences.find((difference) => difference.provision.id === 'provision:vn-base:art-5');
    expect(
      changed?.words?.filter((part) => part.change !== 'same').map((part) => [part.change, part.text.trim()]),
    ).toEqual([['added', 'unless assessed']]);
    expect(changed?.words?.map((part) => (part.change === 'added' ? '' : part.text)).join('')).toBe(
      'Data stays in the country.',
    );
    expect(changed?.words?.map((part) => (part.change === 'removed' ? '' : part.text)).join('')).toBe(
      'Data stays in the country unless assessed.',
    );
  });

  it('is empty between a version and itself, and reversed when asked from the later to the earlier', async () => {
    const { provisions, versions } = await lawAndProvisions();
    const [original, amended] = versions;
    if (!original || !amended) throw new Error('expected two versions');
    expect(diffVersions(provisions, amended, amended)).toEqual([]);
    const backwards = diffVersions(provisions, amended, original);
    expect(backwards.find((difference) => difference.provision.id === 'provision:vn-base:art-9')?.after?.number).toBe(
      '9',
    );
    expect(
      backwards.find((difference) => difference.provision.id === 'provision:vn-base:art-2@vn-base-amendment')?.after,
    ).toBeUndefined();
  });
});
