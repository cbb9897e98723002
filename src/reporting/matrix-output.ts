import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix, RequirementRow, Verdict } from './verdicts';

export const MATRIX_JSON = 'conformance-matrix.json';
export const MATRIX_MD = 'conformance-matrix.md';

const VERDICT_ICON: Record<Verdict, string> = {
  failed: '❌',
  warning: '⚠️',
  'known deviation': '🟡',
  'deviation fixed': '🔔',
  passed: '✅',
  'not applicable': '➖',
  'not run': '⏭️',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function testsCell(row: RequirementRow): string {
  return row.tests.map((t) => `${t.outcome}: ${t.title} (${t.location})`).join('<br>');
}

/** `INCOMPLETE (…)`, with the acceptance when ADT_ACCEPT_INCOMPLETE=1 made it exit 0. */
export function runVerdictText(matrix: Matrix): string {
  const accepted = matrix.status === 'incomplete' && matrix.incompleteAccepted ? ' [accepted with ADT_ACCEPT_INCOMPLETE=1: exit 0]' : '';
  return `${matrix.status.toUpperCase()} (${matrix.statusReason})${accepted}`;
}

/** The heading over the unchecked list: a failed run can be incomplete as well. */
function uncheckedHeading(matrix: Matrix): string {
  return matrix.status === 'incomplete'
    ? 'Not checked: why this run is INCOMPLETE and not PASSED'
    : 'Also not checked (the run failed, and it is incomplete as well)';
}

function uncheckedMarkdown(matrix: Matrix): string[] {
  if (matrix.unchecked.length === 0) return [];
  return [
    `## ${uncheckedHeading(matrix)}`,
    '',
    'A complete run checks these MUST requirements on every target; this one could not.',
    '',
    '| Requirement | Text | Why not checked | How to make it checkable |',
    '|---|---|---|---|',
    ...matrix.unchecked.map((u) => `| ${u.id} | ${cell(u.text)} | ${cell(u.why)} | ${cell(u.fix)} |`),
    '',
  ];
}

export function matrixMarkdown(matrix: Matrix): string {
  const env = Object.entries(matrix.environment).map(([k, v]) => `${k}: ${v}`).join(' · ');
  const counts = Object.entries(matrix.counts).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`).join(', ');
  const lines = [
    '# Conformance matrix: Azure Digital Twins Delete Jobs API (DeleteJobs_GetById)',
    '',
    `**Run verdict: ${runVerdictText(matrix)}**. ${counts}.`,
    '',
    env ? `Environment: ${env}` : '',
    `Generated ${matrix.generatedAt}${matrix.runs.length > 1 ? ` from ${matrix.runs.length} runs (shards)` : ''}.`,
    '',
    ...(matrix.runErrors.length > 0 ? ['## Errors outside the requirements', '', ...matrix.runErrors.map((e) => `- ${cell(e)}`), ''] : []),
    ...(matrix.notices.length > 0 ? ['## Notices', '', ...matrix.notices.map((n) => `- ${cell(n)}`), ''] : []),
    ...uncheckedMarkdown(matrix),
    '| Requirement | Level | Area | Text | Verdict | Reason | Tests |',
    '|---|---|---|---|---|---|---|',
    ...matrix.requirements.map(
      (r) =>
        `| ${r.id} | ${r.level} | ${cell(r.area)} | ${cell(r.text)} | ${VERDICT_ICON[r.verdict]} ${r.verdict} | ${cell(r.reason)} | ${cell(testsCell(r))} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

export function writeMatrix(reportsDir: string, matrix: Matrix): { json: string; md: string } {
  mkdirSync(reportsDir, { recursive: true });
  const json = join(reportsDir, MATRIX_JSON);
  const md = join(reportsDir, MATRIX_MD);
  writeFileSync(json, `${JSON.stringify(matrix, null, 2)}\n`);
  writeFileSync(md, matrixMarkdown(matrix));
  return { json, md };
}

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function uncheckedSummary(matrix: Matrix): string[] {
  if (matrix.unchecked.length === 0) return [];
  const fixes = [...new Set(matrix.unchecked.map((u) => u.fix))];
  return [
    `  ${uncheckedHeading(matrix)}:`,
    ...matrix.unchecked.map((u) => `    ${u.id.padEnd(12)} ${truncate(u.why, 150)}`),
    ...fixes.map((fix) => `    Fix${fixes.length > 1 ? ` (${matrix.unchecked.filter((u) => u.fix === fix).map((u) => u.id).join(', ')})` : ''}: ${fix}`),
    ...(matrix.status === 'incomplete' && !matrix.incompleteAccepted
      ? ['    To accept partial coverage knowingly: ADT_ACCEPT_INCOMPLETE=1 (exit 0; the verdict still says INCOMPLETE).']
      : []),
  ];
}

/** The compact table printed at the end of a run: one line per requirement, then the totals and the run verdict. */
export function matrixSummary(matrix: Matrix, reportsDir: string, artifactLines: string[] = []): string {
  const verdictWidth = Math.max(...matrix.requirements.map((r) => r.verdict.length));
  const notRun = matrix.requirements.filter((r) => r.verdict === 'not run');
  const rows = matrix.requirements
    .filter((r) => r.verdict !== 'not run')
    .map((r) => {
      const reason = r.verdict === 'passed' ? '' : `  ${truncate(r.reason, 110)}`;
      return `  ${r.id.padEnd(12)} ${r.level.padEnd(6)} ${r.verdict.padEnd(verdictWidth)}${reason}`;
    });
  if (notRun.length > 0) rows.push(`  not run (no test for them ran: filtered by --grep/--shard, stopped early, or no test yet): ${notRun.map((r) => r.id).join(', ')}`);
  const counts = Object.entries(matrix.counts).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`).join(', ');
  return [
    '',
    'Conformance matrix (requirement, level, verdict, reason):',
    ...rows,
    '',
    `  ${counts}`,
    ...matrix.runErrors.map((e) => `  ERROR outside the requirements: ${truncate(e, 300)}`),
    ...matrix.notices.map((n) => `  NOTICE: ${n}`),
    ...uncheckedSummary(matrix),
    `  Matrix: ${join(reportsDir, MATRIX_MD)} (and .json)`,
    ...artifactLines.map((l) => `  ${l}`),
    `  Run verdict: ${runVerdictText(matrix)}`,
    '',
  ].join('\n');
}
