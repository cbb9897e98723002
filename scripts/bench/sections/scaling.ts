// Scaling: full conformance wall time with N generated jobs seeded into the bundled mock.
import path from 'node:path';
import { interleave, type BenchContext } from '../context';
import { writeScaledScenario } from '../scenario';
import { linearFit, median, type LinearFit } from '../stats';
import { MOCK_ENV } from '../../../mock/contract';
import { bundledMockEnv, describeRun, failedRunsNote, testCount, timedRun, type SuiteRun } from '../suite-run';

export interface ScalingPoint {
  generatedJobs: number;
  totalJobs: number;
  runs: SuiteRun[];
  medianMs: number;
  medianTests: number;
}

export interface ScalingSection {
  points: ScalingPoint[];
  /** Straight line through the medians: slope is the wall-time cost of one more job. */
  fit: LinearFit;
  /** Marginal ms per job between consecutive sizes. */
  segments: { from: number; to: number; msPerJob: number }[];
  atMostLinear: boolean;
  notes: string[];
}

const RUN_TIMEOUT_MS = 30 * 60_000;
/** Allowance for noise when judging whether the last segment costs more per job than the first. */
const LINEAR_TOLERANCE = 1.25;

export async function runScaling(ctx: BenchContext): Promise<ScalingSection> {
  const { options, log } = ctx;
  const logDir = path.join(options.workDir, 'logs');
  const points = new Map<number, ScalingPoint>();
  // Written once: every round reads the same files.
  const scenarios = options.jobCounts.map((count) => ({
    count,
    scenario: writeScaledScenario(count, options.workDir),
  }));
  for (let round = 0; round < options.scalingRounds; round++) {
    for (const { count, scenario } of interleave(scenarios, round)) {
      const env = bundledMockEnv(options.workDir, {
        [MOCK_ENV.scenarioDir]: scenario.dir,
        [MOCK_ENV.scenario]: scenario.name,
      });
      const run = await timedRun(`scaling-${count}-jobs`, 'npm', ['run', 'conformance'], env, logDir, RUN_TIMEOUT_MS);
      const point = points.get(count) ?? {
        generatedJobs: count,
        totalJobs: scenario.totalJobs,
        runs: [],
        medianMs: Number.NaN,
        medianTests: Number.NaN,
      };
      point.runs.push(run);
      points.set(count, point);
      log(`  round ${round + 1} ${count} generated jobs (${scenario.totalJobs} in all): ${describeRun(run)}`);
    }
  }
  const sorted = [...points.values()].sort((a, b) => a.generatedJobs - b.generatedJobs);
  for (const point of sorted) {
    point.medianMs = median(point.runs.map((run) => run.wallMs));
    point.medianTests = median(point.runs.map(testCount));
  }
  const fit = linearFit(
    sorted.map((p) => p.totalJobs),
    sorted.map((p) => p.medianMs),
  );
  const segments = sorted.slice(1).map((point, i) => {
    const previous = sorted[i] as ScalingPoint;
    return {
      from: previous.generatedJobs,
      to: point.generatedJobs,
      msPerJob: (point.medianMs - previous.medianMs) / (point.totalJobs - previous.totalJobs),
    };
  });
  const first = segments[0];
  const last = segments[segments.length - 1];
  const atMostLinear =
    first === undefined ||
    last === undefined ||
    last.msPerJob <= Math.max(first.msPerJob, 0) * LINEAR_TOLERANCE ||
    last.msPerJob <= fit.slope * LINEAR_TOLERANCE;
  const notes = [failedRunsNote(sorted.flatMap((point) => point.runs))].filter((note) => note !== undefined);
  return { points: sorted, fit, segments, atMostLinear, notes };
}
