/** `npm run ingest -- [paths…] [--check] [--json] [--out FILE] [--max-file-size BYTES]` */
import { parseArgs } from 'node:util';
import { formatIssue } from './issues.js';
import { type IngestReport, runIngest } from './pipeline.js';
import { writeJsonFile } from './write.js';

const USAGE = `Usage: npm run ingest -- [paths…] [options]

Reads the corpus (default: corpus/), validates it and writes the knowledge graph.

Options:
  --check               validate and report; write nothing
  --json                print the report as JSON
  --out FILE            where to write the graph (default: $DATA_DIR/knowledge-graph.json, DATA_DIR=data)
  --max-file-size SIZE  refuse larger files, e.g. 5MB or 800KB (default 5MB)
  --help                show this help`;

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|KIB|MB|MIB|GB|GIB)?$/i.exec(text.trim());
  if (!match) throw new Error(`--max-file-size: cannot read "${text}"; use a size such as 5MB or 800KB`);
  const unit = (match[2] ?? 'B').toUpperCase().replace('I', '');
  const factor = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[unit] ?? 1;
  return Math.round(Number(match[1]) * factor);
}

function progressBar(): ((done: number, total: number, file: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total, file) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const name = file.length > 40 ? `…${file.slice(-39)}` : file;
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name.padEnd(40)}`);
    if (done === total) process.stderr.write('\n');
  };
}

function summary(report: IngestReport): string {
  const lines = [`documents: ${report.documents}`];
  const table = (title: string, counts: Record<string, number>) => {
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    lines.push(`${title}: ${total}`);
    for (const [kind, count] of Object.entries(counts)) lines.push(`  ${kind.padEnd(16)} ${count}`);
  };
  table('nodes', report.nodes);
  table('relationships', report.relationships);
  lines.push(`passages: ${report.passages}`, `quotes: ${report.quotes}`);
  lines.push(`candidates (names not in the gazetteer): ${report.candidates.length}`);
  for (const candidate of report.candidates.slice(0, 15)) {
    lines.push(
      `  ${candidate.kind.padEnd(12)} ${candidate.name} ×${candidate.count} (${candidate.file}:${candidate.line})`,
    );
  }
  if (report.candidates.length > 15) lines.push(`  … and ${report.candidates.length - 15} more (--json lists all)`);
  lines.push(`warnings: ${report.warnings.length}`, ...report.warnings.map((issue) => `  ${formatIssue(issue)}`));
  lines.push(`errors: ${report.errors.length}`, ...report.errors.map((issue) => `  ${formatIssue(issue)}`));
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      check: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const paths = positionals.length > 0 ? positionals : ['corpus'];
  const out = values.out ?? `${process.env.DATA_DIR || 'data'}/knowledge-graph.json`;
  const maxFileBytes = values['max-file-size'] ? parseSize(values['max-file-size']) : undefined;
  const result = await runIngest(paths, {
    ...(maxFileBytes ? { maxFileBytes } : {}),
    onProgress: values.json ? undefined : progressBar(),
  });
  const failed = result.report.errors.length > 0;
  if (!failed && !values.check && 'graph' in result) await writeJsonFile(out, result.graph);
  if (values.json) console.log(JSON.stringify(result.report, null, 2));
  else {
    console.log(summary(result.report));
    if (failed) console.log(`\nIngest failed: ${result.report.errors.length} error(s). Nothing was written.`);
    else console.log(values.check ? '\nCheck passed (nothing written: --check).' : `\nWrote ${out}`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`ingest: ${error.message}`);
    process.exitCode = 2;
  },
);
