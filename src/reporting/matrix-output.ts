import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  verdictHeadline,
  whyUnchecked,
  type Matrix,
  type RequirementRow,
  type UncheckedRequirement,
  type Verdict,
} from './verdicts';

export const MATRIX_JSON = 'conformance-matrix.json';
export const MATRIX_MD = 'conformance-matrix.md';

// Partial: a verdict added to the computation later still renders (with the fallback icon) without a change here.
const VERDICT_ICON: Partial<Record<Verdict, string>> = {
  failed: '❌',
  warning: '⚠️',
  'known deviation': '🟡',
  'deviation fixed': '🔔',
  passed: '✅',
  'not applicable': '➖',
  'not run': '⏭️',
};

/** Text that stays inside one cell of a Markdown table. */
export const markdownCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function testsCell(row: RequirementRow): string {
  return row.tests.map((t) => `${t.outcome}: ${t.title} (${t.location})`).join('<br>');
}

/** `INCOMPLETE (…)`, with the acceptance when ADT_ACCEPT_INCOMPLETE=1 made it exit 0. */
export function runVerdictText(matrix: Matrix): string {
  const accepted =
    matrix.status === 'incomplete' && matrix.incompleteAccepted
      ? ' [accepted with ADT_ACCEPT_INCOMPLETE=1: exit 0]'
      : '';
  return `${matrix.status.toUpperCase()} (${matrix.statusReason})${accepted}`;
}

/** The heading over the unchecked list: a failed run can be incomplete as well. */
function uncheckedHeading(matrix: Matrix): string {
  return matrix.status === 'incomplete'
    ? 'Not checked: why this run is INCOMPLETE and not PASSED'
    : 'Also not checked (the run failed, and it is incomplete as well)';
}

/** Items that share a key, in first-seen order: one reason, then everything it applies to. */
function groupedBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()];
}

const ids = (rows: readonly { id: string }[]): string => rows.map((r) => r.id).join(', ');

/** The unchecked requirements by reason and fix: each reason once, then the requirements it applies to. */
const uncheckedGroups = (unchecked: readonly UncheckedRequirement[]): [string, UncheckedRequirement[]][] =>
  groupedBy(unchecked, (u) => JSON.stringify([u.why, u.fix]));

function uncheckedMarkdown(matrix: Matrix): string[] {
  if (matrix.unchecked.length === 0) return [];
  return [
    `## ${uncheckedHeading(matrix)}`,
    '',
    'A complete run checks these MUST requirements on every target; this one could not.',
    '',
    '| Why not checked | Requirements | How to make it checkable |',
    '|---|---|---|',
    ...uncheckedGroups(matrix.unchecked).map(([, group]) => {
      const first = group[0];
      return first ? `| ${markdownCell(first.why)} | ${ids(group)} | ${markdownCell(first.fix)} |` : '';
    }),
    '',
  ];
}

/** "1 failed, 32 passed": the non-zero verdict counts, in the computation's order. */
export function countsText(matrix: Matrix): string {
  return Object.entries(matrix.counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
}

/**
 * The landing page of the Allure report ("Variables"), as the matrix states it: the run verdict first, then every
 * requirement with its level, verdict and reason, so no click is needed; the table itself is a global attachment.
 */
export function reportVariables(matrix: Matrix): Record<string, string> {
  const failedMust = matrix.requirements.filter((r) => r.level === 'MUST' && r.verdict === 'failed').map((r) => r.id);
  const accepted =
    matrix.status === 'incomplete' && matrix.incompleteAccepted
      ? ' (accepted with ADT_ACCEPT_INCOMPLETE=1: exit 0)'
      : '';
  return {
    'Run verdict': `${verdictHeadline(matrix)}${accepted}`,
    'Failed MUST': failedMust.length > 0 ? failedMust.join(', ') : 'none',
    Reason: matrix.statusReason,
    ...Object.fromEntries(
      uncheckedGroups(matrix.unchecked).map(([, group]) => [
        `Not checked: ${ids(group)}`,
        `${group[0]?.why ?? ''}. How to make it checkable: ${group[0]?.fix ?? ''}`,
      ]),
    ),
    Requirements: countsText(matrix),
    Matrix: `Global Attachments tab (${MATRIX_MD})`,
    ...Object.fromEntries(matrix.requirements.map((r) => [`${r.id} ${r.level}`, `${r.verdict}: ${r.reason}`])),
  };
}

export function matrixMarkdown(matrix: Matrix): string {
  const env = Object.entries(matrix.environment)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  const counts = countsText(matrix);
  const lines = [
    '# Conformance matrix: Azure Digital Twins Delete Jobs API (DeleteJobs_GetById)',
    '',
    `**Run verdict: ${runVerdictText(matrix)}**. ${counts}.`,
    '',
    env ? `Environment: ${env}` : '',
    `Generated ${matrix.generatedAt}${matrix.runs.length > 1 ? ` from ${matrix.runs.length} runs (shards)` : ''}.`,
    '',
    ...(matrix.runErrors.length > 0
      ? ['## Errors outside the requirements', '', ...matrix.runErrors.map((e) => `- ${markdownCell(e)}`), '']
      : []),
    ...(matrix.notices.length > 0 ? ['## Notices', '', ...matrix.notices.map((n) => `- ${markdownCell(n)}`), ''] : []),
    ...uncheckedMarkdown(matrix),
    '| Requirement | Level | Area | Text | Verdict | Reason | Tests |',
    '|---|---|---|---|---|---|---|',
    ...matrix.requirements.map(
      (r) =>
        `| ${r.id} | ${r.level} | ${markdownCell(r.area)} | ${markdownCell(r.text)} | ${VERDICT_ICON[r.verdict] ?? '•'} ${r.verdict} | ${markdownCell(r.reason)} | ${markdownCell(testsCell(r))} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** The matrix a run left in its reports folder; undefined when the run wrote none (it broke, or never started). */
export function readMatrixIn(reportsDir: string): Matrix | undefined {
  const file = join(reportsDir, MATRIX_JSON);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Matrix) : undefined;
}

export function writeMatrix(reportsDir: string, matrix: Matrix): { json: string; md: string } {
  mkdirSync(reportsDir, { recursive: true });
  const json = join(reportsDir, MATRIX_JSON);
  const md = join(reportsDir, MATRIX_MD);
  writeFileSync(json, `${JSON.stringify(matrix, null, 2)}\n`);
  writeFileSync(md, matrixMarkdown(matrix));
  return { json, md };
}

export const truncate = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * Cut from the middle, between words: a check's message opens with what it expected and closes with its conclusion
 * (for generated probes the input shrunk to and the seed that sends it again), so both ends stay.
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = max - ' … '.length;
  let head = text.slice(0, Math.floor(kept * 0.4));
  let tail = text.slice(text.length - (kept - head.length));
  // A word cut in two reads as a different word; up to a few dozen characters go instead.
  const lastSpace = head.lastIndexOf(' ');
  if (lastSpace > head.length - 40) head = head.slice(0, lastSpace);
  const firstSpace = tail.indexOf(' ');
  if (firstSpace !== -1 && firstSpace < 40) tail = tail.slice(firstSpace + 1);
  return `${head} … ${tail}`;
}

/** The reasons why requirements were not applicable, numbered; the matrix rows and the unchecked list point at them. */
function notApplicableReasons(matrix: Matrix): string[] {
  return [...new Set(matrix.requirements.filter((r) => r.verdict === 'not applicable').map(whyUnchecked))];
}

const reasonRefs = (numbers: readonly number[]): string =>
  `${numbers.length > 1 ? 'reasons' : 'reason'} ${numbers.join(', ')}`;

function reasonsSummary(matrix: Matrix, reasons: readonly string[]): string[] {
  if (reasons.length === 0) return [];
  const rows = matrix.requirements.filter((r) => r.verdict === 'not applicable');
  return [
    '',
    '  Not applicable, by reason:',
    ...reasons.flatMap((reason, index) => [
      `    ${index + 1}. ${reason}`,
      `       ${ids(rows.filter((r) => whyUnchecked(r) === reason))}`,
    ]),
  ];
}

function uncheckedSummary(matrix: Matrix, reasons: readonly string[]): string[] {
  if (matrix.unchecked.length === 0) return [];
  const fixes = groupedBy(matrix.unchecked, (u) => u.fix);
  const numbers = [...new Set(matrix.unchecked.map((u) => reasons.indexOf(u.why) + 1).filter((n) => n > 0))];
  return [
    `  ${uncheckedHeading(matrix)}:`,
    `    ${matrix.unchecked.length} MUST requirement(s) a complete run checks${numbers.length > 0 ? ` (${reasonRefs(numbers)} above)` : ''}: ${ids(matrix.unchecked)}`,
    ...fixes.map(([fix, group]) => `    Fix${fixes.length > 1 ? ` (${ids(group)})` : ''}: ${fix}`),
    ...(matrix.status === 'incomplete' && !matrix.incompleteAccepted
      ? [
          '    Or accept the partial coverage knowingly: ADT_ACCEPT_INCOMPLETE=1 (exit 0; the verdict still says INCOMPLETE).',
        ]
      : []),
  ];
}

/** Rows whose tests failed (MUST failures, SHOULD warnings, known deviations): each gets a block of its own. */
const hasFailedTests = (row: RequirementRow): boolean =>
  row.tests.some((t) => t.outcome === 'failed' || t.failedAttempt);

/**
 * One block per requirement whose tests failed: the first defect in full, then the requirement and how many of its
 * tests failed. The other failures are counted, not repeated; stacks and HTTP evidence stay in the report.
 */
function failureBlock(row: RequirementRow): string[] {
  const failed = row.tests.filter((t) => t.outcome === 'failed' || t.failedAttempt);
  const first = failed[0];
  return [
    `  ✘ ${row.id} ${row.level} ${row.verdict}: ${first?.error ?? row.reason}`,
    ...(row.deviation ? [`      accepted as a known deviation: ${row.deviation.reason} (${row.deviation.link})`] : []),
    `      requirement: ${row.text}`,
    `      ${failed.length} of ${row.tests.length} test(s) failed${first ? `; first: ${first.title} (${first.location})` : ''}`,
  ];
}

function reasonCell(row: RequirementRow, reasons: readonly string[]): string {
  if (row.verdict === 'passed') return '';
  if (hasFailedTests(row)) return '  (defect below)';
  const number = row.verdict === 'not applicable' ? reasons.indexOf(whyUnchecked(row)) + 1 : 0;
  return number > 0 ? `  (${reasonRefs([number])} below)` : `  ${truncate(row.reason, 110)}`;
}

function notRunLine(matrix: Matrix, notRun: readonly RequirementRow[]): string {
  const why = matrix.selection
    ? `not selected by ${matrix.selection.by.join(' ')}`
    : 'no test for them ran: the run stopped early, or they have no test yet';
  return `  not run (${why}): ${ids(notRun)}`;
}

/**
 * The compact table printed at the end of a run: one line per requirement, the reasons and failures, then totals
 * and verdict. A run that stopped before any test has said why already: the verdict is all that follows.
 */
export function matrixSummary(matrix: Matrix, reportsDir: string, artifactLines: string[] = []): string {
  if (matrix.unusableTarget) return `\n  Run verdict: ${runVerdictText(matrix)}\n`;
  const verdictWidth = Math.max(...matrix.requirements.map((r) => r.verdict.length));
  const reasons = notApplicableReasons(matrix);
  const notRun = matrix.requirements.filter((r) => r.verdict === 'not run');
  const rows = matrix.requirements
    .filter((r) => r.verdict !== 'not run')
    .map((r) => `  ${r.id.padEnd(12)} ${r.level.padEnd(6)} ${r.verdict.padEnd(verdictWidth)}${reasonCell(r, reasons)}`);
  if (notRun.length > 0) rows.push(notRunLine(matrix, notRun));
  const failures = matrix.requirements.filter(hasFailedTests);
  return [
    '',
    'Conformance matrix (requirement, level, verdict, reason):',
    ...rows,
    ...reasonsSummary(matrix, reasons),
    ...(failures.length > 0
      ? [
          '',
          'Failed requirements (defect first; stacks and HTTP evidence are in the Allure report):',
          ...failures.flatMap(failureBlock),
        ]
      : []),
    '',
    `  ${countsText(matrix)}`,
    ...(matrix.environment['Generated probes'] === undefined
      ? []
      : [`  Generated probes: ${matrix.environment['Generated probes']}`]),
    ...matrix.runErrors.map((e) => `  ERROR outside the requirements: ${truncate(e, 300)}`),
    ...matrix.notices.map((n) => `  NOTICE: ${n}`),
    ...uncheckedSummary(matrix, reasons),
    `  Matrix: ${join(reportsDir, MATRIX_MD)} (and .json)`,
    ...artifactLines.map((l) => `  ${l}`),
    `  Run verdict: ${runVerdictText(matrix)}`,
    '',
  ].join('\n');
}
