import { expect, test } from '@playwright/test';
import { replayDefects } from '../../../src/reporting/replay-parity';
import { suiteEnvironment } from '../../../src/verify/run-variant';
import { judgeVariant, summarize, type MatrixView, type RunResult } from '../../../src/verify/verdict';
import {
  BASELINE,
  coverageOf,
  targetedArgs,
  selectVariants,
  UnknownVariantError,
  type Variant,
} from '../../../src/verify/variants';
import { REQUIREMENTS } from '../../../src/requirements';

/** A matrix as the reporter writes it: every requirement passed except the ones given. */
function matrix(
  verdicts: Record<string, 'failed' | 'warning' | 'not applicable'> = {},
  runErrors: string[] = [],
): MatrixView {
  const requirements = REQUIREMENTS.map((req) => ({
    id: req.id,
    level: req.level,
    verdict: verdicts[req.id] ?? 'passed',
    reason: `reason for ${req.id}`,
  }));
  const failedMust = requirements.some((row) => row.verdict === 'failed');
  return {
    status: failedMust || runErrors.length > 0 ? 'failed' : 'passed',
    statusReason: 'reason of the run verdict',
    runErrors,
    requirements,
  };
}

function run(view: MatrixView | undefined, exitCode: number | null = view?.status === 'failed' ? 1 : 0): RunResult {
  return { exitCode, matrix: view, durationMs: 1000 };
}

const defect = (name: string, targets: string[]): Variant => ({
  name,
  kind: 'defect',
  description: 'A defect.',
  targets,
  quirks: [name],
});
const benign: Variant = {
  name: 'benign-one',
  kind: 'benign',
  description: 'Correct.',
  targets: [],
  quirks: ['benign-one'],
};

test('an INCOMPLETE run on a correct server is not a pass: the suite lost coverage there', () => {
  const incomplete: MatrixView = {
    ...matrix({ 'DJ-200-01': 'not applicable' }),
    status: 'incomplete',
    statusReason: 'DJ-200-01 not checked',
  };
  const verdict = judgeVariant(benign, run(incomplete, 3));
  expect(verdict.ok, 'an incomplete benign run is not ok').toBe(false);
  expect(verdict.problems.join('\n'), 'the problem names the incomplete verdict').toContain(
    'INCOMPLETE on a correct server',
  );
});

test('a defect is killed when its MUST target fails and the suite exits non-zero; other failures are collateral', () => {
  const verdict = judgeVariant(
    defect('february-30', ['DJ-TIME-01']),
    run(matrix({ 'DJ-TIME-01': 'failed', 'DJ-200-02': 'failed' })),
  );
  expect(verdict.outcome, 'killed').toBe('killed');
  expect(verdict.ok, 'nothing to complain about').toBe(true);
  expect(verdict.killedBy, 'the target caught it').toEqual(['DJ-TIME-01']);
  expect(verdict.collateral, 'other failing requirements are collateral').toEqual(['DJ-200-02']);
});

test('a defect caught with a message that does not explain it is a problem of the proof', () => {
  const pinned: Variant = {
    ...defect('no-token-required', ['DJ-AUTH-01']),
    expectedMessage: /must be rejected with 401/,
  };
  const unclear = judgeVariant(pinned, run(matrix({ 'DJ-AUTH-01': 'failed' })));
  expect(unclear.outcome, 'the defect is still caught').toBe('killed');
  expect(unclear.ok, 'but the proof does not accept an unexplained failure').toBe(false);
  expect(unclear.problems.join('\n'), 'the problem quotes the expected message').toContain(
    'the failure does not explain the defect',
  );
  const explained: MatrixView = { ...matrix({ 'DJ-AUTH-01': 'failed' }) };
  explained.requirements = explained.requirements.map((row) =>
    row.id === 'DJ-AUTH-01'
      ? { ...row, reason: 'a request without an Authorization header must be rejected with 401 | Received: 200' }
      : row,
  );
  expect(judgeVariant(pinned, run(explained)).ok, 'a failure that names the defect is accepted').toBe(true);
});

test('a defect survives when its target passes, even if other requirements fail', () => {
  const verdict = judgeVariant(defect('x', ['DJ-TIME-01']), run(matrix({ 'DJ-200-02': 'failed' })));
  expect(verdict.outcome, 'the wrong requirement caught it').toBe('survived');
  expect(verdict.problems[0], 'says what did fail instead').toContain('failing instead: DJ-200-02');
});

test('a defect survives when its MUST target fails but the suite exits 0', () => {
  const verdict = judgeVariant(defect('x', ['DJ-TIME-01']), run(matrix({ 'DJ-TIME-01': 'failed' }), 0));
  expect(verdict.outcome, 'a user would see a passing run').toBe('survived');
});

test('a defect with several targets survives unless every target fails', () => {
  const verdict = judgeVariant(defect('x', ['DJ-TIME-01', 'DJ-TIME-02']), run(matrix({ 'DJ-TIME-01': 'failed' })));
  expect(verdict.outcome, 'one target missed').toBe('survived');
  expect(verdict.missedTargets, 'the missed target').toEqual(['DJ-TIME-02']);
});

test('a SHOULD defect is killed by a warning while the suite exits 0', () => {
  const verdict = judgeVariant(defect('x', ['DJ-APIV-02']), run(matrix({ 'DJ-APIV-02': 'warning' }), 0));
  expect(verdict.outcome, 'killed').toBe('killed');
  expect(verdict.ok, 'a warning is the right way to report a SHOULD').toBe(true);
});

test('a SHOULD failure that fails the run is a problem', () => {
  const verdict = judgeVariant(defect('x', ['DJ-APIV-02']), run(matrix({ 'DJ-APIV-02': 'warning' }), 1));
  expect(verdict.outcome, 'still caught').toBe('killed');
  expect(verdict.ok, 'but SHOULD failures must not fail the run').toBe(false);
});

test('a correct server passes only with exit 0 and no failure or warning at all', () => {
  expect(judgeVariant(benign, run(matrix())).outcome, 'clean run').toBe('passed');
  expect(
    judgeVariant(BASELINE, run(matrix({ 'DJ-TRACE-04': 'not applicable' }))).outcome,
    'not applicable is fine',
  ).toBe('passed');
  const warned = judgeVariant(benign, run(matrix({ 'DJ-TRACE-04': 'warning' }), 0));
  expect(warned.outcome, 'a SHOULD warning on a correct server is a false failure too').toBe('false failure');
  expect(warned.failureReasons, 'the reason is kept for the report').toEqual({
    'DJ-TRACE-04': 'reason for DJ-TRACE-04',
  });
  expect(
    judgeVariant(benign, run(matrix({}, ['global setup failed']))).outcome,
    'errors outside the requirements',
  ).toBe('false failure');
  expect(judgeVariant(benign, run(matrix(), 1)).outcome, 'a non-zero exit').toBe('false failure');
});

test('a run without a matrix is a broken run, for defects and correct servers alike', () => {
  const broken = judgeVariant(defect('x', ['DJ-TIME-01']), {
    exitCode: null,
    matrix: undefined,
    durationMs: 5,
    error: 'the suite did not finish within 300 s',
  });
  expect(broken.outcome, 'cannot be judged').toBe('broken run');
  expect(broken.problems, 'says why').toEqual(['the suite did not finish within 300 s']);
  expect(judgeVariant(benign, run(undefined, 2)).outcome, 'no matrix').toBe('broken run');
});

test('the summary fails on any survivor, false failure, broken run or uncovered MUST requirement', () => {
  const killed = judgeVariant(defect('a', ['DJ-TIME-01']), run(matrix({ 'DJ-TIME-01': 'failed' })));
  const survivor = judgeVariant(defect('b', ['DJ-TIME-02']), run(matrix()));
  const passed = judgeVariant(benign, run(matrix()));
  const falseFailure = judgeVariant(BASELINE, run(matrix({ 'DJ-200-01': 'failed' })));
  expect(summarize([killed, passed], []), 'all good').toMatchObject({
    ok: true,
    defects: 1,
    killed: 1,
    killedPercent: 100,
  });
  expect(summarize([killed, survivor, passed], []), 'a survivor').toMatchObject({
    ok: false,
    survivors: ['b'],
    killedPercent: 50,
  });
  expect(summarize([killed, falseFailure], []), 'a false failure').toMatchObject({
    ok: false,
    falseFailures: ['baseline'],
  });
  expect(summarize([killed, passed], ['DJ-LIST-01']), 'an uncovered MUST requirement').toMatchObject({ ok: false });
});

test('coverage lists MUST requirements without a defect and unknown targets', () => {
  const coverage = coverageOf(
    [defect('a', ['DJ-TIME-01', 'DJ-NOPE-01'])],
    [
      { id: 'DJ-TIME-01', level: 'MUST' },
      { id: 'DJ-TIME-02', level: 'MUST' },
      { id: 'DJ-APIV-02', level: 'SHOULD' },
    ],
  );
  expect(coverage.mustWithoutDefect, 'uncovered MUST').toEqual(['DJ-TIME-02']);
  expect(coverage.shouldWithoutDefect, 'uncovered SHOULD').toEqual(['DJ-APIV-02']);
  expect(coverage.unknownTargets, 'a typo in a target').toEqual(['a → DJ-NOPE-01']);
  expect(coverage.defectsByRequirement['DJ-TIME-01'], 'who targets what').toEqual(['a']);
});

test('--only selects by name and names unknown variants with the known ones', () => {
  const variants = [BASELINE, defect('a', ['DJ-TIME-01']), benign];
  expect(
    selectVariants(variants, ['benign-one', 'baseline']).map((v) => v.name),
    'in registry order',
  ).toEqual(['baseline', 'benign-one']);
  expect(selectVariants(variants, undefined), 'no filter').toHaveLength(3);
  expect(() => selectVariants(variants, ['nope']), 'one clear message').toThrow(UnknownVariantError);
  expect(() => selectVariants(variants, ['nope']), 'lists the known names').toThrow(
    /Unknown variant\(s\) nope in --only\. Known: baseline, a, benign-one/,
  );
});

test('an end-to-end defect run greps exactly the targeted requirement tags and runs them all', () => {
  const args = targetedArgs(defect('a', ['DJ-TIME-01', 'DJ-APIV-02']));
  const grep = new RegExp(args[0]?.replace(/^--grep=/, '') ?? '');
  expect(grep.test('DJ-TIME-01 every *DateTime is a strict RFC 3339 date-time @DJ-TIME-01'), 'a target test').toBe(
    true,
  );
  expect(grep.test('DJ-TIME-02 ordering @DJ-TIME-02'), 'another requirement').toBe(false);
  expect(grep.test('@DJ-TIME-011'), 'a longer id').toBe(false);
  expect(args, 'no failure limit: every target must show its failure').toHaveLength(1);
  expect(targetedArgs(benign), 'correct servers run the whole suite').toEqual([]);
});

test('a defect run that --max-failures stopped early is judged on its tests, not on the stop notice', () => {
  const stopped = matrix({ 'DJ-TIME-01': 'failed' }, ['Testing stopped early after 1 maximum allowed failures.']);
  expect(judgeVariant(defect('x', ['DJ-TIME-01']), run(stopped)).ok, 'killed, no problem').toBe(true);
  expect(judgeVariant(benign, run(stopped)).outcome, 'a correct server that stops early has failed').toBe(
    'false failure',
  );
});

test('each run talks to its own mock only: inherited target, auth, reports and .env settings are replaced', () => {
  const env = suiteEnvironment(
    {
      PATH: '/bin',
      ADT_DELETE_JOB_ID: 'x',
      ADT_KNOWN_DEVIATIONS: 'd.json',
      AZURE_DIGITALTWINS_URL: 'https://prod',
      PW_TEST_REPORTER: 'x',
      DOTENV_CONFIG_PATH: '.env',
    },
    'http://127.0.0.1:1234',
    '/reports/x',
  );
  expect(env, 'the variant settings').toMatchObject({
    PATH: '/bin',
    AZURE_DIGITALTWINS_URL: 'http://127.0.0.1:1234',
    ADT_AUTH: 'token',
    ADT_REPORTS_DIR: '/reports/x',
  });
  expect(env.ADT_DELETE_JOB_ID, 'no inherited job id').toBeUndefined();
  expect(env.ADT_KNOWN_DEVIATIONS, 'no known deviations: they would turn failures into passes').toBeUndefined();
  expect(env.PW_TEST_REPORTER, 'no extra reporters').toBeUndefined();
  expect(env.DOTENV_CONFIG_PATH, 'no user .env: the path names a file that does not exist').toMatch(/no-such\.env$/);
});

test('a replay whose verdicts differ from the recorded run is a replay defect: the variant and the proof fail', () => {
  const baseRun = run(matrix());
  const identical = judgeVariant(BASELINE, { ...baseRun, replay: { defects: [], durationMs: 1 } });
  expect([identical.ok, identical.replayParity], 'same verdicts: nothing to complain about').toEqual([
    true,
    'identical',
  ]);
  const differs = judgeVariant(BASELINE, {
    ...baseRun,
    replay: {
      defects: replayDefects([{ id: 'DJ-LIST-01', verdict: 'passed', reason: '' }], {
        requirements: [{ id: 'DJ-LIST-01', verdict: 'failed' }],
      }),
      durationMs: 1,
    },
  });
  expect([differs.ok, differs.replayParity], 'a verdict the replay changed').toEqual([false, 'differs']);
  expect(differs.problems, 'the problem names the requirement with both verdicts').toContain(
    'replay defect: DJ-LIST-01 was passed in the recorded run, failed against its replay',
  );
  expect(summarize([differs], []).ok, 'the proof fails').toBe(false);
  const unreplayable = judgeVariant(BASELINE, {
    ...baseRun,
    replay: { defects: [], error: 'the run wrote no recording (x.har)', durationMs: 1 },
  });
  expect(unreplayable.ok, 'a recording that could not be replayed is a problem too').toBe(false);
});

test('replay parity compares every requirement of either side', () => {
  const recorded = [
    { id: 'DJ-200-01', verdict: 'passed', reason: '' },
    { id: 'DJ-404-01', verdict: 'failed', reason: '' },
  ];
  expect(
    replayDefects(recorded, {
      requirements: [
        { id: 'DJ-200-01', verdict: 'passed' },
        { id: 'DJ-404-01', verdict: 'failed' },
      ],
    }),
    'same verdicts, other reasons allowed',
  ).toEqual([]);
  expect(
    replayDefects(recorded, {
      requirements: [
        { id: 'DJ-200-01', verdict: 'not run' },
        { id: 'DJ-CASE-01', verdict: 'passed' },
      ],
    }),
    'a changed verdict, a missing and an extra requirement',
  ).toEqual([
    { id: 'DJ-200-01', recorded: 'passed', replayed: 'not run' },
    { id: 'DJ-404-01', recorded: 'failed', replayed: 'absent' },
    { id: 'DJ-CASE-01', recorded: 'absent', replayed: 'passed' },
  ]);
});
