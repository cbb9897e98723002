// Suite overhead: a full conformance run against the bundled mock vs the floor (one trivial test, same mock),
// and vs the same floor at the suite's size (as many trivial tests as the suite ran), which splits the overhead
// into Playwright's own cost per test and what the suite adds on top of it.
import path from 'node:path';
import { interleave, type BenchContext } from '../context';
import { median, ratio } from '../stats';
import { bundledMockEnv, describeRun, failedRunsNote, testCount, timedRun, type SuiteRun } from '../suite-run';

interface TimedCommand {
  label: string;
  command: string;
  medianMs: number;
}

export interface SuiteSection {
  runs: SuiteRun[];
  full: TimedCommand;
  floor: TimedCommand;
  /** The floor with `tests` trivial tests: as many as the first full run ran. */
  floorAtSize: TimedCommand & { tests: number };
  perRound: number[];
  medianRatio: number;
  /** Full ÷ floor at the suite's size, per round and median: what the suite adds beyond Playwright's per-test cost. */
  perRoundAtSize: number[];
  medianRatioAtSize: number;
  /** (floor at size − floor) ÷ (tests − 1): what one trivial test costs in Playwright on this machine. */
  playwrightMsPerTest: number;
  target: number;
  met: boolean;
  notes: string[];
}

export const FLOOR_CONFIG = path.join('scripts', 'bench', 'floor', 'playwright.floor.config.ts');
const TARGET_RATIO = 2;
const RUN_TIMEOUT_MS = 15 * 60_000;

/** Read by floor.spec.ts: how many trivial tests the floor declares. */
export const FLOOR_TESTS_ENV = 'BENCH_FLOOR_TESTS';

interface RunSpec {
  label: string;
  command: string;
  args: string[];
  /** Extra environment, given the suite's size (known once the first full run has counted its tests). */
  env: (suiteSize: number) => Record<string, string>;
}

const FLOOR_ARGS = ['playwright', 'test', '--config', FLOOR_CONFIG];
const FULL: RunSpec = {
  label: 'full: npm run conformance',
  command: 'npm',
  args: ['run', 'conformance'],
  env: () => ({}),
};
const FLOOR: RunSpec = { label: 'floor: one trivial test', command: 'npx', args: FLOOR_ARGS, env: () => ({}) };
const FLOOR_AT_SIZE: RunSpec = {
  label: 'floor at the suite size',
  command: 'npx',
  args: FLOOR_ARGS,
  env: (size) => ({ [FLOOR_TESTS_ENV]: String(size) }),
};
/** Until the first full run has said how many tests the suite has. */
const DEFAULT_SUITE_SIZE = 200;

export async function runSuite(ctx: BenchContext): Promise<SuiteSection> {
  const { options, log } = ctx;
  const env = bundledMockEnv(options.workDir);
  const logDir = path.join(options.workDir, 'logs');
  const runs: SuiteRun[] = [];
  const perRound: number[] = [];
  const perRoundAtSize: number[] = [];
  let suiteSize: number | undefined;
  for (let round = 0; round < options.rounds; round++) {
    const byLabel = new Map<string, SuiteRun>();
    // Round 1 runs the full suite first (interleave keeps even rounds in order), so its test count sizes the floor.
    for (const spec of interleave([FULL, FLOOR, FLOOR_AT_SIZE], round)) {
      const run = await timedRun(
        spec.label,
        spec.command,
        spec.args,
        { ...env, ...spec.env(suiteSize ?? DEFAULT_SUITE_SIZE) },
        logDir,
        RUN_TIMEOUT_MS,
      );
      if (spec === FULL && suiteSize === undefined && testCount(run) > 0) suiteSize = testCount(run);
      runs.push(run);
      byLabel.set(spec.label, run);
      log(`  round ${round + 1} ${spec.label}: ${describeRun(run)}`);
    }
    const wall = (spec: RunSpec): number => byLabel.get(spec.label)?.wallMs ?? Number.NaN;
    perRound.push(ratio(wall(FULL), wall(FLOOR)));
    perRoundAtSize.push(ratio(wall(FULL), wall(FLOOR_AT_SIZE)));
  }
  const notes = [failedRunsNote(runs)].filter((note) => note !== undefined);
  const medianRatio = median(perRound);
  const tests = suiteSize ?? DEFAULT_SUITE_SIZE;
  const timed = (spec: RunSpec): TimedCommand => ({
    label: spec.label,
    command: [
      ...Object.entries(spec.env(tests)).map(([name, value]) => `${name}=${value}`),
      spec.command,
      ...spec.args,
    ].join(' '),
    medianMs: median(runs.filter((run) => run.label === spec.label).map((run) => run.wallMs)),
  });
  const floor = timed(FLOOR);
  const floorAtSize = { ...timed(FLOOR_AT_SIZE), tests };
  return {
    runs,
    full: timed(FULL),
    floor,
    floorAtSize,
    perRound,
    medianRatio,
    perRoundAtSize,
    medianRatioAtSize: median(perRoundAtSize),
    playwrightMsPerTest: tests > 1 ? (floorAtSize.medianMs - floor.medianMs) / (tests - 1) : Number.NaN,
    target: TARGET_RATIO,
    met: medianRatio <= TARGET_RATIO,
    notes,
  };
}
