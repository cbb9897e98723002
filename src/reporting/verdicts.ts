import { AREAS, REQUIREMENTS, REQUIREMENT_TAG_PATTERN, isRequirementId, type Level } from '../requirements';
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

export interface Matrix {
  kind: 'adt-conformance-matrix';
  version: 1;
  generatedAt: string;
  /** passed when no MUST requirement failed and nothing failed outside the requirements. */
  status: 'passed' | 'failed';
  statusReason: string;
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
  now?: Date;
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
  const status = failedMust.length === 0 && runErrors.length === 0 && records.length > 0 ? 'passed' : 'failed';
  const statusReason =
    records.length === 0
      ? 'no run results were found'
      : failedMust.length > 0
        ? `MUST requirement(s) failed: ${failedMust.join(', ')}`
        : runErrors.length > 0
          ? 'errors outside the requirements (see run errors)'
          : 'no MUST requirement failed';
  return {
    kind: 'adt-conformance-matrix',
    version: 1,
    generatedAt: now.toISOString(),
    status,
    statusReason,
    runs: records.map((r) => ({ shard: r.shard, playwrightStatus: r.playwrightStatus })),
    environment: records[0]?.environment ?? {},
    deviationsFile,
    counts,
    requirements,
    runErrors,
    notices,
  };
}
