import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatIssue, type IngestIssue } from '../../ingest/issues.js';
import { runIngest } from '../../ingest/pipeline.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';
import { pdfWithText } from '../helpers/pdf.js';

async function errorsOf(files: Record<string, string | Buffer>, maxFileBytes?: number): Promise<IngestIssue[]> {
  const root = await writeCorpus({ ...minimalVocabulary, ...files });
  const result = await runIngest([root], maxFileBytes ? { maxFileBytes } : {});
  expect('graph' in result).toBe(false);
  return result.report.errors;
}

const good = lawDocument('vn-good', '', 'Article 1\nNetwork security duties.');

describe('bad input is rejected with file, line, field and a hint', () => {
  it('duplicate ids', async () => {
    const [error] = await errorsOf({ 'a.md': good, 'b.md': good });
    expect(error).toMatchObject({
      file: expect.stringMatching(/b\.md$/),
      message: expect.stringMatching(/duplicate id instrument:vn-good: already defined at .*a\.md/),
    });
    expect(error?.hint).toBeTruthy();
  });

  it('a relationship to an unknown id', async () => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', 'amends: [instrument:vn-missing]\n', 'Text.') });
    expect(error).toMatchObject({
      line: 7,
      field: 'amends',
      message: expect.stringContaining('instrument:vn-missing'),
    });
  });

  it('a relationship between the wrong kinds', async () => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', 'amends: [person:lu-wei]\n', 'Text.') });
    expect(error?.message).toMatch(/AMENDS cannot join a Instrument to a Person/);
  });

  it.each([
    ['2016-13-01', /YYYY|calendar/],
    ['2023-02-30', /not a real calendar date/],
    ['soon', /YYYY-MM-DD/],
  ])('an invalid or impossible date (%s)', async (date, message) => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', `date: ${date}\n`, 'Text.') });
    expect(error).toMatchObject({ line: 7, field: 'date', message: expect.stringMatching(message) });
    expect(error?.message).toContain(date);
  });

  it('entry into force before adoption', async () => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', 'date: 2020-01-02\ninForce: 2019-01-01\n', 'Text.') });
    expect(error).toMatchObject({ field: 'inForce', message: expect.stringContaining('before') });
  });

  it('an unknown country code', async () => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', '', 'Text.').replace('country: VN', 'country: XX') });
    expect(error).toMatchObject({ line: 5, field: 'country', message: 'unknown country code XX' });
  });

  it('an unknown theme', async () => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', 'themes: [cybersecurity, space-law]\n', 'Text.') });
    expect(error).toMatchObject({
      field: 'themes',
      message: 'unknown theme space-law',
      hint: expect.stringContaining('themes.yaml'),
    });
  });

  it('an unknown field', async () => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', 'adopted: 2020-01-01\n', 'Text.') });
    expect(error?.message).toBe('unknown field(s): adopted');
  });

  it.each([
    ['an empty alias', 'aliases:\n  - PDPA\n  - ""\n', 9, 'aliases.1', /is empty/],
    ['an alias with stray spaces', 'aliases: [PDPA, " PDPC"]\n', 7, 'aliases.1', /spaces at its start or end/],
    [
      'a repeated alias, in any case',
      'aliases:\n  - UU PDP\n  - Law 27/2022\n  - uu pdp\n',
      10,
      'aliases.2',
      /repeats item 1/,
    ],
    ['an alias that is not text', 'aliases:\n  - Act 709\n  - 709\n', 9, 'aliases.1', /expected string/],
  ])('%s', async (_, front, line, field, message) => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', front, 'Text.') });
    expect(error).toMatchObject({
      file: expect.stringMatching(/a\.md$/),
      line,
      field,
      message: expect.stringMatching(message),
    });
  });

  it.each([
    [
      'a repeated search name of a country',
      'searchNames: [Vietnamese, Việt, vietnamese]',
      'countries.1.searchNames.2',
      /repeats item 1/,
    ],
    ['an empty search name of a country', 'searchNames: [Vietnamese, " "]', 'countries.1.searchNames.1', /is empty/],
  ])('%s', async (_, field, path, message) => {
    const countries = minimalVocabulary['vocab/countries.yaml']?.replace(
      'aliases: [Viet Nam],',
      `aliases: [Viet Nam], ${field},`,
    );
    const [error] = await errorsOf({ 'vocab/countries.yaml': countries ?? '', 'a.md': good });
    expect(error).toMatchObject({
      file: expect.stringMatching(/countries\.yaml$/),
      line: 3,
      field: path,
      message: expect.stringMatching(message),
    });
  });

  it('a repeated search name of an organization', async () => {
    const gazetteer =
      'organizations:\n  - id: org:ph-npc\n    name: National Privacy Commission\n    searchNames:\n      - NPC\n      - npc\n    source: https://example.org/npc\n';
    const [error] = await errorsOf({ 'vocab/gazetteer/ph.yaml': gazetteer, 'a.md': good });
    expect(error).toMatchObject({
      file: expect.stringMatching(/ph\.yaml$/),
      line: 6,
      field: 'organizations.0.searchNames.1',
      message: expect.stringMatching(/repeats item 1 of the list \("NPC"\)/),
    });
  });

  it('an empty body', async () => {
    const [error] = await errorsOf({ 'a.md': lawDocument('vn-a', '', '\n   \n') });
    expect(error).toMatchObject({ file: expect.stringMatching(/a\.md$/), message: 'the document has no body text' });
  });

  it('an unreadable PDF', async () => {
    const [error] = await errorsOf({
      'scan.pdf': Buffer.from('%PDF-1.4 this is not a PDF at all'),
      'scan.yaml': 'id: vn-scan\nkind: law\ntitle: Scan\n',
    });
    expect(error).toMatchObject({
      file: expect.stringMatching(/scan\.pdf$/),
      message: expect.stringMatching(/^cannot read PDF/),
    });
  });

  it('a PDF with no text layer', async () => {
    const [error] = await errorsOf({
      'scan.pdf': pdfWithText([]),
      'scan.yaml': 'id: vn-scan\nkind: law\ntitle: Scan\n',
    });
    expect(error).toMatchObject({ message: 'the document has no body text', hint: expect.stringContaining('OCR') });
  });

  it('text that is not UTF-8', async () => {
    const latin1 = Buffer.concat([Buffer.from('Line one\nAn ninh m'), Buffer.from([0xe1, 0x20]), Buffer.from('ng\n')]);
    const [error] = await errorsOf({ 'old.txt': latin1, 'old.yaml': 'id: vn-old\nkind: law\ntitle: Old\n' });
    expect(error).toMatchObject({
      file: expect.stringMatching(/old\.txt$/),
      line: 2,
      message: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('a file over the size limit', async () => {
    const [error] = await errorsOf({ 'big.md': lawDocument('vn-big', '', 'x'.repeat(5000)) }, 1000);
    expect(error?.message).toMatch(/over the limit of 1 KiB/);
    expect(error?.hint).toContain('--max-file-size');
  });

  it('a YAML syntax error, at its line', async () => {
    const [error] = await errorsOf({ 'a.md': '---\nid: vn-a\nkind: law\ntitle: [unclosed\n---\nText.\n' });
    expect(error).toMatchObject({ message: expect.stringMatching(/^YAML syntax/) });
    expect(error?.line).toBeGreaterThanOrEqual(4);
  });

  it('reports every error of a run together', async () => {
    const errors = await errorsOf({
      'a.md': lawDocument('vn-a', 'date: 2023-02-30\n', 'Text.'),
      'b.md': lawDocument('vn-b', 'themes: [nope]\n', 'Text.'),
      'c.md': lawDocument('vn-c', '', ''),
    });
    expect(errors.map((error) => formatIssue(error).split(':')[1]?.trim())).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/a\.md$/),
        expect.stringMatching(/b\.md$/),
        expect.stringMatching(/c\.md$/),
      ]),
    );
  });
});

describe('the ingest CLI', () => {
  const run = promisify(execFile);
  const cli = (args: string[]) =>
    run('npx', ['tsx', 'ingest/cli.ts', ...args], { cwd: join(import.meta.dirname, '../..') }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('writes nothing when the corpus has an error, keeping the previous graph', async () => {
    const root = await writeCorpus({ ...minimalVocabulary, 'a.md': good });
    const out = join(root, 'graph.json');
    await writeFile(out, '{"previous":true}');
    const broken = await writeCorpus({
      ...minimalVocabulary,
      'a.md': good,
      'b.md': lawDocument('vn-b', 'date: 2023-02-30\n', 'Text.'),
    });
    const result = await cli([broken, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Nothing was written');
    expect(result.stdout).toMatch(/b\.md:7 \[date\]/);
    expect(await readFile(out, 'utf8')).toBe('{"previous":true}');
  });

  it('--check validates without writing, --json prints the report', async () => {
    const root = await writeCorpus({ ...minimalVocabulary, 'a.md': good });
    const out = join(root, 'graph.json');
    const result = await cli([root, '--check', '--json', '--out', out]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ documents: 1, errors: [], nodes: { Instrument: 1, Provision: 1 } });
    await expect(readFile(out)).rejects.toThrow();
  });
});

describe('an approach label is the judgement in a few words', () => {
  const approaches = (label: string) => `country: VN
approaches:
  - theme: cybersecurity
    label: ${label}
    summary: Vietnam has a cybersecurity law.
    sources: [https://example.org/vn-approach]
`;

  it('is refused when it is a sentence, naming the file, line and field', async () => {
    const [error] = await errorsOf({ 'a.md': good, 'approaches/vn.yaml': approaches('Framework statute. Strict.') });
    expect(error).toMatchObject({
      file: expect.stringMatching(/approaches\/vn\.yaml$/),
      line: 4,
      message: expect.stringMatching(/a phrase, not a sentence/),
    });
  });

  it('is refused when it is longer than a few words', async () => {
    const [error] = await errorsOf({ 'a.md': good, 'approaches/vn.yaml': approaches('a'.repeat(49)) });
    expect(error?.message).toMatch(/at most 48 characters/);
  });

  it('is kept on the approach when it is a short phrase', async () => {
    const root = await writeCorpus({
      ...minimalVocabulary,
      'a.md': good,
      'approaches/vn.yaml': approaches('framework statute'),
    });
    const result = await runIngest([root]);
    expect('graph' in result && result.graph.nodes.find((node) => node.id === 'country:VN')).toMatchObject({
      approaches: [{ label: 'framework statute' }],
    });
  });
});
