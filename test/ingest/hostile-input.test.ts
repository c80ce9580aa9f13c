/**
 * Hostile corpora: links out of the corpus, links that loop, YAML that expands or nests without end, files
 * past the size limit, and runs with thousands of errors. Each gets a file:line error with a hint, and the
 * report stays short.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, type IngestIssue, MAX_REPORTED_ISSUES } from '../../ingest/issues.js';
import { runIngest } from '../../ingest/pipeline.js';
import { lawDocument, minimalVocabulary, writeCorpus } from '../helpers/corpus.js';

const good = lawDocument('vn-good', '', 'Article 1\nNetwork security duties.');
const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';

/** A corpus with the given files plus links (path in the corpus → target), ingested; its errors. */
async function ingestWith(
  files: Record<string, string>,
  links: Record<string, string> = {},
  maxFileBytes?: number,
): Promise<{ root: string; errors: IngestIssue[] }> {
  const root = await writeCorpus({ ...minimalVocabulary, 'national/vn/good.md': good, ...files });
  for (const [path, target] of Object.entries(links)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await symlink(target.startsWith('/') ? target : join(root, target), join(root, path));
  }
  const result = await runIngest([root], maxFileBytes ? { maxFileBytes } : {});
  expect('graph' in result).toBe(false);
  return { root, errors: result.report.errors };
}

/** A file outside every corpus, standing in for /etc/passwd (which a test must not depend on). */
async function outsideFile(): Promise<string> {
  const folder = await writeCorpus({ 'passwd.txt': passwd });
  return join(folder, 'passwd.txt');
}

describe('symbolic links', () => {
  it('refuses a document linked from outside the corpus, naming it, and serves none of it', async () => {
    const { errors } = await ingestWith(
      { 'national/sg/passwd.yaml': 'id: sg-passwd\nkind: law\ntitle: Passwords\n' },
      { 'national/sg/passwd.txt': await outsideFile() },
    );
    expect(errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/national\/sg\/passwd\.txt$/),
        message: expect.stringMatching(/^is a symbolic link to .*passwd\.txt, outside the corpus$/),
        hint: expect.stringContaining('copy the file into the corpus'),
      }),
    ]);
    expect(JSON.stringify(errors)).not.toContain('/bin/bash');
  });

  it('refuses a sidecar linked from outside the corpus', async () => {
    const { errors } = await ingestWith(
      { 'national/sg/notes.txt': 'Article 1\nSome text.\n' },
      { 'national/sg/notes.yaml': await outsideFile() },
    );
    expect(errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/national\/sg\/notes\.yaml$/),
        message: expect.stringContaining('outside the corpus'),
      }),
    ]);
  });

  it('refuses a link to itself and a dangling link', async () => {
    const { errors } = await ingestWith(
      {},
      { 'national/vn/self.md': 'national/vn/self.md', 'national/vn/gone.md': 'nowhere.md' },
    );
    expect(errors.map((error) => [error.file.split('/').pop(), error.message])).toEqual([
      ['gone.md', 'is a symbolic link to a file or folder that does not exist'],
      ['self.md', 'is a symbolic link that leads back to itself'],
    ]);
    for (const error of errors) expect(error.hint).toMatch(/remove the link/);
  });

  it('reads a folder linked into itself once, with one error for the link', async () => {
    const { errors } = await ingestWith(
      { 'national/vn/b.md': lawDocument('vn-a', 'date: 2023-02-30\n', 'Text.') },
      {
        'national/vn/loop': 'national',
      },
    );
    expect(errors.map(formatIssue)).toEqual([
      expect.stringMatching(/national\/vn\/loop: is the folder .*national again, reached through a symbolic link/),
      expect.stringMatching(/national\/vn\/b\.md:7 \[date\]/),
    ]);
  });

  it('follows links that stay inside the corpus, and a corpus folder that is itself a link', async () => {
    const root = await writeCorpus({ ...minimalVocabulary, 'texts/a.md': good });
    await mkdir(join(root, 'national'));
    await symlink(join(root, 'texts/a.md'), join(root, 'national/a.md'));
    const linkedRoot = `${root}-link`;
    await symlink(root, linkedRoot);
    await writeFile(join(root, 'texts/a.md'), good);
    const result = await runIngest([join(linkedRoot)]);
    // The document is found twice, once through its link: that is a duplicate, not a refusal.
    expect('graph' in result).toBe(false);
    expect(result.report.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^duplicate id instrument:vn-good: already defined at .*national\/a\.md/),
      expect.stringMatching(/^duplicate id provision:vn-good:art-1/),
    ]);
  });
});

describe('YAML that expands or nests without end', () => {
  const bomb = [
    'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...Array.from({ length: 8 }, (_, level) => `a${level + 1}: &a${level + 1} [${`*a${level}, `.repeat(8)}*a${level}]`),
  ].join('\n');

  it('refuses an alias bomb in front matter at the line of its first alias', async () => {
    const { errors } = await ingestWith({
      'national/vn/bomb.md': `---\nid: vn-bomb\nkind: law\ntitle: T\n${bomb}\n---\nText.\n`,
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/bomb\.md$/),
        line: 6,
        message: expect.stringContaining('alias bomb'),
        hint: expect.stringContaining('*aliases'),
      }),
    ]);
  });

  it.each([
    [
      'in front matter',
      'national/vn/deep.md',
      (deep: string) => `---\nid: vn-deep\nkind: law\ntitle: T\nthemes: ${deep}\n---\nText.\n`,
      5,
    ],
    ['in a gazetteer file', 'vocab/gazetteer/deep.yaml', (deep: string) => `people:\n  - ${deep}\n`, 2],
    [
      'in a sidecar',
      'national/vn/deep.yaml',
      (deep: string) => `id: vn-deep\nkind: law\ntitle: T\nthemes: ${deep}\n`,
      4,
    ],
  ])('refuses 20,000 nested brackets %s with one error at their line', async (_, path, content, line) => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const files: Record<string, string> = { [path]: content(deep) };
    if (path.endsWith('deep.yaml') && path.startsWith('national')) files['national/vn/deep.txt'] = 'Article 1\nText.\n';
    const { errors } = await ingestWith(files);
    expect(errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/deep\.(md|yaml)$/),
        line,
        message: 'YAML nests lists or maps too deeply to read',
        hint: expect.stringContaining('unclosed'),
      }),
    ]);
  });

  it('refuses a vocabulary file over the size limit', async () => {
    const big = `people:\n${'  - { id: person:x, name: X, source: https://example.org/x }\n'.repeat(200)}`;
    const { errors } = await ingestWith({ 'vocab/gazetteer/big.yaml': big }, {}, 4096);
    expect(errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/big\.yaml$/),
        message: expect.stringMatching(/over the limit of 4 KiB/),
        hint: expect.stringContaining('--max-file-size'),
      }),
    ]);
  });
});

describe('a run with thousands of errors', () => {
  it(`lists the first ${MAX_REPORTED_ISSUES} and counts the rest in one line`, async () => {
    const files = Object.fromEntries(
      Array.from({ length: 500 }, (_, index) => [
        `national/vn/bad-${String(index).padStart(3, '0')}.md`,
        lawDocument(`vn-bad-${index}`, 'date: 2023-02-30\n', 'Text.'),
      ]),
    );
    const { errors } = await ingestWith(files);
    expect(errors).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(errors.at(-1)).toMatchObject({
      file: expect.stringMatching(/bad-100\.md$/),
      message: `and 400 more error(s) not listed, from here on`,
      hint: expect.stringContaining('fix the 100 above first'),
    });
  });
});

describe('gazetteer dates', () => {
  it.each([
    [
      'an event that ends before it starts',
      'events:\n  - id: event:x\n    name: X\n    date: 2014-09-18\n    endDate: 2014-09-17\n    source: https://example.org/x\n',
      5,
      'events.0.endDate',
      'endDate is before date (the start)',
    ],
    [
      'a role that ends before it begins',
      'people:\n  - id: person:x\n    name: X\n    roles:\n      - { title: Minister, organization: org:cac, from: 2016-06, to: 2015, source: https://example.org/x }\n    source: https://example.org/x\n',
      5,
      'people.0.roles.0.to',
      'to is before from',
    ],
  ])('refuses %s at its file, line and field', async (_, gazetteer, line, field, message) => {
    const { errors } = await ingestWith({ 'vocab/gazetteer/dates.yaml': gazetteer });
    expect(errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/dates\.yaml$/),
        line,
        field,
        message: expect.stringContaining(message),
        hint: 'see docs/corpus-format.md',
      }),
    ]);
  });

  it('accepts an event whose end is given only as its year', async () => {
    const root = await writeCorpus({
      ...minimalVocabulary,
      'a.md': good,
      'vocab/gazetteer/dates.yaml':
        'events:\n  - { id: event:x, name: X, date: 2014-09-18, endDate: 2014, source: https://example.org/x }\n',
    });
    const result = await runIngest([root]);
    expect(result.report.errors).toEqual([]);
  });
});
