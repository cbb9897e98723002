import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MATRIX_MD } from '../../../src/reporting/matrix-output';
import { verdictHeadline, type Matrix } from '../../../src/reporting/verdicts';
import { expect, isolatedEnv, readMatrix, runTs, SUITE_CONFIG, test } from './harness';

/**
 * `npm test` runs verify:suite, whose defect runs leave failing matrix parts under reports/verify-suite/. A later
 * single-requirement run and `npm run report` must state that run's verdicts, in every output, not those parts'.
 */

const verdictsOf = (matrix: Matrix): Record<string, string> =>
  Object.fromEntries(matrix.requirements.map((r) => [r.id, r.verdict]));

function junitMatrix(reportsDir: string): { verdict: string | undefined; cases: string[]; suites: number } {
  const xml = readFileSync(join(reportsDir, 'junit.xml'), 'utf8');
  return {
    verdict: /<property name="run verdict" value="([^"]+)"\/>/.exec(xml)?.[1],
    cases: [...xml.matchAll(/<testcase name="(DJ-[A-Z0-9-]+ \((?:MUST|SHOULD)\) [^:]+):/g)].map((m) => m[1] ?? ''),
    suites: xml.match(/id="adt-conformance-matrix"/g)?.length ?? 0,
  };
}

/** What the Allure report says: its title, its landing-page variables and its global attachment (the matrix). */
function allureSays(reportsDir: string): { name: string; variables: Record<string, string>; matrixMd: string } {
  const report = join(reportsDir, 'allure-report');
  const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as { name: string };
  const variables = JSON.parse(readFileSync(join(report, 'widgets', 'variables.json'), 'utf8')) as Record<
    string,
    string
  >;
  const attachments = join(report, 'data', 'attachments');
  const md = readdirSync(attachments).filter((f) => f.endsWith('.md'));
  expect(md, 'one markdown global attachment: the matrix').toHaveLength(1);
  return { name: summary.name, variables, matrixMd: readFileSync(join(attachments, md[0] ?? ''), 'utf8') };
}

function expectSameVerdicts(where: string, reportsDir: string, matrix: Matrix): void {
  const status = verdictHeadline(matrix);
  const junit = junitMatrix(reportsDir);
  expect(junit.suites, `${where}: one matrix suite in junit.xml`).toBe(1);
  expect(junit.verdict, `${where}: run verdict in junit.xml`).toBe(status);
  expect(junit.cases, `${where}: one JUnit test case per requirement, with its verdict`).toEqual(
    matrix.requirements.map((r) => `${r.id} (${r.level}) ${r.verdict}`),
  );
  const md = readFileSync(join(reportsDir, MATRIX_MD), 'utf8');
  expect(md, `${where}: run verdict in ${MATRIX_MD}`).toContain(
    `**Run verdict: ${matrix.status.toUpperCase()} (${matrix.statusReason})`,
  );
  const allure = allureSays(reportsDir);
  expect(
    allure.name.endsWith(`: ${status}`),
    `${where}: the Allure report's title "${allure.name}" ends with the run verdict ${status}`,
  ).toBe(true);
  expect(allure.variables['Run verdict'], `${where}: run verdict on the Allure landing page`).toBe(status);
  expect(allure.matrixMd, `${where}: the Allure global attachment is this run's matrix`).toBe(md);
}

test('after verify:suite, a single-requirement run and npm run report state the same verdicts everywhere', async ({
  workDir,
}) => {
  test.setTimeout(300_000);
  const reportsDir = join(workDir, 'reports');
  const env = isolatedEnv({ ADT_REPORTS_DIR: reportsDir });

  const verify = await runTs('src/verify/verify-suite.ts', ['--only', 'accepts-any-bearer-token'], env);
  expect(verify.code, `the verify step proves its defect (its run fails, as it must)\n${verify.console}`).toBe(0);
  const leftOver = readMatrix(join(reportsDir, 'verify-suite', 'accepts-any-bearer-token'));
  expect(
    leftOver.status,
    'the verify step leaves a FAILED matrix in reports/verify-suite/ (otherwise this proves nothing)',
  ).toBe('failed');

  const run = await runTs(
    'src/cli/conformance.ts',
    ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results'), '--grep', '@DJ-404-02'],
    env,
  );
  expect(run.code, `the single-requirement run against the bundled mock passes\n${run.console}`).toBe(0);
  const runMatrix = readMatrix(reportsDir);
  expect(runMatrix.status, 'run verdict of the single-requirement run').toBe('passed');
  expect(runMatrix.requirements.find((r) => r.id === 'DJ-404-02')?.verdict, 'the requirement that ran').toBe('passed');
  expect(run.stdout, 'console verdict of the run').toContain('Run verdict: PASSED (selected tests only: 1 of ');
  expect(verdictHeadline(runMatrix), 'a one-requirement run is a selected run').toMatch(
    /^PASSED \(selected tests only: 1 of \d+ requirements run\)$/,
  );
  expectSameVerdicts('after the run', reportsDir, runMatrix);

  const report = await runTs('src/cli/report.ts', ['--no-serve'], env);
  expect(report.code, `npm run report exits 0 for a passed run\n${report.console}`).toBe(0);
  expect(report.stdout, 'console verdict of npm run report').toContain('Run verdict: PASSED');
  expect(report.console, 'no error of the verify runs leaks into the report').not.toContain(
    'ERROR outside the requirements',
  );
  expect(report.stdout, "the report was built from the run's one results folder").toContain(
    '(built from 1 results folder(s))',
  );
  const reportMatrix = readMatrix(reportsDir);
  expect(verdictsOf(reportMatrix), "per-requirement verdicts after npm run report equal the run's").toEqual(
    verdictsOf(runMatrix),
  );
  expect(reportMatrix.status, 'run verdict after npm run report').toBe(runMatrix.status);
  expectSameVerdicts('after npm run report', reportsDir, reportMatrix);
});
