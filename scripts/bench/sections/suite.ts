// Suite overhead: a full conformance run against the bundled mock vs the floor (one trivial test, same mock).
import path from 'node:path';
import { interleave, type BenchContext } from '../context';
import { median, ratio } from '../stats';
import { bundledMockEnv, describeRun, timedRun, type SuiteRun } from '../suite-run';

export interface SuiteSection {
  runs: SuiteRun[];
  full: { command: string; medianMs: number };
  floor: { command: string; medianMs: number };
  perRound: number[];
  medianRatio: number;
  target: number;
  met: boolean;
  notes: string[];
}

export const FLOOR_CONFIG = path.join('scripts', 'bench', 'floor', 'playwright.floor.config.ts');
const TARGET_RATIO = 2;
const RUN_TIMEOUT_MS = 15 * 60_000;

const FULL = { label: 'full: npm run conformance', command: 'npm', args: ['run', 'conformance'] };
const FLOOR = { label: 'floor: one trivial test', command: 'npx', args: ['playwright', 'test', '--config', FLOOR_CONFIG] };

export async function runSuite(ctx: BenchContext): Promise<SuiteSection> {
  const { options, log } = ctx;
  const env = bundledMockEnv(options.workDir);
  const logDir = path.join(options.workDir, 'logs');
  const runs: SuiteRun[] = [];
  const perRound: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const pair = new Map<string, SuiteRun>();
    for (const spec of interleave([FULL, FLOOR], round)) {
      const run = await timedRun(spec.label, spec.command, spec.args, env, logDir, RUN_TIMEOUT_MS);
      runs.push(run);
      pair.set(spec.label, run);
      log(`  round ${round + 1} ${spec.label}: ${describeRun(run)}`);
    }
    perRound.push(ratio(pair.get(FULL.label)?.wallMs ?? Number.NaN, pair.get(FLOOR.label)?.wallMs ?? Number.NaN));
  }
  const notes: string[] = [];
  const bad = runs.filter((run) => run.exitCode !== 0);
  if (bad.length > 0) {
    notes.push(`${bad.length} run(s) did not exit 0 (failing tests or a crash); see ${bad.map((run) => run.logFile).filter((file, i, all) => all.indexOf(file) === i).join(', ')}.`);
  }
  const medianRatio = median(perRound);
  const medianOf = (label: string): number => median(runs.filter((run) => run.label === label).map((run) => run.wallMs));
  return {
    runs,
    full: { command: [FULL.command, ...FULL.args].join(' '), medianMs: medianOf(FULL.label) },
    floor: { command: [FLOOR.command, ...FLOOR.args].join(' '), medianMs: medianOf(FLOOR.label) },
    perRound,
    medianRatio,
    target: TARGET_RATIO,
    met: medianRatio <= TARGET_RATIO,
    notes,
  };
}
