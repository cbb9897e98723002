import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyKey } from '../../../src/reporting/environment';
import { addMatrixToJunit } from '../../../src/reporting/junit-matrix';
import { matrixMarkdown, matrixSummary, reportVariables } from '../../../src/reporting/matrix-output';
import { errorSummary } from '../../../src/reporting/matrix-reporter';
import type { RunRecord, TestRecord } from '../../../src/reporting/run-record';
import { computeMatrix, type Matrix, type Verdict } from '../../../src/reporting/verdicts';
import { expect, test } from './harness';

const DEFECT =
  'x-ms-error-code must be present and equal error.code on the 404 to GET /jobs/deletions/DELETEJOB1?api-version=2023-10-31 for a case variant of an existing id | Expected: "DeleteJobNotFound" | Received: undefined';

function failing(id: string, n: number): TestRecord {
  return {
    id,
    title: `DJ-404-02 check ${n}`,
    location: `tests/conformance/x.spec.ts:${n}`,
    tags: ['@DJ-404-02'],
    outcome: 'failed',
    failedAttempt: false,
    skipReasons: [],
    error: DEFECT.replace('DELETEJOB1', `JOB${n}`),
  };
}

function matrixOf(tests: TestRecord[]): Matrix {
  const record: RunRecord = {
    kind: 'adt-conformance-run',
    version: 1,
    shard: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    playwrightStatus: 'failed',
    runErrors: [],
    deviationsFile: null,
    deviations: [],
    environment: { Target: 'bundled mock', 'api-version': '2023-10-31' },
    tests,
  };
  return computeMatrix([record]);
}

const passing: TestRecord = {
  id: 'p',
  title: 'DJ-200-01 ok',
  location: 'a.spec.ts:1',
  tags: ['@DJ-200-01'],
  outcome: 'passed',
  failedAttempt: false,
  skipReasons: [],
};

test('the console gives one block per failed requirement, the defect first and in full, other failures counted not repeated', () => {
  const matrix = matrixOf([passing, ...Array.from({ length: 37 }, (_, i) => failing(`f${i}`, i))]);
  const text = matrixSummary(matrix, 'reports');
  const blocks = text.split('\n').filter((l) => l.startsWith('  ✘ '));
  expect(blocks, 'one block for the one failed requirement').toHaveLength(1);
  expect(blocks[0], 'the block starts with the requirement and then the whole defect, never cut').toBe(
    `  ✘ DJ-404-02 MUST failed: ${DEFECT.replace('DELETEJOB1', 'JOB0')}`,
  );
  expect(text, 'the count of failing tests').toContain(
    '37 of 37 test(s) failed; first: DJ-404-02 check 0 (tests/conformance/x.spec.ts:0)',
  );
  expect(text.match(/Received: undefined/g), 'the defect is printed once, not once per failing test').toHaveLength(1);
  expect(text, 'the table row points at the block instead of cutting the defect').toMatch(
    /DJ-404-02 +MUST +failed +\(defect below\)/,
  );
  expect(text, 'no line of the summary is cut with an ellipsis before the defect').not.toMatch(/DJ-404-02.*…/);
});

test('a passing run prints no failure block', () => {
  expect(matrixSummary(matrixOf([passing]), 'reports'), 'summary of a passing run').not.toContain(
    'Failed requirements',
  );
});

test('renderers show whatever run verdict and requirement verdict the matrix holds (e.g. INCOMPLETE, not checked)', () => {
  const computed = matrixOf([passing]);
  const [first, ...rest] = computed.requirements;
  if (!first) throw new Error('the catalogue is empty');
  // Values the computation may add later: rendering must carry them through as they are.
  const matrix = {
    ...computed,
    status: 'incomplete' as Matrix['status'],
    statusReason: 'requirements were not checked',
    requirements: [{ ...first, verdict: 'not checked' as Verdict, tests: [] }, ...rest],
    unchecked: [
      {
        id: first.id,
        level: first.level,
        text: first.text,
        why: 'no delete job was found on the target',
        fix: 'name one with ADT_DELETE_JOB_ID',
      },
    ],
  };
  expect(matrixSummary(matrix, 'reports'), 'console').toContain(
    'Run verdict: INCOMPLETE (requirements were not checked)',
  );
  expect(matrixMarkdown(matrix), 'markdown').toContain('**Run verdict: INCOMPLETE (requirements were not checked)');
  expect(matrixMarkdown(matrix), 'markdown row').toContain(`| ${first.id} | ${first.level} |`);
  expect(matrixMarkdown(matrix), 'markdown verdict cell').toContain('not checked |');
  expect(reportVariables(matrix)['Run verdict'], 'Allure landing page').toBe('INCOMPLETE');
  expect(
    reportVariables(matrix)[`Not checked: ${first.id}`],
    'the Allure landing page lists an unchecked requirement with why and the fix',
  ).toBe('no delete job was found on the target. How to make it checkable: name one with ADT_DELETE_JOB_ID');
});

test('JUnit gets one matrix suite with the run verdict and a test case per requirement, once however often it is added', ({
  workDir,
}) => {
  const file = join(workDir, 'junit.xml');
  writeFileSync(
    file,
    '<testsuites id="" name="" tests="2" failures="1" skipped="0" errors="0" time="1">\n<testsuite name="a.spec.ts" tests="2" failures="1" skipped="0" time="1" errors="0">\n</testsuite>\n</testsuites>\n',
  );
  const matrix = matrixOf([passing, failing('f', 1)]);
  expect(addMatrixToJunit(file, matrix), 'added').toBe(true);
  expect(addMatrixToJunit(file, matrix), 'added again (npm run report after the run)').toBe(true);
  const xml = readFileSync(file, 'utf8');
  expect(xml.match(/id="adt-conformance-matrix"/g), 'one matrix suite').toHaveLength(1);
  expect(xml, 'run verdict property').toContain('<property name="run verdict" value="FAILED"/>');
  expect(xml, 'the failed requirement fails').toMatch(
    /<testcase name="DJ-404-02 \(MUST\) failed: [^"]*"[^>]*><failure /,
  );
  expect(xml, 'the passed requirement passes').toMatch(
    /<testcase name="DJ-200-01 \(MUST\) passed: [^"]*"[^>]*><system-out>/,
  );
  expect(xml, 'a requirement no test checked is skipped').toMatch(
    /<testcase name="DJ-200-02 \(MUST\) not run: [^"]*"[^>]*><skipped /,
  );
  const total = 2 + matrix.requirements.length;
  expect(xml, 'the totals count the matrix suite once').toContain(
    `<testsuites id="" name="" tests="${total}" failures="2" skipped="${matrix.counts['not run']}"`,
  );
});

test('history is keyed per target: the bundled mock, or the URL host, plus the api-version', () => {
  const mock = historyKey({ Target: 'bundled mock', 'api-version': '2023-10-31' });
  const good = historyKey({ Target: 'https://good.api.weu.digitaltwins.azure.net', 'api-version': '2023-10-31' });
  const broken = historyKey({ Target: 'http://127.0.0.1:4011', 'api-version': '2023-10-31' });
  const preview = historyKey({
    Target: 'https://good.api.weu.digitaltwins.azure.net',
    'api-version': '2024-01-01-preview',
  });
  expect(new Set([mock, good, broken, preview]).size, 'four targets, four histories').toBe(4);
  expect(mock, 'the bundled mock').toBe('bundled-mock__api-2023-10-31');
  expect(
    historyKey({ Target: 'https://good.api.weu.digitaltwins.azure.net/gateway', 'api-version': '2023-10-31' }),
    'the host decides, not a path prefix',
  ).toBe(good);
  expect(broken, 'a folder name without separators').toMatch(/^[A-Za-z0-9._-]+$/);
  expect(
    historyKey({ Target: 'replay of exchanges.har (recorded against bundled mock)', 'api-version': '2023-10-31' }),
    "replays share a history of their own, never a live target's",
  ).toBe('replay__api-2023-10-31');
});

test('a failure summary keeps what came back when the requirement statement is long', () => {
  const statement = `DJ-404-06 ${'a long requirement statement '.repeat(20)}`;
  const summary = errorSummary(`Error: ${statement}\n\nReceived: got 3 broke it, the first: GET /x → 200`);
  expect(summary.length, 'within the summary budget').toBeLessThanOrEqual(400);
  expect(summary, 'the statement gives way, marked').toMatch(/^DJ-404-06 a long requirement statement .*… \| /);
  expect(summary.endsWith('| Received: got 3 broke it, the first: GET /x → 200'), 'what came back is whole').toBe(true);
  expect(errorSummary('Error: short\n\nReceived: x'), 'a short one is left as it is').toBe('short | Received: x');
});

test("a generated probe's failure summary keeps the input it shrank to and the seed, however long what came back is", () => {
  const received = `Received: an id that is not byte for byte an existing id must be answered as the unknown id is (seed 42: 3 generated input(s) of class compatibility-forms); got 3 broke it, the first: GET /jobs/deletions/${'%F0%9D%90%9E'.repeat(30)}?api-version=2023-10-31 answered 200; shrunk with 3 more request(s) to "%EF%BD%84eletejob1" (the id "ｄeletejob1"); seed 42, reproduce with ADT_PROBE_SEED=42`;
  const summary = errorSummary(`Error: DJ-404-06 ${'statement '.repeat(20)}\n\n${received}`);
  expect(summary.length, 'within the summary budget').toBeLessThanOrEqual(400);
  expect(summary, 'what it expected').toContain('| Received: an id that is not byte for byte');
  expect(summary, 'the shrunk input and how to send it again').toMatch(
    /….*to "%EF%BD%84eletejob1" \(the id "ｄeletejob1"\); seed 42, reproduce with ADT_PROBE_SEED=42$/,
  );
  expect(summary, 'cut between words, not inside one').toMatch(/\S … \S/);
});
