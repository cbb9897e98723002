import type { Variant, VariantKind } from './variants';

/** The part of the conformance matrix (src/reporting/verdicts.ts) the proof reads. */
export interface MatrixView {
  status: 'passed' | 'failed' | 'incomplete' | 'interrupted';
  statusReason: string;
  runErrors: readonly string[];
  requirements: readonly {
    id: string;
    level: 'MUST' | 'SHOULD';
    verdict: string;
    reason: string;
  }[];
}

/** What one run of the suite against one variant left behind. */
export interface RunResult {
  /** The suite's exit code; null when it was killed (timeout, signal). */
  exitCode: number | null;
  matrix: MatrixView | undefined;
  durationMs: number;
  /** Why the run could not be judged (mock did not start, timeout, no matrix written). */
  error?: string;
  /** Where the suite's output of this run is kept. */
  logFile?: string;
  /** Set when the run's recording was replayed: requirements whose verdict differed there (replay defects). */
  replay?: {
    defects: readonly { id: string; recorded: string; replayed: string }[];
    error?: string;
    durationMs: number;
  };
}

export type Outcome = 'killed' | 'survived' | 'passed' | 'false failure' | 'broken run';

export interface VariantVerdict {
  name: string;
  kind: VariantKind;
  description: string;
  targets: readonly string[];
  outcome: Outcome;
  /** True when the variant proves what it should: a defect killed, a benign variant or the baseline passed. */
  ok: boolean;
  /** Targets whose requirement failed (MUST) or warned (SHOULD). */
  killedBy: string[];
  missedTargets: string[];
  /** Requirements that failed or warned although the variant does not target them. */
  collateral: string[];
  failedMust: string[];
  warnings: string[];
  notApplicable: string[];
  exitCode: number | null;
  durationMs: number;
  /** Why the variant is not ok, in words; also notes on a killed defect (e.g. run errors). */
  problems: string[];
  /** For failures: requirement id and the matrix's reason, so a false failure can be read without opening files. */
  failureReasons: Record<string, string>;
  logFile?: string;
  /** `identical` when the run's recording was replayed with the same verdicts; absent when it was not replayed. */
  replayParity?: 'identical' | 'differs';
  /** Set on the end-to-end sample: a real `npm run conformance` run rather than the in-process proof. */
  layer?: 'end-to-end';
  /** Requirements the end-to-end run checked with another verdict than the in-process run gave them. */
  layerDisagreements?: string[];
}

export interface JudgeOptions {
  /** The in-process proof runs every check against every variant, so a defect must fail exactly its targets. */
  collateralIsAProblem?: boolean;
}

/**
 * Requirements the real run checked (not "not run": the end-to-end sample runs a defect's targets only) that got
 * another verdict there than in the in-process run.
 */
export function layerDisagreements(inProcess: VariantVerdict, matrix: MatrixView | undefined): string[] {
  if (matrix === undefined) return [];
  const failingInProcess = new Set([...inProcess.failedMust, ...inProcess.warnings]);
  return matrix.requirements
    .filter((row) => row.verdict !== 'not run')
    .filter((row) => FAILING_VERDICTS.has(row.verdict) !== failingInProcess.has(row.id))
    .map(
      (row) =>
        `${row.id} (${row.verdict} end to end, ${failingInProcess.has(row.id) ? 'failing' : 'not failing'} in process)`,
    );
}

const FAILING_VERDICTS = new Set(['failed', 'warning', 'known deviation']);
/** Playwright's note when --max-failures stops a run (fast mode): expected for a defect, not a problem. */
const STOPPED_EARLY = /^Testing stopped early after \d+ maximum allowed failures?\.?$/;

function exitDescription(exitCode: number | null): string {
  return exitCode === null ? 'was killed before it exited' : `exited with ${exitCode}`;
}

/** Judges one run: did the defect get caught by its own requirement, did the correct server pass untouched? */
export function judgeVariant(variant: Variant, run: RunResult, options: JudgeOptions = {}): VariantVerdict {
  const base = {
    name: variant.name,
    kind: variant.kind,
    description: variant.description,
    targets: variant.targets,
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    ...(run.logFile === undefined ? {} : { logFile: run.logFile }),
  };
  const matrix = run.matrix;
  if (!matrix) {
    return {
      ...base,
      outcome: 'broken run',
      ok: false,
      killedBy: [],
      missedTargets: [...variant.targets],
      collateral: [],
      failedMust: [],
      warnings: [],
      notApplicable: [],
      problems: [run.error ?? `the suite ${exitDescription(run.exitCode)} and wrote no conformance matrix`],
      failureReasons: {},
    };
  }
  const failing = matrix.requirements.filter((row) => FAILING_VERDICTS.has(row.verdict));
  const failingIds = failing.map((row) => row.id);
  const failedMust = failing.filter((row) => row.level === 'MUST').map((row) => row.id);
  const warnings = failing.filter((row) => row.level === 'SHOULD').map((row) => row.id);
  const notApplicable = matrix.requirements.filter((row) => row.verdict === 'not applicable').map((row) => row.id);
  const failureReasons = Object.fromEntries(failing.map((row) => [row.id, row.reason]));
  const killedBy = variant.targets.filter((id) => failingIds.includes(id));
  const missedTargets = variant.targets.filter((id) => !failingIds.includes(id));
  const collateral = failingIds.filter((id) => !variant.targets.includes(id));
  const suiteFailed = run.exitCode !== 0;
  const problems: string[] = [];

  if (run.error !== undefined) problems.push(run.error);
  if (suiteFailed !== (matrix.status !== 'passed')) {
    problems.push(
      `the suite ${exitDescription(run.exitCode)} but its matrix says the run ${matrix.status} (${failedMust.length} MUST failure(s))`,
    );
  }
  // A correct server must be checked completely: INCOMPLETE there means the suite lost coverage.
  if (variant.kind !== 'defect' && matrix.status === 'incomplete')
    problems.push(`the run is INCOMPLETE on a correct server: ${matrix.statusReason}`);
  const runErrors =
    variant.kind === 'defect' ? matrix.runErrors.filter((error) => !STOPPED_EARLY.test(error)) : matrix.runErrors;
  problems.push(...runErrors.map((error) => `run error: ${error}`));

  let outcome: Outcome;
  if (variant.kind === 'defect') {
    const mustTargeted = variant.targets.some(
      (id) => matrix.requirements.find((row) => row.id === id)?.level === 'MUST',
    );
    if (missedTargets.length > 0) {
      outcome = 'survived';
      problems.unshift(
        `no failing test for ${missedTargets.join(', ')}${failingIds.length > 0 ? ` (failing instead: ${failingIds.join(', ')})` : ''}`,
      );
    } else if (mustTargeted && !suiteFailed) {
      outcome = 'survived';
      problems.unshift(
        `${killedBy.join(', ')} failed but the suite ${exitDescription(run.exitCode)}, so a user would see a passing run`,
      );
    } else {
      outcome = 'killed';
      const said = killedBy.map((id) => failureReasons[id] ?? '').join('\n');
      if (variant.expectedMessage !== undefined && !variant.expectedMessage.test(said)) {
        problems.push(
          `the failure does not explain the defect: expected a message matching ${String(variant.expectedMessage)}, got ${JSON.stringify(said)}`,
        );
      }
      if (!mustTargeted && failedMust.length === 0 && suiteFailed)
        problems.push(
          `only SHOULD requirements failed, yet the suite ${exitDescription(run.exitCode)}: SHOULD failures must be warnings`,
        );
      if (options.collateralIsAProblem === true && collateral.length > 0) {
        problems.push(
          `fails ${failingIds.length} requirement(s) where it targets ${variant.targets.length}: ${collateral.join(', ')} also failed (one root cause must be reported once)`,
        );
      }
    }
  } else if (suiteFailed || failing.length > 0 || matrix.runErrors.length > 0) {
    outcome = 'false failure';
    if (failing.length > 0) problems.unshift(`failing on a correct server: ${failingIds.join(', ')}`);
  } else {
    outcome = 'passed';
  }
  if (run.replay?.error !== undefined) problems.push(`replay of the recording: ${run.replay.error}`);
  for (const defect of run.replay?.defects ?? [])
    problems.push(
      `replay defect: ${defect.id} was ${defect.recorded} in the recorded run, ${defect.replayed} against its replay`,
    );
  const replayParity =
    run.replay === undefined
      ? {}
      : {
          replayParity:
            run.replay.error === undefined && run.replay.defects.length === 0
              ? ('identical' as const)
              : ('differs' as const),
        };
  const ok = (outcome === 'killed' || outcome === 'passed') && problems.length === 0;
  return {
    ...base,
    ...replayParity,
    outcome,
    ok,
    killedBy,
    missedTargets,
    collateral,
    failedMust,
    warnings,
    notApplicable,
    problems,
    failureReasons,
  };
}

export interface ProofSummary {
  defects: number;
  killed: number;
  survivors: string[];
  /** Benign variants and the baseline. */
  correctServers: number;
  falseFailures: string[];
  brokenRuns: string[];
  /** Variants whose outcome is right but that raised a problem (e.g. an exit code that disagrees with the matrix). */
  withProblems: string[];
  /** End-to-end runs that did not prove what they should, or disagreed with the in-process proof. */
  endToEndFailures: string[];
  killedPercent: number;
  ok: boolean;
}

export function summarize(
  verdicts: readonly VariantVerdict[],
  uncoveredMust: readonly string[],
  endToEnd: readonly VariantVerdict[] = [],
): ProofSummary {
  const defects = verdicts.filter((v) => v.kind === 'defect');
  const killed = defects.filter((v) => v.outcome === 'killed').length;
  const names = (outcome: Outcome): string[] => verdicts.filter((v) => v.outcome === outcome).map((v) => v.name);
  const withProblems = verdicts
    .filter((v) => !v.ok && (v.outcome === 'killed' || v.outcome === 'passed'))
    .map((v) => v.name);
  const summary = {
    defects: defects.length,
    killed,
    survivors: names('survived'),
    correctServers: verdicts.length - defects.length,
    falseFailures: names('false failure'),
    brokenRuns: names('broken run'),
    withProblems,
    endToEndFailures: endToEnd.filter((v) => !v.ok).map((v) => v.name),
    killedPercent: defects.length === 0 ? 100 : Math.round((killed / defects.length) * 1000) / 10,
  };
  const ok =
    summary.survivors.length === 0 &&
    summary.falseFailures.length === 0 &&
    summary.brokenRuns.length === 0 &&
    withProblems.length === 0 &&
    summary.endToEndFailures.length === 0 &&
    uncoveredMust.length === 0;
  return { ...summary, ok };
}
