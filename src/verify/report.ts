import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Coverage } from './variants';
import type { ProofSummary, VariantVerdict } from './verdict';

export interface ProofReport {
  kind: 'adt-verify-suite';
  version: 2;
  generatedAt: string;
  /** Names given with --only; absent for a full run. */
  only?: string[];
  wallTimeMs: number;
  summary: ProofSummary;
  coverage: Coverage;
  /** In-process: the whole plan against every variant. */
  variants: VariantVerdict[];
  /** The sample run end to end through Playwright, with replay parity and agreement with the in-process verdicts. */
  endToEnd: VariantVerdict[];
}

export const REPORT_JSON = 'verify-suite.json';
export const REPORT_MD = 'verify-suite.md';

const RESULT_LABEL: Record<VariantVerdict['outcome'], string> = {
  killed: 'KILLED',
  survived: 'SURVIVED',
  passed: 'PASSED',
  'false failure': 'FALSE FAILURE',
  'broken run': 'BROKEN RUN',
};

const list = (ids: readonly string[]): string => (ids.length === 0 ? '-' : ids.join(', '));

export function seconds(ms: number): string {
  return ms >= 60_000
    ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`
    : `${(ms / 1000).toFixed(1)}s`;
}

/** One progress line per finished variant. */
export function progressLine(verdict: VariantVerdict, done: number, total: number): string {
  const result = verdict.ok ? RESULT_LABEL[verdict.outcome] : `${RESULT_LABEL[verdict.outcome]} (!)`;
  const detail =
    verdict.kind === 'defect'
      ? `targets ${list(verdict.targets)}, killed by ${list(verdict.killedBy)}${verdict.collateral.length > 0 ? `, collateral ${list(verdict.collateral)}` : ''}`
      : `failing: ${list([...verdict.failedMust, ...verdict.warnings])}`;
  return `[${String(done).padStart(String(total).length)}/${total}] ${result.padEnd(17)} ${verdict.kind.padEnd(8)} ${verdict.name}: ${detail} (${seconds(verdict.durationMs)})`;
}

function headline(report: ProofReport): string {
  const { summary, coverage } = report;
  return [
    `${summary.killed}/${summary.defects} defects killed (${summary.killedPercent}%)`,
    `${summary.survivors.length} survivor(s)`,
    `${summary.falseFailures.length} false failure(s) in ${summary.correctServers} correct server(s)`,
    `${summary.brokenRuns.length} broken run(s)`,
    coverage.mustWithoutDefect.length === 0
      ? 'every MUST requirement targeted'
      : `MUST requirements without a defect: ${coverage.mustWithoutDefect.join(', ')}`,
    `${report.endToEnd.filter((v) => v.ok).length}/${report.endToEnd.length} end-to-end run(s) as proven in process`,
    `wall time ${seconds(report.wallTimeMs)}`,
  ].join('; ');
}

function problemLines(report: ProofReport): string[] {
  const lines = [...report.variants, ...report.endToEnd]
    .filter((v) => !v.ok)
    .flatMap((v) => [
      `  ${RESULT_LABEL[v.outcome]} ${v.kind} ${v.name}${v.layer === undefined ? '' : ' (end to end)'}: ${v.description}`,
      ...v.problems.map((problem) => `      - ${problem}`),
      ...Object.entries(v.failureReasons)
        .filter(([id]) => v.kind !== 'defect' || !v.targets.includes(id))
        .map(([id, reason]) => `      ${id}: ${reason}`),
      ...(v.logFile === undefined ? [] : [`      suite output: ${v.logFile}`]),
    ]);
  if (report.coverage.unknownTargets.length > 0)
    lines.push(`  Defects targeting unknown requirement ids: ${report.coverage.unknownTargets.join(', ')}`);
  return lines;
}

/** How many runs were replayed from their recordings with the same verdicts (docs/verify.md, Replay parity). */
function parityLines(report: ProofReport): string[] {
  const replayed = report.endToEnd.filter((v) => v.replayParity !== undefined);
  const identical = replayed.filter((v) => v.replayParity === 'identical').length;
  const agreeing = report.endToEnd.filter((v) => (v.layerDisagreements ?? []).length === 0);
  return [
    ...(report.endToEnd.length === 0
      ? []
      : [
          `End to end (the real suite through Playwright): ${agreeing.length}/${report.endToEnd.length} give every requirement they check the in-process verdict (${report.endToEnd.map((v) => `${v.name} ${RESULT_LABEL[v.outcome]}`).join(', ')})`,
        ]),
    ...(replayed.length === 0
      ? []
      : [
          `Replay parity (each run's recording served back by the mock, same tests): ${identical}/${replayed.length} identical (${replayed.map((v) => v.name).join(', ')})`,
        ]),
  ];
}

/** The matrix as printed at the end: defect → killed by which requirement ids, collateral apart. */
export function consoleReport(report: ProofReport): string {
  const width = Math.max(...report.variants.map((v) => v.name.length), 8);
  const rows = report.variants.map((v) => {
    const result = (v.ok ? RESULT_LABEL[v.outcome] : `${RESULT_LABEL[v.outcome]} (!)`).padEnd(17);
    const caught = v.kind === 'defect' ? list(v.killedBy) : list([...v.failedMust, ...v.warnings]);
    return `  ${result} ${v.kind.padEnd(8)} ${v.name.padEnd(width)}  ${list(v.targets).padEnd(24)} ${caught.padEnd(24)} ${list(v.collateral)}`;
  });
  const problems = problemLines(report);
  const parity = parityLines(report);
  return [
    '',
    'Mutation proof of the conformance suite',
    `  ${'result'.padEnd(17)} ${'kind'.padEnd(8)} ${'variant'.padEnd(width)}  ${'targets'.padEnd(24)} ${'killed by / failing'.padEnd(24)} collateral`,
    ...rows,
    '',
    ...(problems.length > 0 ? ['Problems:', ...problems, ''] : []),
    ...parity,
    ...(report.coverage.shouldWithoutDefect.length > 0
      ? [`SHOULD requirements without a defect (allowed): ${report.coverage.shouldWithoutDefect.join(', ')}`]
      : []),
    `${report.summary.ok ? 'PROOF PASSED' : 'PROOF FAILED'}: ${headline(report)}.`,
    '',
  ].join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function markdownReport(report: ProofReport): string {
  const problems = problemLines(report);
  return [
    '# Mutation proof of the conformance suite',
    '',
    `**${report.summary.ok ? 'PASSED' : 'FAILED'}**: ${cell(headline(report))}.`,
    '',
    `Generated ${report.generatedAt}${report.only ? ` for --only ${report.only.join(',')}` : ''}. Each row is the suite's whole plan, run in process against the bundled mock started with one quirk.`,
    '"Killed by" lists the targeted requirements that failed (MUST) or warned (SHOULD); "collateral" lists other requirements that failed too.',
    '',
    '| Result | Kind | Variant | Description | Targets | Killed by / failing | Collateral | Time |',
    '|---|---|---|---|---|---|---|---|',
    ...report.variants.map((v) => {
      const caught = v.kind === 'defect' ? list(v.killedBy) : list([...v.failedMust, ...v.warnings]);
      return `| ${v.ok ? '✅' : '❌'} ${RESULT_LABEL[v.outcome]} | ${v.kind} | ${v.name} | ${cell(v.description)} | ${list(v.targets)} | ${caught} | ${list(v.collateral)} | ${seconds(v.durationMs)} |`;
    }),
    '',
    ...parityLines(report).flatMap((line) => [line, '']),
    '## Defects per requirement',
    '',
    '| Requirement | Defects |',
    '|---|---|',
    ...Object.entries(report.coverage.defectsByRequirement).map(
      ([id, names]) => `| ${id} | ${names.length === 0 ? '**none**' : names.join(', ')} |`,
    ),
    '',
    ...(problems.length > 0 ? ['## Problems', '', '```', ...problems, '```', ''] : []),
  ].join('\n');
}

export function writeReports(dir: string, report: ProofReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, REPORT_JSON);
  const md = path.join(dir, REPORT_MD);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, markdownReport(report));
  return { json, md };
}
