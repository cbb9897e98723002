import { AREAS, REQUIREMENTS, REQUIREMENT_TAG_PATTERN, isRequirementId, type Level, type Requirement } from '../requirements';
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
    first.outcome === 'passed' ? 'failed on an earlier attempt, passed on retry (flaky)' : (first.error ?? 'failed without an error message');
  return `${detail} (${failed.length} of ${tests.length} test(s) failed; first: ${first.title})`;
}

function skipSummary(tests: TestRef[]): string {
  const reasons = [...new Set(tests.flatMap((t) => (t.skipReasons.length > 0 ? t.skipReasons : ['skipped without a reason'])))];
  return `all ${tests.length} test(s) skipped: ${reasons.join('; ')}`;
}

function judge(level: Level, tests: TestRef[], deviation: KnownDeviation | undefined, deviationsFile: string | null): [Verdict, string] {
  if (tests.length === 0) return ['not run', 'no test for it ran in this run (filtered by --grep/--shard, the run stopped early, or it has no test yet)'];
  if (tests.some(failedForReal)) {
    const failure = describeFailure(tests);
    if (deviation) return ['known deviation', `known deviation: ${deviation.reason} (${deviation.link}). Failure: ${failure}`];
    return [level === 'MUST' ? 'failed' : 'warning', failure];
  }
  const passed = tests.filter((t) => t.outcome === 'passed').length;
  if (passed > 0) {
    if (deviation) {
      return ['deviation fixed', `listed as a known deviation in ${deviationsFile ?? 'the deviations file'} but all its tests pass: remove it from the list`];
    }
    const skipped = tests.length - passed;
    return ['passed', `${passed} test(s) passed${skipped > 0 ? `, ${skipped} skipped (not counted)` : ''}`];
  }
  if (tests.some((t) => t.outcome === 'interrupted')) return ['not run', 'the run was interrupted before its tests finished'];
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
  for (const deviation of records.flatMap((r) => r.deviations)) if (!map.has(deviation.id)) map.set(deviation.id, deviation);
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
      errors.push(`${test.title} (${test.location}) failed and names no requirement of the catalogue: ${test.error ?? 'no message'}`);
    }
  }
  return errors;
}

function missingShards(records: RunRecord[]): string[] {
  const totals = new Set(records.flatMap((r) => (r.shard ? [r.shard.total] : [])));
  return [...totals].flatMap((total) => {
    const present = new Set(records.flatMap((r) => (r.shard?.total === total ? [r.shard.current] : [])));
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !present.has(i));
    return missing.length > 0 ? [`results of shard(s) ${missing.join(', ')} of ${total} are missing: the combined verdict is incomplete`] : [];
  });
}

export interface MatrixOptions {
  /** A merge of shards must hold every shard of the run; a single shard's own matrix naturally lacks the others. */
  requireAllShards?: boolean;
  /** ADT_ACCEPT_INCOMPLETE=1 (SuiteConfig.reports.acceptIncomplete). */
  acceptIncomplete?: boolean;
  now?: Date;
}

export const JOB_FIX =
  'name an existing delete job with ADT_DELETE_JOB_ID=<id>, or, on a throwaway instance only, let the suite create one with ADT_ALLOW_CREATE_DELETE_JOB=1 and ADT_CONFIRM_TARGET_HOST=<host> (creating a delete job wipes the instance)';
const SKIP_FIX = 'remove what made its tests skip (the reason above) and run again';

/** 0 passed (or incomplete and accepted), 1 failed, 3 incomplete. Exit 2 (configuration) never gets this far. */
export const INCOMPLETE_EXIT_CODE = 3;
/** 128 + SIGINT, what a shell reports for Ctrl-C: the run was stopped, by the user or a signal. */
export const INTERRUPTED_EXIT = 130;

export function exitCodeOf(matrix: Pick<Matrix, 'status' | 'incompleteAccepted'>): number {
  if (matrix.status === 'failed') return 1;
  if (matrix.status === 'incomplete') return matrix.incompleteAccepted ? 0 : INCOMPLETE_EXIT_CODE;
  if (matrix.status === 'interrupted') return INTERRUPTED_EXIT;
  return 0;
}

/** Why the tests of a requirement were skipped, without the prefix every not-applicable skip carries. */
function whyUnchecked(row: RequirementRow): string {
  const reasons = [...new Set(row.tests.flatMap((t) => t.skipReasons).map((r) => r.replace(/^Not applicable: /, '')))];
  return reasons.length > 0 ? reasons.join('; ') : row.reason;
}

/** The MUST requirements a complete run always checks, left not applicable by this run. */
function uncheckedOf(requirements: readonly RequirementRow[]): UncheckedRequirement[] {
  const catalogue = new Map<string, Requirement>(REQUIREMENTS.map((r) => [r.id, r]));
  return requirements.flatMap((row) => {
    const applies = catalogue.get(row.id)?.applies;
    if (row.level !== 'MUST' || row.verdict !== 'not applicable' || applies?.kind !== 'always') return [];
    return [{ id: row.id, level: row.level, text: row.text, why: whyUnchecked(row), fix: applies.needs === 'job' ? JOB_FIX : SKIP_FIX }];
  });
}

function statusOf(records: RunRecord[], failedMust: string[], runErrors: string[], unchecked: UncheckedRequirement[]): [RunStatus, string] {
  const alsoUnchecked = unchecked.length > 0 ? `; also INCOMPLETE: ${unchecked.length} MUST requirement(s) not checked` : '';
  if (records.length === 0) return ['failed', 'no run results were found'];
  if (records.some((r) => r.playwrightStatus === 'interrupted')) return ['interrupted', 'stopped by Ctrl-C or a signal before it finished'];
  if (failedMust.length > 0) return ['failed', `MUST requirement(s) failed: ${failedMust.join(', ')}${alsoUnchecked}`];
  if (runErrors.length > 0) return ['failed', `errors outside the requirements (see run errors)${alsoUnchecked}`];
  if (unchecked.length > 0) {
    return ['incomplete', `no MUST requirement failed, but ${unchecked.length} MUST requirement(s) a complete run checks were not checked: ${unchecked.map((u) => u.id).join(', ')}`];
  }
  return ['passed', 'no MUST requirement failed and every MUST requirement a complete run checks was checked'];
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
    const row: RequirementRow = { id: req.id, level: req.level, area: AREAS[req.area], text: req.text, verdict, reason, tests: behind };
    if (deviation) row.deviation = deviation;
    return row;
  });
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, requirements.filter((r) => r.verdict === v).length])) as Record<Verdict, number>;
  const runErrors = [...runLevelErrors(records, tests), ...(options.requireAllShards ? missingShards(records) : [])];
  const notices = requirements
    .filter((r) => r.verdict === 'deviation fixed')
    .map((r) => `Known deviation ${r.id} now passes: remove it from ${deviationsFile ?? 'the deviations file'}.`);
  const failedMust = requirements.filter((r) => r.verdict === 'failed').map((r) => r.id);
  const unchecked = uncheckedOf(requirements);
  const [status, statusReason] = statusOf(records, failedMust, runErrors, unchecked);
  return {
    kind: 'adt-conformance-matrix',
    version: 1,
    generatedAt: now.toISOString(),
    status,
    statusReason,
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
