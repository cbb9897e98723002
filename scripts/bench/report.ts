// The bench's outputs: one JSON file with every run, one Markdown summary (also printed).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReadySection } from './sections/ready';
import type { ThroughputSection } from './sections/throughput';

export interface BenchReport {
  meta: {
    startedAt: string;
    finishedAt?: string;
    commit: string;
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    loadAverageAtStart: number[];
    options: object;
    command: string;
  };
  throughput?: ThroughputSection;
  ready?: ReadySection;
}

const fmt = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratioText = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function throughputMarkdown(section: ThroughputSection): string {
  const out: string[] = ['## Mock throughput and latency', ''];
  out.push(
    table(
      ['server', 'request', 'connections', 'req/s (median)', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'others\' CPU %', 'saturated'],
      section.medians.map((m) => [m.target, m.op, String(m.connections), fmt(m.requestsPerSec), fmt(m.p50Ms, 3), fmt(m.p99Ms, 3), fmt(m.serverCpuMicrosPerRequest, 1), fmt(m.otherCpuPercent), m.saturatedRounds]),
    ),
  );
  if (section.ratios.length > 0) {
    out.push('', '### Ratios (mock ÷ other, per round, then median)', '');
    out.push(
      table(
        ['versus', 'request', 'connections', 'per round', 'median req/s ratio', 'CPU-per-request ratio', 'target', 'met'],
        section.ratios.map((r) => [
          r.versus === 'bare' ? 'bare node:http' : 'Prism',
          r.op,
          String(r.connections),
          r.perRound.map((value) => value.toFixed(2)).join(', '),
          ratioText(r.median),
          ratioText(r.cpuMedian),
          `≥ ${r.target}×`,
          r.met ? 'yes' : '**no**',
        ]),
      ),
    );
  }
  if (section.notes.length > 0) out.push('', ...section.notes.map((note) => `- ${note}`));
  return out.join('\n');
}

function readyMarkdown(section: ReadySection): string {
  const out: string[] = ['## Time to ready', '', 'From spawn to the first accepted answer (the mock: 200 on `/healthz`; Prism, which has no health route: its first answer on a real path), polled every 2 ms.', ''];
  out.push(
    table(
      ['launch', 'median ms', 'min ms', 'max ms', 'per round ms'],
      section.rows.map((row) => [row.launch, fmt(row.medianMs), fmt(row.minMs), fmt(row.maxMs), row.readyMs.map((ms) => ms.toFixed(0)).join(', ')]),
    ),
  );
  out.push('');
  if (section.prismOverMock) {
    out.push(`- Prism ÷ mock (tsx mock/main.ts), per round: ${section.prismOverMock.perRound.map((value) => value.toFixed(1)).join(', ')}; median **${ratioText(section.prismOverMock.median)}** (the mock is ready that many times sooner).`);
  }
  const mock = section.rows.find((row) => row.launch === 'mock: tsx mock/main.ts');
  out.push(`- Mock target "well under a second" (< ${section.mockTargetMs} ms, median): ${mock ? fmt(mock.medianMs) : 'n/a'} ms, ${section.mockMet ? 'met' : '**missed**'}.`);
  out.push(...section.derived.map((item) => `- ${item.label}: ${fmt(item.ms)} ms`));
  out.push(...section.notes.map((note) => `- ${note}`));
  return out.join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const parts = [
    '# Benchmark results',
    '',
    `Run ${report.meta.startedAt} at commit ${report.meta.commit} on ${report.meta.cpus} × ${report.meta.cpuModel}, Node ${report.meta.node}` +
      ` (load average at start ${report.meta.loadAverageAtStart.join(' / ')}). Reproduce: \`${report.meta.command}\`.`,
  ];
  if (report.throughput) parts.push('', throughputMarkdown(report.throughput));
  if (report.ready) parts.push('', readyMarkdown(report.ready));
  return `${parts.join('\n')}\n`;
}

export function writeReports(report: BenchReport, outDir: string): { json: string; markdown: string; markdownText: string } {
  mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, 'bench.json');
  const markdown = path.join(outDir, 'bench.md');
  const markdownText = renderMarkdown(report);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, markdownText);
  return { json, markdown, markdownText };
}
