/**
 * `npm run verify:suite [-- --full] [-- --only name1,name2] [-- --jobs N]`: the mutation proof of the suite.
 * Runs the real suite against the plain mock (baseline), per defect mode and against the benign variants
 * (mock/quirks), each run against its own in-process mock on an ephemeral port, a few runs at a time while the
 * machine has a core to spare.
 * By default a defect runs only its targets' tests and the benign variants share one mock; --full runs the
 * whole suite once per quirk, which also shows each defect's collateral.
 * Exits non-zero on any surviving defect, any failure on a correct server, or any MUST requirement no
 * defect targets. Writes reports/verify-suite.json and .md, and each run's matrix under reports/verify-suite/.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configuredReportsDir } from '../config';
import { inPool, spareCore } from '../cli/pool';
import { acquireRunLock, FolderBusyError } from '../cli/run-lock';
import { interruptRunsOnSignal } from '../cli/spawn-suite';
import { INTERRUPTED_EXIT } from '../reporting/verdicts';
import { consoleReport, progressLine, writeReports, type ProofReport } from './report';
import { LOG_FILE, runVariant } from './run-variant';
import { judgeVariant, summarize, type VariantVerdict } from './verdict';
import { allVariants, combinedBenign, coverageOf, fastModeArgs, longestFirst, REPLAYED_VARIANTS, selectVariants, UnknownVariantError, type Variant } from './variants';

const USAGE = `Usage: npm run verify:suite [-- options]
  --only a,b     run only these variants (names of quirks, or baseline)
  --jobs N       suite runs in parallel at most (default: the number of CPU cores); a run beyond the
                 first starts only while half a core is idle, so the proof gives way to other work
  --full         run the whole suite once per quirk, showing each defect's collateral (slow);
                 by default a defect runs only its targets' tests, stopping at the first failure,
                 and all benign variants share one mock (each runs alone only when that fails)
  --timeout S    seconds one suite run may take (default 600)
  --list         print the variants and their targets, run nothing
  --help`;

const DEFAULT_TIMEOUT_S = 600;

class UsageError extends Error {}

interface Options {
  only: string[] | undefined;
  jobs: number;
  timeoutMs: number;
  list: boolean;
  full: boolean;
  help: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        only: { type: 'string' }, jobs: { type: 'string' }, timeout: { type: 'string' }, list: { type: 'boolean' }, full: { type: 'boolean' }, help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number ≥ 1, got "${values.jobs ?? ''}"`);
  const timeout = values.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(values.timeout);
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, got "${values.timeout ?? ''}"`);
  const only = values.only?.split(',').map((name) => name.trim()).filter(Boolean);
  return { only, jobs, timeoutMs: timeout * 1000, list: values.list ?? false, full: values.full ?? false, help: values.help ?? false };
}

function listVariants(variants: readonly Variant[]): string {
  return variants.map((v) => `${v.kind.padEnd(8)} ${v.name.padEnd(36)} ${v.targets.join(', ').padEnd(12)} ${v.description}`).join('\n');
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const everything = allVariants();
  const variants = selectVariants(everything, options.only);
  if (options.list) {
    console.log(listVariants(variants));
    return 0;
  }
  const coverage = coverageOf(everything);
  const reports = configuredReportsDir();
  acquireRunLock(reports, 'npm run verify:suite', { name: 'verify-suite' });
  const runsDir = path.join(reports, 'verify-suite');
  // Runs go to a private folder first: an interrupted proof leaves the last complete one as it was.
  const building = path.join(reports, '.verify-suite.run-in-progress');
  rmSync(building, { recursive: true, force: true });
  const scratch = path.join(tmpdir(), `adt-verify-suite-${process.pid}`);
  const started = performance.now();
  const stoppedBy = interruptRunsOnSignal();
  const runAll = async (batch: readonly Variant[]): Promise<VariantVerdict[]> => {
    let finished = 0;
    const room = spareCore();
    const order = longestFirst(batch);
    const verdicts = await inPool(order, options.jobs, async (variant) => {
      if (stoppedBy() !== undefined) return undefined;
      const run = await runVariant(variant, {
        reportDir: path.join(building, variant.name),
        scratchDir: path.join(scratch, variant.name),
        timeoutMs: options.timeoutMs,
        playwrightArgs: options.full ? [] : fastModeArgs(variant),
        replay: REPLAYED_VARIANTS.has(variant.name),
      });
      if (stoppedBy() !== undefined) return undefined;
      // The report names the log where it will be once the proof completes.
      const verdict = judgeVariant(variant, run.logFile === undefined ? run : { ...run, logFile: path.relative(process.cwd(), path.join(runsDir, variant.name, LOG_FILE)) });
      finished += 1;
      console.log(progressLine(verdict, finished, batch.length));
      return verdict;
    }, { room });
    // The reports list the variants in the catalogue's order, whatever order they ran in.
    return batch.flatMap((variant) => verdicts[order.indexOf(variant)] ?? []);
  };
  const benign = variants.filter((variant) => variant.kind === 'benign');
  const combine = !options.full && options.only === undefined && benign.length > 1;
  const plan = combine ? [...variants.filter((variant) => variant.kind !== 'benign'), combinedBenign(variants)] : variants;
  const mode = options.full ? ' (full: the whole suite per variant)' : ` (fast: defects against their targets' tests only${combine ? ', benign variants in one mock' : ''}; --full for collateral)`;
  console.log(`Running the conformance suite against ${plan.length} variant(s)${mode}, up to ${options.jobs} at a time (more than one only while a core is idle); each run's matrix and output go to ${path.relative(process.cwd(), runsDir) || '.'}/<variant>/`);

  const verdicts = await runAll(plan);
  if (combine && stoppedBy() === undefined && verdicts.some((verdict) => verdict.kind === 'benign' && !verdict.ok)) {
    console.log('The benign variants failed together: running each alone to find which.');
    verdicts.push(...await runAll(benign));
  }
  const interrupted = stoppedBy();
  if (interrupted !== undefined) {
    rmSync(building, { recursive: true, force: true });
    console.log(`\nverify:suite verdict: INTERRUPTED (stopped by ${interrupted}; the last complete proof in ${path.relative(process.cwd(), reports) || '.'}/ is unchanged)`);
    return INTERRUPTED_EXIT;
  }
  // A whole proof replaces the runs of the previous one; --only keeps the others for comparison.
  if (options.only === undefined) rmSync(runsDir, { recursive: true, force: true });
  mkdirSync(runsDir, { recursive: true });
  for (const name of existsSync(building) ? readdirSync(building) : []) {
    rmSync(path.join(runsDir, name), { recursive: true, force: true });
    renameSync(path.join(building, name), path.join(runsDir, name));
  }
  rmSync(building, { recursive: true, force: true });

  const report: ProofReport = {
    kind: 'adt-verify-suite',
    version: 1,
    generatedAt: new Date().toISOString(),
    ...(options.only ? { only: options.only } : {}),
    mode: options.full ? 'full' : 'fast',
    parallelRuns: options.jobs,
    wallTimeMs: Math.round(performance.now() - started),
    summary: summarize(verdicts, coverage.mustWithoutDefect),
    coverage,
    variants: verdicts,
  };
  const written = writeReports(reports, report);
  console.log(consoleReport(report));
  console.log(`Reports: ${path.relative(process.cwd(), written.md)} and ${path.relative(process.cwd(), written.json)}`);
  return report.summary.ok && coverage.unknownTargets.length === 0 ? 0 : 1;
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof UnknownVariantError || error instanceof FolderBusyError;
    const text = error instanceof Error ? (known ? error.message : error.stack ?? error.message) : String(error);
    process.stderr.write(`verify:suite: ${text}\n`);
    process.exitCode = 2;
  },
);
