import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOCK_ENV } from '../../../mock/defaults';
import { grepFor, REQUIREMENTS } from '../../../src/requirements';
import { JOB_FIX } from '../../../src/reporting/verdicts';
import { DEFECT_TARGETS } from '../../../src/verify/targets';
import { expect, isolatedEnv, readMatrix, runTs, SUITE_CONFIG, test, type RunOutput } from './harness';

/**
 * The run verdict rules, pinned on real runs of `npm run conformance` against the bundled mock: a target the suite
 * cannot check completely is INCOMPLETE (exit 3), never PASSED; FAILED wins. That a complete, correct target passes
 * is verify:suite's baseline (an INCOMPLETE or failing correct server fails the proof).
 */

test.describe.configure({ mode: 'parallel' });
test.setTimeout(240_000);

/** The verdict rules live in the matrix, the console and JUnit; the HTML report is checked in suite-report.spec.ts. */
function conformance(workDir: string, env: Record<string, string>, only: readonly string[] = []): Promise<RunOutput> {
  return runTs(
    'src/cli/conformance.ts',
    [
      '-c',
      SUITE_CONFIG,
      '--output',
      join(workDir, 'test-results'),
      ...(only.length === 0 ? [] : ['--grep', grepFor(only)]),
    ],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, 'reports'), ADT_HTML_REPORT: 'off', ...env }),
  );
}

/** Every MUST requirement a complete run must check that needs a delete job: what an empty target leaves unchecked. */
const NEEDS_A_JOB = REQUIREMENTS.filter(
  (r) => r.level === 'MUST' && r.applies.kind === 'always' && r.applies.needs === 'job',
).map((r) => r.id);

test('a target without delete jobs is INCOMPLETE with exit 3, listing every always-requirement with its fix', async ({
  workDir,
}) => {
  const run = await conformance(workDir, { [MOCK_ENV.scenario]: 'empty' });
  const matrix = readMatrix(join(workDir, 'reports'));

  expect(run.code, `exit code of an incomplete run\n${run.console.slice(-3000)}`).toBe(3);
  expect(matrix.status, 'run verdict in the matrix').toBe('incomplete');
  expect(
    matrix.unchecked.map((u) => u.id).sort(),
    'the unchecked requirements are exactly those needing a job',
  ).toEqual([...NEEDS_A_JOB].sort());
  for (const unchecked of matrix.unchecked) expect(unchecked.fix, `the fix for ${unchecked.id}`).toBe(JOB_FIX);
  const summary = run.stdout.slice(run.stdout.indexOf('Conformance matrix'));
  expect(
    summary
      .match(
        new RegExp(
          `^ {4}${NEEDS_A_JOB.length} MUST requirement\\(s\\) a complete run checks \\(reasons? [\\d, ]+ above\\): (.*)$`,
          'm',
        ),
      )?.[1]
      ?.split(', ')
      .sort(),
    'the console lists the unchecked requirements once',
  ).toEqual([...NEEDS_A_JOB].sort());
  for (const why of new Set(matrix.unchecked.map((u) => u.why)))
    expect(summary.split(why).length - 1, `the reason "${why}" is printed once`).toBe(1);
  expect(summary.split(JOB_FIX).length - 1, 'the fix is printed once').toBe(1);
  const lines = summary.split('\n').filter((line) => line.trim() !== '');
  expect(
    lines.filter((line, index) => lines.indexOf(line) !== index),
    'no line of the summary repeats another',
  ).toEqual([]);
  expect(summary, 'the reason says the List has no job, without asking for an existing one').toContain(
    'the instance has no delete job in its List',
  );
  expect(summary, 'no contradiction after an empty List').not.toContain(
    'set ADT_DELETE_JOB_ID to the id of an existing delete job',
  );
  expect(summary, 'the other way out').toContain('Or accept the partial coverage knowingly: ADT_ACCEPT_INCOMPLETE=1');
  expect(run.stdout.trimEnd().split('\n').at(-1), 'the run verdict is printed last').toContain(
    'Run verdict: INCOMPLETE',
  );
  expect(
    readFileSync(join(workDir, 'reports', 'conformance-matrix.md'), 'utf8'),
    'the Markdown matrix lists them',
  ).toContain('Not checked: why this run is INCOMPLETE');
  const junit = readFileSync(join(workDir, 'reports', 'junit.xml'), 'utf8');
  for (const id of NEEDS_A_JOB)
    expect(junit, `JUnit fails a case for ${id}`).toMatch(
      new RegExp(`<testcase name="${id} not checked[^"]*"[^>]*>\\s*<failure `),
    );
});

// The next two need only the tests that cannot run without a job (the first test shows that those are all that an
// empty target leaves unchecked), and one more that fails: each nested run of the whole suite costs seconds of CPU.
test('ADT_ACCEPT_INCOMPLETE=1 exits 0 and the verdict still says INCOMPLETE with the list', async ({ workDir }) => {
  const run = await conformance(workDir, { [MOCK_ENV.scenario]: 'empty', ADT_ACCEPT_INCOMPLETE: '1' }, NEEDS_A_JOB);
  const matrix = readMatrix(join(workDir, 'reports'));

  expect(run.code, `exit code of an accepted incomplete run\n${run.console.slice(-3000)}`).toBe(0);
  expect(matrix.status, 'run verdict in the matrix').toBe('incomplete');
  expect(matrix.incompleteAccepted, 'the matrix records the acceptance').toBe(true);
  expect(run.stdout, 'the console still lists what was not checked').toContain(
    'Not checked: why this run is INCOMPLETE',
  );
  expect(run.stdout.trimEnd().split('\n').at(-1), 'the run verdict').toMatch(
    /Run verdict: INCOMPLETE .*accepted with ADT_ACCEPT_INCOMPLETE=1/,
  );
  expect(run.stdout, 'with ADT_HTML_REPORT=off the console says the HTML was not built and how to build it').toContain(
    'Allure HTML report: not built (ADT_HTML_REPORT=off); `npm run report` builds it from',
  );
  expect(existsSync(join(workDir, 'reports', 'allure-report')), 'no HTML report folder with ADT_HTML_REPORT=off').toBe(
    false,
  );
  expect(
    existsSync(join(workDir, 'reports', 'allure-results')),
    'the Allure results are still written for npm run report',
  ).toBe(true);
});

const DEFECT = 'job-not-found-code';

test('a MUST failure plus missing data is FAILED (exit 1), and the unchecked requirements are still listed', async ({
  workDir,
}) => {
  // A defect that fails one test: every failed test costs a fresh Playwright worker, and one failure is the point here.
  const run = await conformance(
    workDir,
    { [MOCK_ENV.scenario]: 'empty', [MOCK_ENV.quirks]: DEFECT, ADT_ACCEPT_INCOMPLETE: '1' },
    [...NEEDS_A_JOB, ...(DEFECT_TARGETS[DEFECT] ?? [])],
  );
  const matrix = readMatrix(join(workDir, 'reports'));

  expect(run.code, `exit code of a failed, incomplete run\n${run.console.slice(-3000)}`).toBe(1);
  expect(matrix.status, 'FAILED wins over INCOMPLETE').toBe('failed');
  expect(matrix.unchecked.map((u) => u.id).sort(), 'still listed').toEqual([...NEEDS_A_JOB].sort());
  expect(run.stdout, 'the console says it is incomplete as well').toContain(
    'Also not checked (the run failed, and it is incomplete as well)',
  );
  expect(run.stdout.trimEnd().split('\n').at(-1), 'the run verdict').toContain('Run verdict: FAILED');
});

test('an unclear ADT_ACCEPT_INCOMPLETE is a configuration error: exit 2 and one message naming the fix', async ({
  workDir,
}) => {
  const run = await conformance(workDir, { ADT_ACCEPT_INCOMPLETE: 'maybe' });
  expect(run.code, `exit code of a configuration error\n${run.console}`).toBe(2);
  expect(run.console, 'the message names the variable and the fix').toContain('Fix: set ADT_ACCEPT_INCOMPLETE=1');
  expect(run.console, 'no stack trace').not.toMatch(/^\s+at /m);
});
