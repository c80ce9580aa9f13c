/**
 * Ingest benchmark: about 2,000 synthetic instruments / 50,000 provisions as corpus files beside the
 * bundled corpus, through the real pipeline (`runIngest`). Prints figures and the targets; asserts nothing.
 * Run: npm run bench:ingest [-- instruments provisionsPerInstrument]
 */
import { rm } from 'node:fs/promises';
import { runIngest } from '../../ingest/pipeline.js';
import { peakRssMiB, writeSyntheticCorpus } from './synthetic-corpus.js';

const instrumentCount = Number(process.argv[2] ?? 2000);
const provisionsPerInstrument = Number(process.argv[3] ?? 25);

const writeStart = performance.now();
const corpus = await writeSyntheticCorpus(instrumentCount, provisionsPerInstrument);
const writeMs = performance.now() - writeStart;
try {
  const rssBefore = peakRssMiB();
  const start = performance.now();
  const result = await runIngest([corpus.folder]);
  const ingestMs = performance.now() - start;
  const peak = peakRssMiB();
  const { report } = result;
  const provisions = report.nodes.Provision ?? 0;
  const perSecond = provisions / (ingestMs / 1000);
  const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  console.log(`corpus           ${report.documents} documents written in ${(writeMs / 1000).toFixed(1)} s`);
  console.log(
    `ingest           ${(ingestMs / 1000).toFixed(2)} s for ${provisions} provisions, ${report.passages} passages, ${Object.values(report.nodes).reduce((sum, count) => sum + count, 0)} nodes`,
  );
  console.log(`errors           ${report.errors.length} (warnings ${report.warnings.length})`);
  for (const error of report.errors.slice(0, 3)) console.log(`  ${error.file}: ${error.message}`);
  console.log(`rate             ${Math.round(perSecond)} provisions/s`);
  console.log(`peak RSS         ${peakRssMiB().toFixed(0)} MiB (${rssBefore.toFixed(0)} MiB before the ingest)`);
  console.log(`target           50,000 provisions in < 10 s: ${mark(provisions >= 50_000 && ingestMs < 10_000)}`);
  console.log(`target           peak RSS < 1 GiB: ${mark(peak < 1024)}`);
} finally {
  await rm(corpus.folder, { recursive: true, force: true });
}
