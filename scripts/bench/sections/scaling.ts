// Scaling: full conformance wall time with N generated jobs seeded into the bundled mock.
import path from 'node:path';
import { interleave, type BenchContext } from '../context';
import { writeScaledScenario } from '../scenario';
import { linearFit, median, type LinearFit } from '../stats';
import { bundledMockEnv, describeRun, timedRun, type SuiteRun } from '../suite-run';

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
  for (let round = 0; round < options.scalingRounds; round++) {
    for (const count of interleave(options.jobCounts, round)) {
      const scenario = writeScaledScenario(count, options.workDir);
      const env = bundledMockEnv(options.workDir, { ADT_MOCK_SCENARIO_DIR: scenario.dir, ADT_MOCK_SCENARIO: scenario.name });
      const run = await timedRun(`scaling-${count}-jobs`, 'npm', ['run', 'conformance'], env, logDir, RUN_TIMEOUT_MS);
      const point = points.get(count) ?? { generatedJobs: count, totalJobs: scenario.totalJobs, runs: [], medianMs: Number.NaN, medianTests: Number.NaN };
      point.runs.push(run);
      points.set(count, point);
      log(`  round ${round + 1} ${count} generated jobs (${scenario.totalJobs} in all): ${describeRun(run)}`);
    }
  }
  const sorted = [...points.values()].sort((a, b) => a.generatedJobs - b.generatedJobs);
  for (const point of sorted) {
    point.medianMs = median(point.runs.map((run) => run.wallMs));
    point.medianTests = median(point.runs.map((run) => (run.passed ?? 0) + (run.failed ?? 0) + (run.skipped ?? 0) + (run.flaky ?? 0)));
  }
  const fit = linearFit(sorted.map((p) => p.totalJobs), sorted.map((p) => p.medianMs));
  const segments = sorted.slice(1).map((point, i) => {
    const previous = sorted[i] as ScalingPoint;
    return { from: previous.generatedJobs, to: point.generatedJobs, msPerJob: (point.medianMs - previous.medianMs) / (point.totalJobs - previous.totalJobs) };
  });
  const first = segments[0];
  const last = segments[segments.length - 1];
  const atMostLinear = first === undefined || last === undefined || last.msPerJob <= Math.max(first.msPerJob, 0) * LINEAR_TOLERANCE || last.msPerJob <= fit.slope * LINEAR_TOLERANCE;
  const notes: string[] = [];
  const bad = sorted.flatMap((point) => point.runs).filter((run) => run.exitCode !== 0);
  if (bad.length > 0) notes.push(`${bad.length} run(s) did not exit 0 (failing tests or a crash); see ${[...new Set(bad.map((run) => run.logFile))].join(', ')}.`);
  return { points: sorted, fit, segments, atMostLinear, notes };
}
