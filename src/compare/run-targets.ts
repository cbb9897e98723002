/**
 * Runs the suite once per target, each an ordinary run (spawnSuite) with its own environment and reports folder,
 * so each keeps its own pacing and safety rules. Local targets (the mock, a replay) share the CPU in parallel;
 * instances are contacted one at a time, beside them.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HarFile } from '../../mock/replay/har-format';
import { spawnSuite } from '../cli/spawn-suite';
import { replaySelectionArgs } from '../config';
import { inPool } from '../cli/pool';
import { readMatrixIn } from '../reporting/matrix-output';
import { clearStaleResults } from '../reporting/stale-results';
import type { Matrix } from '../reporting/verdicts';
import type { TargetRun } from './environment';

export const RUN_LOG = 'playwright.log';

export interface FinishedRun {
  readonly run: TargetRun;
  readonly exitCode: number | null;
  readonly wallMs: number;
  readonly matrix: Matrix | undefined;
  readonly recording: HarFile | { missing: string };
  /** Why the run left no matrix. */
  readonly problem?: string;
}

function readJson(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}

function recordingOf(file: string | undefined): HarFile | { missing: string } {
  if (file === undefined) return { missing: 'the run recorded nothing' };
  try {
    return (readJson(file) as HarFile | undefined) ?? { missing: `the run wrote no recording (${file})` };
  } catch (error) {
    return { missing: `its recording ${file} is not JSON: ${(error as Error).message}` };
  }
}

async function runOne(run: TargetRun, playwrightArgs: readonly string[]): Promise<FinishedRun> {
  clearStaleResults(run.reportsDir, run.config.reports.recording.file);
  mkdirSync(run.reportsDir, { recursive: true });
  const log = path.join(run.reportsDir, RUN_LOG);
  const result = await spawnSuite({
    // Each run its own test-results: parallel runs would otherwise share one discovery file.
    args: [`--output=${path.join(run.reportsDir, 'test-results')}`, ...replaySelectionArgs(run.config, playwrightArgs)],
    environment: run.environment,
    output: { file: log },
  });
  const matrix = readMatrixIn(run.reportsDir);
  const problem =
    matrix !== undefined
      ? undefined
      : (result.startError ??
        `the run ended (exit ${result.exitCode ?? result.signal ?? '?'}) without a conformance matrix; see ${log}`);
  return {
    run,
    exitCode: result.exitCode,
    wallMs: result.wallMs,
    matrix,
    recording: recordingOf(run.config.reports.recording.file),
    ...(problem === undefined ? {} : { problem }),
  };
}

/** Two local runs at once use both cores of a small machine (each run has Playwright's default of half the cores). */
export function localParallelism(cpus: number = os.cpus().length): number {
  return Math.max(1, Math.min(cpus, 2));
}

/** Every target's run, in the order given (src/cli/compare.ts stops them all on Ctrl-C: interruptRuns). */
export async function runTargets(
  runs: readonly TargetRun[],
  playwrightArgs: readonly string[],
  onDone: (finished: FinishedRun) => void,
): Promise<FinishedRun[]> {
  const track = async (run: TargetRun): Promise<FinishedRun> => {
    const finished = await runOne(run, playwrightArgs);
    onDone(finished);
    return finished;
  };
  const local = runs.filter((run) => run.target.kind !== 'url');
  const remote = runs.filter((run) => run.target.kind === 'url');
  const [localDone, remoteDone] = await Promise.all([
    inPool(local, localParallelism(), track),
    inPool(remote, 1, track),
  ]);
  const byRun = new Map([...localDone, ...remoteDone].map((finished) => [finished.run, finished]));
  return runs.map((run) => byRun.get(run) as FinishedRun);
}
