// Compare: `npm run compare -- mock mock+QUIRK` against the two runs it replaces (`npm run conformance` on the mock,
// and on the mock with the quirk), interleaved per round. The budget: no longer than the two runs plus 10 %.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MOCK_ENV } from '../../../mock/contract';
import type { CompareMatrix } from '../../../src/compare/matrix-compare';
import { VARIABLES } from '../../../src/config';
import { DEFECT_TARGETS } from '../../../src/verify/targets';
import { interleave, type BenchContext } from '../context';
import { median, ratio } from '../stats';
import { bundledMockEnv, describeRun, timedRun, type SuiteRun } from '../suite-run';

/** A defect whose full-suite comparison differs in exactly its target (DJ-404-02), so both runs do the whole suite. */
export const COMPARE_QUIRK = 'error-code-header-mismatch';
const TARGET_RATIO = 1.1;
const RUN_TIMEOUT_MS = 20 * 60_000;

export interface CompareSection {
  runs: SuiteRun[];
  quirk: string;
  /** Per round: compare ÷ (mock run + quirk run). */
  perRound: number[];
  medianRatio: number;
  medianCompareMs: number;
  medianSumOfRunsMs: number;
  target: number;
  met: boolean;
  /** Per compare run: the requirements whose verdict differed (the whole suite: the quirk's targets, nothing else). */
  differing: string[][];
  notes: string[];
}

interface RunSpec {
  label: string;
  args: string[];
  env: Record<string, string>;
}

const MOCK: RunSpec = { label: 'npm run conformance (mock)', args: ['run', 'conformance'], env: {} };
const QUIRKED: RunSpec = {
  label: `npm run conformance (mock+${COMPARE_QUIRK})`,
  args: ['run', 'conformance'],
  env: { [MOCK_ENV.quirks]: COMPARE_QUIRK },
};
const COMPARE: RunSpec = {
  label: `npm run compare -- mock mock+${COMPARE_QUIRK}`,
  args: ['run', 'compare', '--', 'mock', `mock+${COMPARE_QUIRK}`],
  env: {},
};

function differingOf(env: NodeJS.ProcessEnv): string[] {
  const file = path.join(env[VARIABLES.reportsDir.name] ?? '', 'compare', 'compare-matrix.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as CompareMatrix).differing
    : ['(no compare matrix)'];
}

function targetNotes(differing: readonly string[][]): string[] {
  const expected = [...(DEFECT_TARGETS[COMPARE_QUIRK] ?? [])].sort().join(', ');
  return differing.map((ids, index) => {
    const got = [...ids].sort().join(', ');
    return got === expected
      ? `Round ${index + 1}: the verdicts differed in exactly the quirk's targets (${expected}).`
      : `Round ${index + 1}: the verdicts differed in **${got || 'nothing'}**, but the quirk targets ${expected}.`;
  });
}

export async function runCompare(ctx: BenchContext): Promise<CompareSection> {
  const { options, log } = ctx;
  const logDir = path.join(options.workDir, 'logs');
  const runs: SuiteRun[] = [];
  const perRound: number[] = [];
  const differing: string[][] = [];
  const env = (spec: RunSpec): NodeJS.ProcessEnv => bundledMockEnv(options.workDir, spec.env);
  for (let round = 0; round < options.scalingRounds; round++) {
    const wall = new Map<RunSpec, number>();
    for (const spec of interleave([COMPARE, MOCK, QUIRKED], round)) {
      const run = await timedRun(spec.label, 'npm', spec.args, env(spec), logDir, RUN_TIMEOUT_MS);
      runs.push(run);
      // Read now: the next run starts from an empty reports folder.
      if (spec === COMPARE) differing.push(differingOf(env(spec)));
      wall.set(spec, run.wallMs);
      log(`  round ${round + 1} ${spec.label}: ${describeRun(run)}`);
    }
    perRound.push(
      ratio(wall.get(COMPARE) ?? Number.NaN, (wall.get(MOCK) ?? Number.NaN) + (wall.get(QUIRKED) ?? Number.NaN)),
    );
  }
  const medianOf = (spec: RunSpec): number =>
    median(runs.filter((run) => run.label === spec.label).map((run) => run.wallMs));
  const medianRatio = median(perRound);
  // The quirk run and the comparison exit 1 by design (a failed MUST requirement; targets that differ).
  const unexpected = runs.filter((run) => run.exitCode !== (run.label === MOCK.label ? 0 : 1));
  return {
    runs,
    quirk: COMPARE_QUIRK,
    perRound,
    medianRatio,
    medianCompareMs: medianOf(COMPARE),
    medianSumOfRunsMs: medianOf(MOCK) + medianOf(QUIRKED),
    target: TARGET_RATIO,
    met: medianRatio <= TARGET_RATIO,
    differing,
    notes: [
      ...unexpected.map(
        (run) =>
          `${run.label} exited ${run.exitCode ?? 'by a signal'} (expected ${run.label === MOCK.label ? 0 : 1}); see ${run.logFile}.`,
      ),
      ...targetNotes(differing),
    ],
  };
}
