import {
  AREAS,
  REQUIREMENTS,
  REQUIREMENT_TAG_PATTERN,
  isRequirementId,
  type Level,
  type Requirement,
} from '../requirements';
import { EXIT_CODES } from './exit-codes';
import type { KnownDeviation } from './known-deviations';
import type { RunRecord, TestOutcome, TestRecord } from './run-record';

export const VERDICTS = [
  'failed',
  'warning',
  'known deviation',
  'deviation fixed',
  'passed',
  'not applicable',
  'not run',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface TestRef {
  title: string;
  location: string;
  outcome: TestOutcome;
  failedAttempt: boolean;
  skipReasons: string[];
  error?: string;
}

export interface RequirementRow {
  id: string;
  level: Level;
  area: string;
  text: string;
  verdict: Verdict;
  reason: string;
  deviation?: KnownDeviation;
  tests: TestRef[];
}

/**
 * failed: a MUST requirement failed or something failed outside the requirements (this wins).
 * incomplete: nothing failed, but a MUST requirement that a complete run always checks went unchecked.
 * passed: neither.
 * interrupted: stopped by Ctrl-C or a signal before it finished; whatever it checked says nothing about the rest.
 */
export type RunStatus = 'passed' | 'failed' | 'incomplete' | 'interrupted';

/** A run of chosen tests (`--grep`, a file, one shard…): its verdict speaks for those tests only. */
export interface RunSelection {
  /** What chose them: `--grep @DJ-404`, `--shard 1/2`… */
  by: string[];
  /** Requirements with at least one test in the run, of the catalogue's. */
  requirementsRun: number;
  requirementsTotal: number;
}

/** A MUST requirement marked `always` in the catalogue that this run did not check, with why and how to check it. */
export interface UncheckedRequirement {
  id: string;
  level: Level;
  text: string;
  why: string;
  fix: string;
}

export interface Matrix {
  kind: 'adt-conformance-matrix';
  version: 1;
  generatedAt: string;
  status: RunStatus;
  statusReason: string;
  /** null (absent in older matrices): every test of the suite was selected, a merge of every shard included. */
  selection?: RunSelection | null;
  /** The run stopped before any test (target unreachable, no credential): why, in a few words; null otherwise. */
  unusableTarget?: string | null;
  /** Listed whenever there are any, also when the run failed: a failed run can be incomplete as well. */
  unchecked: UncheckedRequirement[];
  /** ADT_ACCEPT_INCOMPLETE=1: an incomplete run exits 0; its verdict still says INCOMPLETE. */
  incompleteAccepted: boolean;
  runs: { shard: RunRecord['shard']; playwrightStatus: string }[];
  environment: Record<string, string>;
  deviationsFile: string | null;
  counts: Record<Verdict, number>;
  requirements: RequirementRow[];
  /** Errors outside any requirement: global setup, worker crashes, failing tests without a known requirement tag. */
  runErrors: string[];
  notices: string[];
}

export function requirementIdsOf(tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const id = REQUIREMENT_TAG_PATTERN.exec(tag)?.[1];
    return id !== undefined && isRequirementId(id) ? [id] : [];
  });
}

const OUTCOME_RANK: Record<TestOutcome, number> = { failed: 3, passed: 2, interrupted: 1, skipped: 0 };

/** The same test reported twice (e.g. a shard collected twice) keeps its worst outcome. */
function mergeTests(records: RunRecord[]): TestRecord[] {
  const byId = new Map<string, TestRecord>();
  for (const test of records.flatMap((r) => r.tests)) {
    const previous = byId.get(test.id);
    if (!previous || OUTCOME_RANK[test.outcome] > OUTCOME_RANK[previous.outcome]) {
      byId.set(test.id, { ...test, failedAttempt: test.failedAttempt || (previous?.failedAttempt ?? false) });
    } else if (test.failedAttempt) {
      previous.failedAttempt = true;
    }
  }
  return [...byId.values()];
}

const failedForReal = (t: TestRef): boolean => t.outcome === 'failed' || (t.outcome === 'passed' && t.failedAttempt);

function describeFailure(tests: TestRef[]): string {
  const failed = tests.filter(failedForReal);
  const first = failed[0];
  if (!first) return '';
  const detail =
    first.outcome === 'passed'
      ? 'failed on an earlier attempt, passed on retry (flaky)'
      : (first.error ?? 'failed without an error message');
  return `${detail} (${failed.length} of ${tests.length} test(s) failed; first: ${first.title})`;
}

function skipSummary(tests: TestRef[]): string {
  const reasons = [
    ...new Set(tests.flatMap((t) => (t.skipReasons.length > 0 ? t.skipReasons : ['skipped without a reason']))),
  ];
  return `all ${tests.length} test(s) skipped: ${reasons.join('; ')}`;
}

function judge(
  level: Level,
  tests: TestRef[],
  deviation: KnownDeviation | undefined,
  deviationsFile: string | null,
): [Verdict, string] {
  if (tests.length === 0)
    return [
      'not run',
      'no test for it ran in this run (filtered by --grep/--shard, the run stopped early, or it has no test yet)',
    ];
  if (tests.some(failedForReal)) {
    const failure = describeFailure(tests);
    if (deviation)
      return ['known deviation', `known deviation: ${deviation.reason} (${deviation.link}). Failure: ${failure}`];
    return [level === 'MUST' ? 'failed' : 'warning', failure];
  }
  const passed = tests.filter((t) => t.outcome === 'passed').length;
  if (passed > 0) {
    if (deviation) {
      return [
        'deviation fixed',
        `listed as a known deviation in ${deviationsFile ?? 'the deviations file'} but all its tests pass: remove it from the list`,
      ];
    }
    const skipped = tests.length - passed;
    return ['passed', `${passed} test(s) passed${skipped > 0 ? `, ${skipped} skipped (not counted)` : ''}`];
  }
  if (tests.some((t) => t.outcome === 'interrupted'))
    return ['not run', 'the run was interrupted before its tests finished'];
  return ['not applicable', skipSummary(tests)];
}

function toRef(test: TestRecord): TestRef {
  const ref: TestRef = {
    title: test.title,
    location: test.location,
    outcome: test.outcome,
    failedAttempt: test.failedAttempt,
    skipReasons: test.skipReasons,
  };
  if (test.error !== undefined) ref.error = test.error;
  return ref;
}

function mergeDeviations(records: RunRecord[]): Map<string, KnownDeviation> {
  const map = new Map<string, KnownDeviation>();
  for (const deviation of records.flatMap((r) => r.deviations))
    if (!map.has(deviation.id)) map.set(deviation.id, deviation);
  return map;
}

function shardName(record: RunRecord): string {
  return record.shard ? `shard ${record.shard.current}/${record.shard.total}` : 'run';
}

function runLevelErrors(records: RunRecord[], tests: TestRecord[]): string[] {
  const errors = records.flatMap((r) => r.runErrors.map((e) => (records.length > 1 ? `${shardName(r)}: ${e}` : e)));
  for (const record of records) {
    if (record.playwrightStatus === 'interrupted' || record.playwrightStatus === 'timedout') {
      errors.push(`${shardName(record)} ended as ${record.playwrightStatus}`);
    }
  }
  for (const test of tests) {
    if (requirementIdsOf(test.tags).length === 0 && failedForReal(test)) {
      errors.push(
        `${test.title} (${test.location}) failed and names no requirement of the catalogue: ${test.error ?? 'no message'}`,
      );
    }
  }
  return errors;
}

/** The shard numbers present per split size (`--shard i/total`), sorted. */
function shardsPresent(records: RunRecord[]): Map<number, number[]> {
  const present = new Map<number, Set<number>>();
  for (const { shard } of records)
    if (shard) present.set(shard.total, (present.get(shard.total) ?? new Set()).add(shard.current));
  return new Map([...present].map(([total, currents]) => [total, [...currents].sort((a, b) => a - b)]));
}

function missingShards(records: RunRecord[]): string[] {
  return [...shardsPresent(records)].flatMap(([total, present]) => {
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !present.includes(i));
    return missing.length > 0
      ? [`results of shard(s) ${missing.join(', ')} of ${total} are missing: the combined verdict is incomplete`]
      : [];
  });
}

/** Shards of a split that are not all here: `--shard 1/2`, or `--shard 1,3/4` for a merge lacking some. */
function partialShards(records: RunRecord[]): string[] {
  return [...shardsPresent(records)].flatMap(([total, present]) =>
    present.length < total ? [`--shard ${present.join(',')}/${total}`] : [],
  );
}

function selectionOf(records: RunRecord[], requirements: readonly RequirementRow[]): RunSelection | null {
  const by = [...new Set(records.flatMap((r) => r.selectedBy ?? [])), ...partialShards(records)];
  if (by.length === 0) return null;
  return {
    by,
    requirementsRun: requirements.filter((r) => r.tests.length > 0).length,
    requirementsTotal: requirements.length,
  };
}

/** `selected tests only: 5 of 38 requirements run`: what qualifies every verdict of a run of chosen tests. */
export function selectionText(selection: RunSelection): string {
  return `selected tests only: ${selection.requirementsRun} of ${selection.requirementsTotal} requirements run`;
}

/** The run verdict in a word, qualified when it speaks for chosen tests only: `PASSED (selected tests only: …)`. */
export function verdictHeadline(matrix: Pick<Matrix, 'status' | 'selection'>): string {
  const status = matrix.status.toUpperCase();
  return matrix.selection ? `${status} (${selectionText(matrix.selection)})` : status;
}

export interface MatrixOptions {
  /** A merge of shards must hold every shard of the run; a single shard's own matrix naturally lacks the others. */
  requireAllShards?: boolean;
  /** ADT_ACCEPT_INCOMPLETE=1 (SuiteConfig.reports.acceptIncomplete). */
  acceptIncomplete?: boolean;
  now?: Date;
}

/** For a requirement that needs a delete job: the ways to give the run one (accepting the gap is said beside it). */
export const JOB_FIX =
  'give the run a delete job to check: on a throwaway instance only (a delete job wipes every model, twin and relationship), run one, or let the suite create it with ADT_ALLOW_CREATE_DELETE_JOB=1 and ADT_CONFIRM_TARGET_HOST=<host>; or, when the target knows a job its List does not show, name it with ADT_DELETE_JOB_ID=<id>';
const SKIP_FIX = 'remove what made its tests skip (the reason above) and run again';

/** Passed (or incomplete and accepted), failed, incomplete: see EXIT_CODES. Exit 2 (configuration) never gets this far. */
export const INCOMPLETE_EXIT_CODE = EXIT_CODES.incomplete.code;
export const INTERRUPTED_EXIT = EXIT_CODES.interrupted.code;

export function exitCodeOf(matrix: Pick<Matrix, 'status' | 'incompleteAccepted'>): number {
  if (matrix.status === 'failed') return EXIT_CODES.failed.code;
  if (matrix.status === 'incomplete') return matrix.incompleteAccepted ? EXIT_CODES.passed.code : INCOMPLETE_EXIT_CODE;
  if (matrix.status === 'interrupted') return INTERRUPTED_EXIT;
  return EXIT_CODES.passed.code;
}

/** Why the tests of a requirement were skipped, without the prefix every not-applicable skip carries. */
export function whyUnchecked(row: RequirementRow): string {
  const reasons = [...new Set(row.tests.flatMap((t) => t.skipReasons).map((r) => r.replace(/^Not applicable: /, '')))];
  return reasons.length > 0 ? reasons.join('; ') : row.reason;
}

/** The MUST requirements a complete run always checks, left not applicable by this run. */
function uncheckedOf(requirements: readonly RequirementRow[]): UncheckedRequirement[] {
  const catalogue = new Map<string, Requirement>(REQUIREMENTS.map((r) => [r.id, r]));
  return requirements.flatMap((row) => {
    const applies = catalogue.get(row.id)?.applies;
    if (row.level !== 'MUST' || row.verdict !== 'not applicable' || applies?.kind !== 'always') return [];
    return [
      {
        id: row.id,
        level: row.level,
        text: row.text,
        why: whyUnchecked(row),
        fix: applies.needs === 'job' ? JOB_FIX : SKIP_FIX,
      },
    ];
  });
}

interface Judged {
  failedMust: string[];
  runErrors: string[];
  unchecked: UncheckedRequirement[];
  selection: RunSelection | null;
  unusableTarget: string | null;
}

function statusOf(
  records: RunRecord[],
  { failedMust, runErrors, unchecked, selection, unusableTarget }: Judged,
): [RunStatus, string] {
  const alsoUnchecked =
    unchecked.length > 0 ? `; also INCOMPLETE: ${unchecked.length} MUST requirement(s) not checked` : '';
  const selected = selection ? `${selectionText(selection)}, chosen by ${selection.by.join(' ')}` : undefined;
  const alsoSelected = selected === undefined ? '' : `; ${selected}`;
  if (records.length === 0) return ['failed', 'no run results were found'];
  if (records.some((r) => r.playwrightStatus === 'interrupted'))
    return ['interrupted', 'stopped by Ctrl-C or a signal before it finished'];
  if (unusableTarget !== null) return ['failed', `target unusable: ${unusableTarget}`];
  if (failedMust.length > 0)
    return ['failed', `MUST requirement(s) failed: ${failedMust.join(', ')}${alsoUnchecked}${alsoSelected}`];
  if (runErrors.length > 0)
    return ['failed', `errors outside the requirements (see run errors)${alsoUnchecked}${alsoSelected}`];
  if (unchecked.length > 0) {
    return [
      'incomplete',
      `no MUST requirement failed, but ${unchecked.length} MUST requirement(s) a complete run checks were not checked: ${unchecked.map((u) => u.id).join(', ')}${alsoSelected}`,
    ];
  }
  if (selected !== undefined) return ['passed', `${selected}; no MUST requirement among them failed`];
  return ['passed', 'no MUST requirement failed and every MUST requirement a complete run checks was checked'];
}

/** A run that stopped before any test: its records hold no test, and one says why. */
function unusableTargetOf(records: RunRecord[], tests: TestRecord[]): string | null {
  if (tests.length > 0) return null;
  return records.find((r) => r.unusableTarget !== undefined)?.unusableTarget ?? null;
}

/** Computes one verdict per catalogue requirement from one or more runs (shards). */
export function computeMatrix(records: RunRecord[], options: MatrixOptions = {}): Matrix {
  const now = options.now ?? new Date();
  const tests = mergeTests(records);
  const deviations = mergeDeviations(records);
  const deviationsFile = records.find((r) => r.deviationsFile !== null)?.deviationsFile ?? null;
  const requirements: RequirementRow[] = REQUIREMENTS.map((req) => {
    const behind = tests.filter((t) => requirementIdsOf(t.tags).includes(req.id)).map(toRef);
    const deviation = deviations.get(req.id);
    const [verdict, reason] = judge(req.level, behind, deviation, deviationsFile);
    const row: RequirementRow = {
      id: req.id,
      level: req.level,
      area: AREAS[req.area],
      text: req.text,
      verdict,
      reason,
      tests: behind,
    };
    if (deviation) row.deviation = deviation;
    return row;
  });
  const counts = Object.fromEntries(
    VERDICTS.map((v) => [v, requirements.filter((r) => r.verdict === v).length]),
  ) as Record<Verdict, number>;
  const runErrors = [...runLevelErrors(records, tests), ...(options.requireAllShards ? missingShards(records) : [])];
  const notices = requirements
    .filter((r) => r.verdict === 'deviation fixed')
    .map((r) => `Known deviation ${r.id} now passes: remove it from ${deviationsFile ?? 'the deviations file'}.`);
  const failedMust = requirements.filter((r) => r.verdict === 'failed').map((r) => r.id);
  const unchecked = uncheckedOf(requirements);
  const unusableTarget = unusableTargetOf(records, tests);
  const selection = unusableTarget === null ? selectionOf(records, requirements) : null;
  const [status, statusReason] = statusOf(records, { failedMust, runErrors, unchecked, selection, unusableTarget });
  return {
    kind: 'adt-conformance-matrix',
    version: 1,
    generatedAt: now.toISOString(),
    status,
    statusReason,
    selection,
    unusableTarget,
    unchecked,
    incompleteAccepted: options.acceptIncomplete ?? false,
    runs: records.map((r) => ({ shard: r.shard, playwrightStatus: r.playwrightStatus })),
    environment: records[0]?.environment ?? {},
    deviationsFile,
    counts,
    requirements,
    runErrors,
    notices,
  };
}
