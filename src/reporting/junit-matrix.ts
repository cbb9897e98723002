import { CATALOGUE_SIZE } from './environment';
import { addSuiteToJunit, escapeXml as xml } from './junit';
import { verdictHeadline, type Matrix, type RequirementRow } from './verdicts';

const SUITE_MARK = 'adt-conformance-matrix';
/** The matrix environment's entries the JUnit suite carries as properties, and their property names. */
const JUNIT_ENVIRONMENT: readonly (readonly [string, string])[] = [
  ['Suite version', 'suite version'],
  ['api-version', 'api-version'],
  [CATALOGUE_SIZE, 'requirements'],
];

/** A failed requirement fails; a requirement no test checked is skipped; every other verdict passes, named in the title. */
function testcase(row: RequirementRow): string {
  const name = `${row.id} (${row.level}) ${row.verdict}: ${row.text}`;
  const checked = row.tests.some((t) => t.outcome === 'passed' || t.outcome === 'failed');
  const body =
    row.verdict === 'failed'
      ? `<failure message="${xml(row.reason)}" type="requirement failed">${xml(row.reason)}</failure>`
      : checked
        ? `<system-out>${xml(row.reason)}</system-out>`
        : `<skipped message="${xml(`${row.verdict}: ${row.reason}`)}"/>`;
  return `    <testcase name="${xml(name)}" classname="${SUITE_MARK}" time="0">${body}</testcase>`;
}

function matrixSuite(matrix: Matrix): string {
  const failures = matrix.requirements.filter((r) => r.verdict === 'failed').length;
  const skipped = matrix.requirements.filter(
    (r) => !r.tests.some((t) => t.outcome === 'passed' || t.outcome === 'failed'),
  ).length;
  const headline = verdictHeadline(matrix);
  return [
    `  <testsuite name="${xml(`Conformance matrix: run verdict ${headline}`)}" id="${SUITE_MARK}" tests="${matrix.requirements.length}" failures="${failures}" skipped="${skipped}" errors="0" time="0">`,
    '    <properties>',
    `      <property name="run verdict" value="${xml(headline)}"/>`,
    `      <property name="run verdict reason" value="${xml(matrix.statusReason)}"/>`,
    // Which suite judged: its version, the api-version and the catalogue's size (adt-conformance --version).
    ...JUNIT_ENVIRONMENT.flatMap(([label, name]) => {
      const value = matrix.environment[label];
      return value === undefined ? [] : [`      <property name="${name}" value="${xml(value)}"/>`];
    }),
    '    </properties>',
    ...matrix.requirements.map(testcase),
    '  </testsuite>',
  ].join('\n');
}

/**
 * Adds the conformance matrix to Playwright's JUnit XML as one more suite, one test case per requirement, so a CI
 * test tab shows the same run verdict and requirement verdicts as the console and the Allure report. Replaces the
 * suite an earlier call added and recounts the totals; does nothing when there is no JUnit file.
 */
export function addMatrixToJunit(junitFile: string, matrix: Matrix): boolean {
  return addSuiteToJunit(junitFile, SUITE_MARK, matrixSuite(matrix));
}
