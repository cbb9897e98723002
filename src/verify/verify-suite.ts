/**
 * `npm run verify:suite [-- --only name1,name2]`: the mutation proof of the suite.
 * Every variant of the mock (the baseline, every defect, every benign variant) goes through the suite's own plan,
 * client and checks in this process, against its own mock on an ephemeral port: each defect must fail exactly its
 * target requirements, each correct server must pass. A small end-to-end layer then runs the real suite
 * (`npm run conformance`'s path, Playwright) against a sample of variants: the baseline passes, defects of
 * different kinds fail, their recordings replay with the same verdicts, and every requirement the real run
 * checked got the verdict the in-process run gave it.
 * Exits non-zero on any surviving defect, any failure on a correct server, any collateral failure, any MUST
 * requirement no defect targets, or any disagreement between the two layers. Writes reports/verify-suite.json and
 * .md, and the end-to-end runs' matrices under reports/verify-suite/.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCommandLine, UsageError, usageFailure } from '../cli/usage';
import { configuredReportsDir } from '../config';
import { acquireRunLock, FolderBusyError } from '../cli/run-lock';
import { interruptRunsOnSignal } from '../cli/spawn-suite';
import { INTERRUPTED_EXIT } from '../reporting/verdicts';
import { runVariantInProcess } from './in-process';
import { consoleReport, progressLine, writeReports, type ProofReport } from './report';
import { LOG_FILE, runVariant } from './run-variant';
import { judgeVariant, layerDisagreements, summarize, type VariantVerdict } from './verdict';
import {
  allVariants,
  coverageOf,
  END_TO_END_VARIANTS,
  targetedArgs,
  REPLAYED_VARIANTS,
  selectVariants,
  UnknownVariantError,
  type Variant,
} from './variants';

const USAGE = `Usage: npm run verify:suite [-- options]
  --only a,b     prove only these variants (names of quirks, or baseline)
  --no-e2e       skip the end-to-end sample through Playwright (in-process proof only)
  --timeout S    seconds one end-to-end suite run may take (default 300)
  --list         print the variants and their targets, run nothing
  --help`;

const DEFAULT_TIMEOUT_S = 300;
const END_TO_END_AT_ONCE = 2;

interface Options {
  only: string[] | undefined;
  e2e: boolean;
  timeoutMs: number;
  list: boolean;
  help: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseCommandLine({
    args: [...argv],
    options: {
      only: { type: 'string' },
      'no-e2e': { type: 'boolean' },
      timeout: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const timeout = values.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(values.timeout);
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, got "${values.timeout ?? ''}"`);
  const only = values.only
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    only,
    e2e: values['no-e2e'] !== true,
    timeoutMs: timeout * 1000,
    list: values.list ?? false,
    help: values.help ?? false,
  };
}

function listVariants(variants: readonly Variant[]): string {
  return variants
    .map((v) => `${v.kind.padEnd(8)} ${v.name.padEnd(36)} ${v.targets.join(', ').padEnd(12)} ${v.description}`)
    .join('\n');
}

/** At most `limit` of `work` at once, results in the order of `items`. */
async function atMost<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
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
  // End-to-end runs go to a private folder first: an interrupted proof leaves the last complete one as it was.
  const building = path.join(reports, '.verify-suite.run-in-progress');
  rmSync(building, { recursive: true, force: true });
  const scratch = path.join(tmpdir(), `adt-verify-suite-${process.pid}`);
  const started = performance.now();
  const stoppedBy = interruptRunsOnSignal();
  const sample = options.e2e ? variants.filter((variant) => END_TO_END_VARIANTS.has(variant.name)) : [];
  console.log(
    `Proving the suite against ${variants.length} variant(s) in this process (the suite's plan, client and checks), ` +
      `then ${sample.length} of them end to end through Playwright (${path.relative(process.cwd(), runsDir) || '.'}/<variant>/)`,
  );

  const verdicts: VariantVerdict[] = [];
  for (const variant of variants) {
    if (stoppedBy() !== undefined) break;
    const verdict = judgeVariant(variant, await runVariantInProcess(variant), { collateralIsAProblem: true });
    verdicts.push(verdict);
    console.log(progressLine(verdict, verdicts.length, variants.length));
  }

  const endToEnd = await atMost(sample, END_TO_END_AT_ONCE, async (variant) => {
    if (stoppedBy() !== undefined) return undefined;
    const run = await runVariant(variant, {
      reportDir: path.join(building, variant.name),
      scratchDir: path.join(scratch, variant.name),
      timeoutMs: options.timeoutMs,
      playwrightArgs: targetedArgs(variant),
      replay: REPLAYED_VARIANTS.has(variant.name),
    });
    const logFile =
      run.logFile === undefined
        ? {}
        : { logFile: path.relative(process.cwd(), path.join(runsDir, variant.name, LOG_FILE)) };
    const verdict = judgeVariant(variant, { ...run, ...logFile });
    const inProcess = verdicts.find((candidate) => candidate.name === variant.name);
    const disagreements = inProcess === undefined ? [] : layerDisagreements(inProcess, run.matrix);
    console.log(
      `end to end: ${progressLine(verdict, sample.indexOf(variant) + 1, sample.length)}${disagreements.length > 0 ? ` — disagrees with in-process on ${disagreements.join(', ')}` : ''}`,
    );
    return { verdict, disagreements };
  });

  const interrupted = stoppedBy();
  if (interrupted !== undefined) {
    rmSync(building, { recursive: true, force: true });
    console.log(
      `\nverify:suite verdict: INTERRUPTED (stopped by ${interrupted}; the last complete proof in ${path.relative(process.cwd(), reports) || '.'}/ is unchanged)`,
    );
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
  rmSync(scratch, { recursive: true, force: true });

  const endToEndVerdicts = endToEnd.flatMap((result): VariantVerdict[] =>
    result === undefined
      ? []
      : [
          {
            ...result.verdict,
            layer: 'end-to-end',
            layerDisagreements: result.disagreements,
            ok: result.verdict.ok && result.disagreements.length === 0,
            problems: [
              ...result.verdict.problems,
              ...result.disagreements.map((what) => `the in-process proof and the real run disagree: ${what}`),
            ],
          },
        ],
  );
  const report: ProofReport = {
    kind: 'adt-verify-suite',
    version: 2,
    generatedAt: new Date().toISOString(),
    ...(options.only ? { only: options.only } : {}),
    wallTimeMs: Math.round(performance.now() - started),
    summary: summarize(verdicts, coverage.mustWithoutDefect, endToEndVerdicts),
    coverage,
    variants: verdicts,
    endToEnd: endToEndVerdicts,
  };
  const written = writeReports(reports, report);
  console.log(consoleReport(report));
  console.log(`Reports: ${path.relative(process.cwd(), written.md)} and ${path.relative(process.cwd(), written.json)}`);
  return report.summary.ok && coverage.unknownTargets.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.exitCode = usageFailure('verify:suite', error, USAGE);
      return;
    }
    const known = error instanceof UnknownVariantError || error instanceof FolderBusyError;
    const text = error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`verify:suite: ${text}\n`);
    process.exitCode = 2;
  },
);
