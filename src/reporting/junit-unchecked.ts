import { addSuiteToJunit, escapeXml } from './junit';
import type { Matrix } from './verdicts';

/**
 * CI systems read the JUnit XML, not the matrix: an INCOMPLETE run adds one test case per MUST requirement it
 * could not check, with why and how to make it checkable. Unaccepted, each is a failure (the run exits 3);
 * accepted with ADT_ACCEPT_INCOMPLETE=1, each is a skip (exit 0), so the gap still shows.
 */
export const UNCHECKED_SUITE_NAME = 'Run verdict INCOMPLETE: MUST requirements not checked';

const SUITE_MARK = 'adt-unchecked-requirements';

/** Failures only when they are what makes the run exit non-zero: a FAILED run has its own failures. */
const listedAsSkips = (matrix: Matrix): boolean => matrix.incompleteAccepted || matrix.status !== 'incomplete';

function uncheckedSuite(matrix: Matrix): string {
  const asSkip = listedAsSkips(matrix);
  const cases = matrix.unchecked.map((u) => {
    const message = escapeXml(`${u.id} was not checked: ${u.why}. Fix: ${u.fix}`);
    const outcome = asSkip
      ? `<skipped message="${message}"/>`
      : `<failure message="${message}" type="INCOMPLETE">${message}</failure>`;
    return `    <testcase name="${escapeXml(`${u.id} not checked: ${u.text}`)}" classname="run verdict" time="0">\n      ${outcome}\n    </testcase>`;
  });
  const count = matrix.unchecked.length;
  return [
    `  <testsuite name="${escapeXml(UNCHECKED_SUITE_NAME)}" id="${SUITE_MARK}" tests="${count}" failures="${asSkip ? 0 : count}" skipped="${asSkip ? count : 0}" errors="0" time="0">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/** Adds the unchecked requirements to the JUnit XML Playwright wrote (once, however often it is called). */
export function appendUncheckedToJunit(file: string, matrix: Matrix): void {
  if (matrix.unchecked.length > 0) addSuiteToJunit(file, SUITE_MARK, uncheckedSuite(matrix));
}
