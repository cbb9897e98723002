/**
 * The requirement matrix of a comparison: requirement × target, one verdict per cell, the rows where the targets
 * differ first. Pure: it reads the conformance matrices the runs wrote.
 */
import { REQUIREMENTS, type Level } from '../requirements';
import { markdownCell } from '../reporting/matrix-output';
import type { Matrix, RequirementRow, Verdict } from '../reporting/verdicts';

/** File names (without extension) of the comparison's two tables, written as .md and .json. */
export const COMPARE_MATRIX = 'compare-matrix';
export const EXCHANGE_DIFF = 'exchange-diff';

export type CellVerdict = 'passed' | 'failed' | 'incomplete' | 'not applicable';

export interface Cell {
  verdict: CellVerdict;
  /** The run's own verdict (e.g. `warning` for a failed SHOULD requirement). */
  runVerdict: Verdict | 'no result';
  /** The failure message, or why the requirement was not checked. */
  reason: string;
}

export interface CompareRow {
  id: string;
  level: Level;
  text: string;
  differs: boolean;
  cells: Record<string, Cell>;
}

export interface TargetOutcome {
  label: string;
  description: string;
  /** The run verdict, or `broken` when the run left no matrix (it crashed or was stopped). */
  status: Matrix['status'] | 'broken';
  statusReason: string;
}

export interface CompareMatrix {
  kind: 'adt-compare-matrix';
  version: 1;
  generatedAt: string;
  targets: TargetOutcome[];
  /** Ids of the requirements whose verdict differs between targets, in catalogue order. */
  differing: string[];
  rows: CompareRow[];
}

export interface TargetResult {
  label: string;
  description: string;
  matrix: Matrix | undefined;
  /** Why there is no matrix, when there is none. */
  problem?: string;
}

const CELL_OF: Record<Verdict, CellVerdict> = {
  failed: 'failed',
  warning: 'failed',
  'known deviation': 'failed',
  'deviation fixed': 'passed',
  passed: 'passed',
  'not applicable': 'not applicable',
  'not run': 'incomplete',
};

function cellOf(result: TargetResult, id: string): Cell {
  const matrix = result.matrix;
  if (matrix === undefined)
    return {
      verdict: 'incomplete',
      runVerdict: 'no result',
      reason: result.problem ?? 'the run left no conformance matrix',
    };
  const row: RequirementRow | undefined = matrix.requirements.find((candidate) => candidate.id === id);
  if (row === undefined) return { verdict: 'incomplete', runVerdict: 'no result', reason: "not in this run's matrix" };
  const unchecked = matrix.unchecked.find((candidate) => candidate.id === id);
  if (unchecked !== undefined && CELL_OF[row.verdict] !== 'failed')
    return { verdict: 'incomplete', runVerdict: row.verdict, reason: unchecked.why };
  return { verdict: CELL_OF[row.verdict], runVerdict: row.verdict, reason: row.reason };
}

export function compareMatrices(
  results: readonly TargetResult[],
  generatedAt: string = new Date().toISOString(),
): CompareMatrix {
  const rows: CompareRow[] = REQUIREMENTS.map((requirement) => {
    const cells = Object.fromEntries(results.map((result) => [result.label, cellOf(result, requirement.id)]));
    const verdicts = new Set(Object.values(cells).map((cell) => cell.verdict));
    return { id: requirement.id, level: requirement.level, text: requirement.text, differs: verdicts.size > 1, cells };
  });
  return {
    kind: 'adt-compare-matrix',
    version: 1,
    generatedAt,
    targets: results.map((result) => ({
      label: result.label,
      description: result.description,
      status: result.matrix?.status ?? 'broken',
      statusReason: result.matrix?.statusReason ?? result.problem ?? 'the run left no conformance matrix',
    })),
    differing: rows.filter((row) => row.differs).map((row) => row.id),
    // Stable: within each group the catalogue's order.
    rows: [...rows.filter((row) => row.differs), ...rows.filter((row) => !row.differs)],
  };
}

/** 0 when every target got the same verdict for every requirement, 1 otherwise (a broken run differs by definition). */
export function compareExitCode(matrix: CompareMatrix): 0 | 1 {
  return matrix.differing.length === 0 && matrix.targets.every((target) => target.status !== 'broken') ? 0 : 1;
}

/** `SAME` or `DIFFERENT`, as the console's last line and the Allure report's landing page say it. */
export function compareVerdictText(matrix: CompareMatrix): 'SAME' | 'DIFFERENT' {
  return compareExitCode(matrix) === 0 ? 'SAME' : 'DIFFERENT';
}

/**
 * The landing page of the comparison's Allure report ("Variables"): the compare verdict first, each target's run
 * verdict, then every differing requirement with its verdict per target, so no click is needed to see the answer.
 */
export function compareReportVariables(matrix: CompareMatrix): Record<string, string> {
  return {
    'Compare verdict': compareVerdictText(matrix),
    'Differing requirements': matrix.differing.length > 0 ? matrix.differing.join(', ') : 'none',
    ...Object.fromEntries(
      matrix.targets.map((target) => [
        `Target ${target.label}`,
        `${target.status.toUpperCase()}: ${target.description}`,
      ]),
    ),
    ...Object.fromEntries(
      matrix.rows
        .filter((row) => row.differs)
        .map((row) => [
          `${row.id} ${row.level}`,
          matrix.targets
            .map((target) => `${target.label}: ${row.cells[target.label]?.verdict ?? 'no result'}`)
            .join(' · '),
        ]),
    ),
  };
}

function cellText(cell: Cell): string {
  const shown =
    cell.runVerdict !== 'no result' && cell.runVerdict !== cell.verdict && cell.verdict !== 'incomplete'
      ? `${cell.verdict} (${cell.runVerdict})`
      : cell.verdict;
  return cell.verdict === 'passed' || cell.reason === '' ? shown : `${shown}: ${cell.reason}`;
}

export function compareMarkdown(matrix: CompareMatrix): string {
  const labels = matrix.targets.map((target) => target.label);
  const lines = [
    '# Conformance comparison',
    '',
    '| target | what | run verdict |',
    '|---|---|---|',
    ...matrix.targets.map(
      (target) =>
        `| ${target.label} | ${markdownCell(target.description)} | ${target.status.toUpperCase()}: ${markdownCell(target.statusReason)} |`,
    ),
    '',
    matrix.differing.length === 0
      ? 'Every target got the same verdict for every requirement.'
      : `The verdicts differ for ${matrix.differing.length} requirement(s): ${matrix.differing.join(', ')} (first in the table).`,
    '',
    `| | requirement | level | ${labels.join(' | ')} |`,
    `|---|---|---|${labels.map(() => '---|').join('')}`,
    ...matrix.rows.map(
      (row) =>
        `| ${row.differs ? '≠' : ''} | ${row.id} | ${row.level} | ${labels.map((label) => markdownCell(row.cells[label] ? cellText(row.cells[label]) : '')).join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Console columns a line is wrapped to, at spaces; a longer word (a URL) keeps its line. */
const CONSOLE_WIDTH = 120;

/** `text` as lines of at most `width` characters, broken only between words. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((candidate) => candidate !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The console's account: one line per target, then each requirement whose verdict differs, every message whole. */
export function compareSummary(matrix: CompareMatrix): string[] {
  const width = Math.max(...matrix.targets.map((target) => target.label.length));
  const lines = matrix.targets.map(
    (target) => `  ${target.label.padEnd(width)}  ${target.status.toUpperCase()}  ${target.description}`,
  );
  if (matrix.differing.length === 0) return [...lines, '  Same verdict on every target for every requirement.'];
  lines.push(`  Verdicts differ for ${matrix.differing.length} requirement(s):`);
  const indent = ' '.repeat(6 + width + 2);
  for (const row of matrix.rows.filter((candidate) => candidate.differs)) {
    lines.push(`  ≠ ${row.id} ${row.level}`);
    for (const [label, cell] of Object.entries(row.cells)) {
      const [first = '', ...rest] = wrapWords(cellText(cell), Math.max(60, CONSOLE_WIDTH - indent.length));
      lines.push(`      ${label.padEnd(width)}  ${first}`, ...rest.map((line) => `${indent}${line}`));
    }
  }
  return lines;
}
