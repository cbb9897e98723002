// The development loop: `npm test` (or another command) timed whole, with the CPU of every process it started.
import { pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { isolatedEnvironment } from '../../../src/cli/spawn-suite';
import type { BenchContext } from '../context';
import { DEFAULT_LOOP_COMMAND } from '../options';
import { machineCpuMs, waitedChildrenCpuMs } from '../processes';
import { median } from '../stats';
import { timedRun } from '../suite-run';

/** The budget of `npm test` on the 2-core development machine (the redesign's part 6). */
export const LOOP_BUDGET_MS = 3 * 60_000;
const LOOP_TIMEOUT_MS = 30 * 60_000;

export interface LoopStep {
  script: string;
  state: string;
  seconds: number;
}

export interface LoopRound {
  wallMs: number;
  exitCode: number | null;
  timedOut: boolean;
  userMs: number;
  systemMs: number;
  /** CPU ÷ wall: how many cores the command's own processes kept busy on average. */
  coresBusy: number;
  /** The whole machine's busy CPU ÷ wall (/proc/stat), kernel threads included: at the core count, saturated. */
  machineCoresBusy: number;
  /** The reference workload just before and just after the run: how fast the host was then. */
  referenceMs: { before: number; after: number };
  /** npm test's own summary (one line per step); empty for a command that prints none. */
  steps: LoopStep[];
  logFile: string;
}

export interface LoopSection {
  command: string;
  cores: number;
  /** Set for npm test only: the wall-time budget each round is held to. */
  budgetMs?: number;
  rounds: LoopRound[];
}

/**
 * A fixed CPU-only workload, timed (median of 3): lower means the host gave a core more speed. Native hashing, so
 * the JIT's warm-up cannot make later rounds look faster than earlier ones.
 */
export function referenceWorkloadMs(): number {
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    pbkdf2Sync('reference workload', 'salt', 1_000_000, 32, 'sha256');
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The `npm test` summary lines, e.g. `  ok      npm run check:drift       1 s`. */
export function parseSteps(output: string): LoopStep[] {
  return [...output.matchAll(/^\s+(ok|FAILED|stopped)\s+npm run (\S+)\s+(\d+) s\b/gm)].map((m) => ({
    state: m[1] ?? '',
    script: m[2] ?? '',
    seconds: Number(m[3]),
  }));
}

export async function runLoop(ctx: BenchContext): Promise<LoopSection> {
  const { options, log } = ctx;
  const command = options.loopCommand;
  const section: LoopSection = {
    command,
    cores: availableParallelism(),
    ...(command === DEFAULT_LOOP_COMMAND ? { budgetMs: LOOP_BUDGET_MS } : {}),
    rounds: [],
  };
  for (let round = 0; round < options.scalingRounds; round++) {
    const before = referenceWorkloadMs();
    const cpuBefore = waitedChildrenCpuMs();
    const machineBefore = machineCpuMs().busy;
    // Through a shell, as the user types it; the run's own settings come from the repo, not the user's target.
    // The log goes beside the report, not in the shared work folder: npm test's own bench self test uses that.
    const run = await timedRun(
      `loop-${round + 1}`,
      '/bin/sh',
      ['-c', command],
      isolatedEnvironment(),
      path.join(options.outDir, 'loop'),
      LOOP_TIMEOUT_MS,
    );
    const cpuAfter = waitedChildrenCpuMs();
    const machineCoresBusy = (machineCpuMs().busy - machineBefore) / run.wallMs;
    const after = referenceWorkloadMs();
    const userMs = cpuAfter.user - cpuBefore.user;
    const systemMs = cpuAfter.system - cpuBefore.system;
    const result: LoopRound = {
      wallMs: run.wallMs,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      userMs,
      systemMs,
      coresBusy: (userMs + systemMs) / run.wallMs,
      machineCoresBusy,
      referenceMs: { before, after },
      steps: parseSteps(readFileSync(run.logFile, 'utf8')),
      logFile: run.logFile,
    };
    section.rounds.push(result);
    log(
      `  round ${round + 1}: ${(run.wallMs / 1000).toFixed(0)} s wall, exit ${run.exitCode ?? 'signal'}; CPU ${((userMs + systemMs) / 1000).toFixed(0)} core-s, ${result.coresBusy.toFixed(2)} of ${section.cores} cores busy (the machine ${machineCoresBusy.toFixed(2)}); reference workload ${before.toFixed(0)} / ${after.toFixed(0)} ms`,
    );
  }
  return section;
}
