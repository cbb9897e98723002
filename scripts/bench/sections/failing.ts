// Failing target: `npm run conformance` against a URL target that is the mock started on its own, clean and with the
// json-byte-order-mark quirk, interleaved per round. A failing target must not cost much more than a passing one:
// the issue's budget is twice the clean run.
import path from 'node:path';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { VARIABLES } from '../../../src/config';
import { interleave, type BenchContext } from '../context';
import { freePort, startServer } from '../processes';
import { median, ratio } from '../stats';
import { bundledMockEnv, describeRun, timedRun, type SuiteRun } from '../suite-run';
import { mockLaunch } from '../targets';
import { REPO_ROOT } from '../options';

export const FAILING_QUIRK = 'json-byte-order-mark';
const TARGET_RATIO = 2;
const RUN_TIMEOUT_MS = 20 * 60_000;

export interface FailingSection {
  runs: SuiteRun[];
  quirk: string;
  /** Per round: the quirk run ÷ the clean run. */
  perRound: number[];
  medianRatio: number;
  medianCleanMs: number;
  medianQuirkMs: number;
  target: number;
  met: boolean;
  notes: string[];
}

interface RunSpec {
  label: string;
  /** What the target is, as the report's target column shows it. */
  target: string;
  mockArgs: string[];
  expectedExit: number;
}

const CLEAN: RunSpec = {
  label: 'npm run conformance (URL: mock)',
  target: 'npm run mock',
  mockArgs: [],
  expectedExit: 0,
};
const QUIRKED: RunSpec = {
  label: `npm run conformance (URL: mock --quirk ${FAILING_QUIRK})`,
  target: `npm run mock -- --quirk ${FAILING_QUIRK}`,
  mockArgs: ['--quirk', FAILING_QUIRK],
  expectedExit: 1,
};
export const FAILING_RUNS = [CLEAN, QUIRKED] as const;

/** The suite as a user points it at a URL: a token, no rate limit (a local mock), no HTML report. */
function urlTargetEnv(workDir: string, url: string): NodeJS.ProcessEnv {
  return bundledMockEnv(workDir, {
    [VARIABLES.url.name]: url,
    [VARIABLES.auth.name]: 'token',
    [VARIABLES.accessToken.name]: MOCK_DEFAULT_TOKEN,
    [VARIABLES.maxRps.name]: '0',
    [VARIABLES.htmlReport.name]: 'off',
  });
}

/** Starts a fresh mock for the run (its start is not timed), times the suite against it, then stops the mock. */
async function runAgainst(spec: RunSpec, workDir: string, logDir: string): Promise<SuiteRun> {
  const port = await freePort();
  const launch = mockLaunch(port);
  const name = `failing-${launch.name}${spec.mockArgs.length > 0 ? `-${FAILING_QUIRK}` : ''}`;
  const server = await startServer(
    { ...launch, name, args: [...launch.args, ...spec.mockArgs] },
    port,
    logDir,
    REPO_ROOT,
  );
  try {
    return await timedRun(
      spec.label,
      'npm',
      ['run', 'conformance'],
      urlTargetEnv(workDir, server.url),
      logDir,
      RUN_TIMEOUT_MS,
    );
  } finally {
    await server.stop();
  }
}

export async function runFailing(ctx: BenchContext): Promise<FailingSection> {
  const { options, log } = ctx;
  const logDir = path.join(options.workDir, 'logs');
  const runs: SuiteRun[] = [];
  const perRound: number[] = [];
  for (let round = 0; round < options.scalingRounds; round++) {
    const wall = new Map<RunSpec, number>();
    for (const spec of interleave(FAILING_RUNS, round)) {
      const run = await runAgainst(spec, options.workDir, logDir);
      runs.push(run);
      wall.set(spec, run.wallMs);
      log(`  round ${round + 1} ${spec.label}: ${describeRun(run)}`);
    }
    perRound.push(ratio(wall.get(QUIRKED) ?? Number.NaN, wall.get(CLEAN) ?? Number.NaN));
  }
  const medianOf = (spec: RunSpec): number =>
    median(runs.filter((run) => run.label === spec.label).map((run) => run.wallMs));
  const medianRatio = median(perRound);
  const expected = (run: SuiteRun): number => (run.label === CLEAN.label ? CLEAN.expectedExit : QUIRKED.expectedExit);
  return {
    runs,
    quirk: FAILING_QUIRK,
    perRound,
    medianRatio,
    medianCleanMs: medianOf(CLEAN),
    medianQuirkMs: medianOf(QUIRKED),
    target: TARGET_RATIO,
    met: medianRatio <= TARGET_RATIO,
    notes: runs
      .filter((run) => run.exitCode !== expected(run))
      .map(
        (run) =>
          `${run.label} exited ${run.exitCode ?? 'by a signal'} (expected ${expected(run)}); see ${run.logFile}.`,
      ),
  };
}
