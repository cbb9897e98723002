// One timed Playwright run as a user starts it: wall time from spawn to exit, output kept in a log file.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isolatedEnvironment, spawnSuite } from '../../src/cli/spawn-suite';
import { VARIABLES } from '../../src/config';

const REPORTS_DIR_ENV = VARIABLES.reportsDir.name;
import { signalGroup, trackGroup, untrackGroup } from './processes';

export interface SuiteRun {
  label: string;
  command: string;
  wallMs: number;
  exitCode: number | null;
  /** From Playwright's summary lines; undefined when the run printed none. */
  passed?: number;
  failed?: number;
  skipped?: number;
  flaky?: number;
  timedOut: boolean;
  logFile: string;
}

/**
 * The environment of a bundled-mock run: no target, no credentials, no user .env, plus `extra`. Reports go to the
 * bench's own folder, never the user's reports/ (whose Allure history a bench run would otherwise grow).
 */
export function bundledMockEnv(workDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return isolatedEnvironment({ [REPORTS_DIR_ENV]: path.join(workDir, 'reports'), ...extra });
}

function count(output: string, word: string): number | undefined {
  const match = new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(output);
  return match ? Number(match[1]) : undefined;
}

export async function timedRun(
  label: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  logDir: string,
  timeoutMs: number,
): Promise<SuiteRun> {
  mkdirSync(logDir, { recursive: true });
  // Every run starts from an empty reports folder: the Allure history an earlier run left would make the next
  // report slower to build (a 1,000-job run adds ~1 MB to it), so runs would not measure the same work.
  const reportsDir = env[REPORTS_DIR_ENV];
  if (reportsDir !== undefined) rmSync(reportsDir, { recursive: true, force: true });
  const logFile = path.join(logDir, `${label.replace(/[^\w.-]+/g, '_')}.log`);
  let pid: number | undefined;
  const child = await spawnSuite({
    entry: { command },
    args,
    environment: env,
    output: { file: logFile },
    timeoutMs,
    onStart: (started) => {
      pid = started;
      trackGroup(started);
    },
  });
  if (pid !== undefined) {
    // Anything the run left behind in its group (a webServer that outlived the runner) ends with it.
    signalGroup(pid, 'SIGKILL');
    untrackGroup(pid);
  }
  const { wallMs, exitCode, timedOut } = child;
  const output = readFileSync(logFile, 'utf8');
  const run: SuiteRun = { label, command: [command, ...args].join(' '), wallMs, exitCode, timedOut, logFile };
  for (const word of ['passed', 'failed', 'skipped', 'flaky'] as const) {
    const value = count(output, word);
    if (value !== undefined) run[word] = value;
  }
  return run;
}

/** Every test the run reported, whatever its outcome. */
export function testCount(run: SuiteRun): number {
  return (run.passed ?? 0) + (run.failed ?? 0) + (run.skipped ?? 0) + (run.flaky ?? 0);
}

/** The report's note on runs that did not exit 0, naming their logs once each; undefined when all did. */
export function failedRunsNote(runs: readonly SuiteRun[]): string | undefined {
  const bad = runs.filter((run) => run.exitCode !== 0);
  if (bad.length === 0) return undefined;
  return `${bad.length} run(s) did not exit 0 (failing tests or a crash); see ${[...new Set(bad.map((run) => run.logFile))].join(', ')}.`;
}

export function describeRun(run: SuiteRun): string {
  const counts = (['passed', 'failed', 'skipped', 'flaky'] as const).flatMap((word) =>
    run[word] === undefined ? [] : [`${run[word]} ${word}`],
  );
  const verdict = run.timedOut ? 'TIMED OUT' : run.exitCode === 0 ? 'exit 0' : `exit ${run.exitCode ?? 'signal'}`;
  return `${(run.wallMs / 1000).toFixed(1)} s, ${verdict}${counts.length > 0 ? `, ${counts.join(', ')}` : ''}`;
}
