import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Text for an XML attribute or element: escaped, and without the control characters XML 1.0 forbids. */
export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''); // eslint-disable-line no-control-regex -- XML 1.0 forbids these

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

const countOf = (suiteXml: string, attribute: keyof Counts): number =>
  Number(new RegExp(`^\\s*<testsuite [^>]*?\\b${attribute}="(\\d+)"`).exec(suiteXml)?.[1] ?? 0);
const countsOf = (suiteXml: string): Counts => ({
  tests: countOf(suiteXml, 'tests'),
  failures: countOf(suiteXml, 'failures'),
  skipped: countOf(suiteXml, 'skipped'),
});

function shiftTotals(xml: string, by: Counts, sign: 1 | -1): string {
  return xml.replace(/<testsuites\b[^>]*>/, (tag) =>
    (['tests', 'failures', 'skipped'] as const).reduce(
      (updated, attribute) =>
        updated.replace(
          new RegExp(`(\\s${attribute}=")(\\d+)(")`),
          (_, before: string, n: string, after: string) => `${before}${Number(n) + sign * by[attribute]}${after}`,
        ),
      tag,
    ),
  );
}

/**
 * Adds one suite of our own (`<testsuite id="…" tests="…" failures="…" skipped="…">`, indented by two spaces) to
 * the JUnit XML Playwright wrote, replacing the suite with that id an earlier call added, and keeps the file's
 * totals right. Returns false, changing nothing, when there is no JUnit file to add to.
 */
export function addSuiteToJunit(file: string, id: string, suiteXml: string): boolean {
  if (!existsSync(file)) return false;
  let text = readFileSync(file, 'utf8');
  const earlier = new RegExp(`\\n?  <testsuite [^>]*id="${id}"[\\s\\S]*?</testsuite>`).exec(text);
  if (earlier) text = shiftTotals(text.replace(earlier[0], ''), countsOf(earlier[0]), -1);
  const closing = text.lastIndexOf('</testsuites>');
  if (closing < 0) return false;
  text = `${text.slice(0, closing).replace(/\s*$/, '\n')}${suiteXml}\n${text.slice(closing)}`;
  writeFileSync(file, shiftTotals(text, countsOf(suiteXml), 1));
  return true;
}
