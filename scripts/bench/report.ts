// The bench's outputs: one JSON file with every run, one Markdown summary (also printed).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { median } from './stats';
import { testCount } from './suite-run';
import type { CompareSection } from './sections/compare';
import { FAILING_RUNS, type FailingSection } from './sections/failing';
import type { LoopSection } from './sections/loop';
import type { ProfileSection } from './sections/profile';
import type { ReadySection } from './sections/ready';
import type { ScalingSection } from './sections/scaling';
import type { SuiteSection } from './sections/suite';
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
    loadAverageAtEnd?: number[];
    options: object;
    command: string;
  };
  throughput?: ThroughputSection;
  ready?: ReadySection;
  suite?: SuiteSection;
  scaling?: ScalingSection;
  compare?: CompareSection;
  failing?: FailingSection;
  profile?: ProfileSection;
  loop?: LoopSection;
}

const fmt = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratioText = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function throughputMarkdown(section: ThroughputSection): string {
  const out: string[] = ['## Mock throughput and latency', ''];
  out.push(
    table(
      [
        'server',
        'request',
        'connections',
        'req/s (median)',
        'p50 ms',
        'p99 ms',
        'server CPU µs/req',
        "others' CPU %",
        'saturated',
      ],
      section.medians.map((m) => [
        m.target,
        m.op,
        String(m.connections),
        fmt(m.requestsPerSec),
        fmt(m.p50Ms, 3),
        fmt(m.p99Ms, 3),
        fmt(m.serverCpuMicrosPerRequest, 1),
        fmt(m.otherCpuPercent),
        m.saturatedRounds,
      ]),
    ),
  );
  if (section.ratios.length > 0) {
    out.push('', '### Ratios (mock ÷ other, per round, then median)', '');
    out.push(
      table(
        [
          'versus',
          'request',
          'connections',
          'per round',
          'median req/s ratio',
          'CPU-per-request ratio',
          'target',
          'met',
        ],
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
  const out: string[] = [
    '## Time to ready',
    '',
    'From spawn to the first accepted answer (the mock: 200 on `/healthz`; Prism, which has no health route: its first answer on a real path), polled every 2 ms.',
    '',
  ];
  out.push(
    table(
      ['launch', 'median ms', 'min ms', 'max ms', 'per round ms'],
      section.rows.map((row) => [
        row.launch,
        fmt(row.medianMs),
        fmt(row.minMs),
        fmt(row.maxMs),
        row.readyMs.map((ms) => ms.toFixed(0)).join(', '),
      ]),
    ),
  );
  out.push('');
  if (section.prismOverMock) {
    out.push(
      `- Prism ÷ mock (tsx mock/main.ts), per round: ${section.prismOverMock.perRound.map((value) => value.toFixed(1)).join(', ')}; median **${ratioText(section.prismOverMock.median)}** (the mock is ready that many times sooner).`,
    );
  }
  const mock = section.rows.find((row) => row.launch === 'mock: tsx mock/main.ts');
  out.push(
    `- Mock target "well under a second" (< ${section.mockTargetMs} ms, median): ${mock ? fmt(mock.medianMs) : 'n/a'} ms, ${section.mockMet ? 'met' : '**missed**'}.`,
  );
  out.push(...section.derived.map((item) => `- ${item.label}: ${fmt(item.ms)} ms`));
  out.push(...section.notes.map((note) => `- ${note}`));
  return out.join('\n');
}

const seconds = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'n/a');

function suiteMarkdown(section: SuiteSection): string {
  const out: string[] = [
    '## Suite overhead',
    '',
    "Wall time from process start to exit, the bundled mock's start included.",
    '',
  ];
  const row = (name: string, timed: SuiteSection['full']): string[] => [
    name,
    `\`${timed.command}\``,
    seconds(timed.medianMs),
    section.runs
      .filter((r) => r.label === timed.label)
      .map((r) => seconds(r.wallMs))
      .join(', '),
  ];
  out.push(
    table(
      ['run', 'command', 'median', 'per round'],
      [
        row('full suite', section.full),
        row('floor (one trivial API test)', section.floor),
        row(`floor at the suite's size (${section.floorAtSize.tests} trivial API tests)`, section.floorAtSize),
      ],
    ),
  );
  const full = section.runs.find((r) => r.label === section.full.label);
  const perRound = (values: number[]): string => values.map((value) => value.toFixed(2)).join(', ');
  out.push(
    '',
    `- Full ÷ floor, per round: ${perRound(section.perRound)}; median **${ratioText(section.medianRatio)}** (target ≤ ${section.target}×: ${section.met ? 'met' : '**missed**'}).`,
    `- Full ÷ floor at the suite's size, per round: ${perRound(section.perRoundAtSize)}; median **${ratioText(section.medianRatioAtSize)}**: what the suite adds beyond Playwright's own cost per test.`,
    `- Playwright's own cost per trivial test on this machine: ${Number.isFinite(section.playwrightMsPerTest) ? section.playwrightMsPerTest.toFixed(1) : 'n/a'} ms ((floor at size − floor) ÷ (tests − 1)).`,
  );
  if (full)
    out.push(
      `- The full suite ran ${testCount(full)} tests (${full.passed ?? 0} passed, ${full.failed ?? 0} failed, ${full.skipped ?? 0} skipped).`,
    );
  out.push(...section.notes.map((note) => `- ${note}`));
  return out.join('\n');
}

function compareMarkdown(section: CompareSection): string {
  const out: string[] = [
    '## Compare',
    '',
    `\`npm run compare -- mock mock+${section.quirk}\` against the two \`npm run conformance\` runs it replaces, wall time from process start to exit.`,
    '',
  ];
  const labels = [...new Set(section.runs.map((run) => run.label))];
  out.push(
    table(
      ['run', 'median', 'per round'],
      labels.map((label) => {
        const runs = section.runs.filter((run) => run.label === label);
        return [
          `\`${label}\``,
          seconds(median(runs.map((run) => run.wallMs))),
          runs.map((run) => seconds(run.wallMs)).join(', '),
        ];
      }),
    ),
    '',
    `- Compare ÷ (the two runs), per round: ${section.perRound.map((value) => value.toFixed(2)).join(', ')}; median **${ratioText(section.medianRatio)}** ` +
      `(${seconds(section.medianCompareMs)} vs ${seconds(section.medianSumOfRunsMs)}; target ≤ ${section.target}×: ${section.met ? 'met' : '**missed**'}).`,
    ...section.notes.map((note) => `- ${note}`),
  );
  return out.join('\n');
}

function failingMarkdown(section: FailingSection): string {
  const out: string[] = [
    '## Failing target',
    '',
    `\`npm run conformance\` against a URL target (\`AZURE_DIGITALTWINS_URL\`, \`ADT_AUTH=token\`, \`ADT_MAX_RPS=0\`, \`ADT_HTML_REPORT=off\`): the mock started on its own, clean and with the \`${section.quirk}\` quirk. Wall time from process start to exit; the mock's start is not in it.`,
    '',
  ];
  out.push(
    table(
      ['run', 'target', 'median', 'per round', 'exit codes'],
      FAILING_RUNS.map((spec) => {
        const runs = section.runs.filter((run) => run.label === spec.label);
        return [
          `\`${spec.label}\``,
          `\`${spec.target}\``,
          seconds(median(runs.map((run) => run.wallMs))),
          runs.map((run) => seconds(run.wallMs)).join(', '),
          runs.map((run) => String(run.exitCode ?? 'signal')).join(', '),
        ];
      }),
    ),
    '',
    table(
      ['ratio', 'per round', 'median', 'target', 'met'],
      [
        [
          'failing ÷ clean',
          section.perRound.map((value) => value.toFixed(2)).join(', '),
          ratioText(section.medianRatio),
          `≤ ${section.target}×`,
          section.met ? 'yes' : '**no**',
        ],
      ],
    ),
    '',
    `- Medians: ${seconds(section.medianQuirkMs)} failing vs ${seconds(section.medianCleanMs)} clean; the clean run exits 0, the failing one 1 (run verdict FAILED), both by design.`,
    ...section.notes.map((note) => `- ${note}`),
  );
  return out.join('\n');
}

function scalingMarkdown(section: ScalingSection): string {
  const out: string[] = [
    '## Scaling with the number of jobs on the target',
    '',
    '`npm run conformance` against the bundled mock seeded with the default scenario plus N generated finished jobs.',
    '',
  ];
  out.push(
    table(
      ['generated jobs', 'jobs in all', 'tests', 'median wall', 'per round', 'exit codes'],
      section.points.map((p) => [
        String(p.generatedJobs),
        String(p.totalJobs),
        fmt(p.medianTests),
        seconds(p.medianMs),
        p.runs.map((r) => seconds(r.wallMs)).join(', '),
        p.runs.map((r) => String(r.exitCode ?? 'signal')).join(', '),
      ]),
    ),
  );
  out.push(
    '',
    `- Straight line through the medians: **${fmt(section.fit.slope, 1)} ms per job** on top of a fixed ${seconds(section.fit.intercept)} (r² = ${fmt(section.fit.r2, 3)}).`,
    ...section.segments.map(
      (s) => `- Marginal cost from ${s.from} to ${s.to} generated jobs: ${fmt(s.msPerJob, 1)} ms per job.`,
    ),
    `- Growth at most linear: ${section.atMostLinear ? 'yes' : '**no** (the later segment costs clearly more per job than the first)'}.`,
  );
  out.push(...section.notes.map((note) => `- ${note}`));
  return out.join('\n');
}

function profileMarkdown(section: ProfileSection): string {
  const out: string[] = ['## CPU profile of the mock under load', ''];
  for (const row of section.rows) {
    out.push(
      `### ${row.op}, ${row.connections} connections (${fmt(row.requestsPerSec)} req/s under the profiler; busy ${fmt(row.summary.busyMs)} ms of ${fmt(row.summary.totalMs)} ms)`,
      '',
    );
    out.push(
      table(
        ['self %', 'function', 'where'],
        row.summary.functions.slice(0, 10).map((spot) => [fmt(spot.selfPercent, 1), `\`${spot.name}\``, spot.where]),
      ),
    );
    out.push(
      '',
      table(
        ['inclusive %', 'project function', 'where'],
        row.summary.projectInclusive
          .slice(0, 8)
          .map((spot) => [fmt(spot.selfPercent, 1), `\`${spot.name}\``, spot.where]),
      ),
    );
    out.push('', `Profile: ${row.profileFile} (open in Chrome DevTools → Performance, or VS Code).`, '');
  }
  if (section.suite) {
    const { run, processes } = section.suite;
    out.push(`### Every process of one \`${run.command}\` (${seconds(run.wallMs)} wall under the profiler)`, '');
    out.push(
      table(
        ['process', 'busy CPU', 'files with most self time'],
        processes.map((p) => [
          p.process,
          seconds(p.summary.busyMs),
          p.summary.files
            .slice(0, 3)
            .map((f) => `${f.name} ${fmt(f.selfPercent)}%`)
            .join('; '),
        ]),
      ),
    );
    const busiest = processes[0];
    if (busiest) {
      out.push('', `Busiest process, ${busiest.process}:`, '');
      out.push(
        table(
          ['self %', 'function', 'where'],
          busiest.summary.functions
            .slice(0, 12)
            .map((spot) => [fmt(spot.selfPercent, 1), `\`${spot.name}\``, spot.where]),
        ),
      );
      out.push(
        '',
        table(
          ['inclusive %', 'project function', 'where'],
          busiest.summary.projectInclusive
            .slice(0, 8)
            .map((spot) => [fmt(spot.selfPercent, 1), `\`${spot.name}\``, spot.where]),
        ),
      );
    }
  }
  return out.join('\n');
}

function loopMarkdown(section: LoopSection): string {
  const out: string[] = [
    `## The development loop: \`${section.command}\``,
    '',
    `Wall time from start to exit, and the CPU of every process it started (user + system, from the kernel's accounting of waited-for children), on ${section.cores} cores.`,
    '',
  ];
  const budget = section.budgetMs;
  out.push(
    table(
      [
        'round',
        'wall',
        ...(budget === undefined ? [] : [`≤ ${budget / 60_000} min`]),
        'CPU (user + system)',
        'cores busy',
        'machine cores busy',
        'reference workload before / after',
        'exit',
      ],
      section.rounds.map((round, index) => [
        String(index + 1),
        seconds(round.wallMs),
        ...(budget === undefined ? [] : [round.wallMs <= budget ? 'met' : '**missed**']),
        `${seconds(round.userMs + round.systemMs)} (${seconds(round.userMs)} + ${seconds(round.systemMs)})`,
        `${fmt(round.coresBusy, 2)} of ${section.cores}`,
        `${fmt(round.machineCoresBusy, 2)} of ${section.cores}`,
        `${fmt(round.referenceMs.before)} / ${fmt(round.referenceMs.after)} ms`,
        round.timedOut ? 'timed out' : String(round.exitCode ?? 'signal'),
      ]),
    ),
  );
  const scripts = [...new Set(section.rounds.flatMap((round) => round.steps.map((step) => step.script)))];
  if (scripts.length > 0) {
    out.push(
      '',
      table(
        ['step', 'seconds per round'],
        scripts.map((script) => [
          `npm run ${script}`,
          section.rounds
            .map((round) => round.steps.find((step) => step.script === script)?.seconds ?? 'n/a')
            .join(', '),
        ]),
      ),
    );
  }
  out.push(
    '',
    '- Cores busy counts the CPU of the processes the command started and waited for; machine cores busy counts everything on the machine: kernel threads, processes that outlived their parent, anything else running. When the machine is at its core count, the loop is CPU-bound and only less CPU makes it faster.',
    '- The reference workload is a fixed CPU-only task (native hashing) timed in the bench process just before and after the round. A slower reference, or more CPU for the same work, means the host gave a core less speed during that round: compare rounds by CPU, not by wall time alone.',
  );
  return out.join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const parts = [
    '# Benchmark results',
    '',
    `Run ${report.meta.startedAt} at commit ${report.meta.commit} on ${report.meta.cpus} × ${report.meta.cpuModel}, Node ${report.meta.node}` +
      ` (load average ${report.meta.loadAverageAtStart.join(' / ')} at start, ${report.meta.loadAverageAtEnd?.join(' / ') ?? 'n/a'} at end). Reproduce: \`${report.meta.command}\`.`,
  ];
  const busiest = Math.max(report.meta.loadAverageAtStart[0] ?? 0, report.meta.loadAverageAtEnd?.[0] ?? 0);
  if (busiest > report.meta.cpus) {
    parts.push(
      '',
      `> The machine was busy with other work (1-minute load average up to ${busiest.toFixed(1)} on ${report.meta.cpus} cores): absolute times and rates are inflated and noisy. ` +
        'Compare the per-round ratios, which pair runs taken seconds apart under the same load.',
    );
  }
  if (report.throughput) parts.push('', throughputMarkdown(report.throughput));
  if (report.ready) parts.push('', readyMarkdown(report.ready));
  if (report.suite) parts.push('', suiteMarkdown(report.suite));
  if (report.scaling) parts.push('', scalingMarkdown(report.scaling));
  if (report.compare) parts.push('', compareMarkdown(report.compare));
  if (report.failing) parts.push('', failingMarkdown(report.failing));
  if (report.profile) parts.push('', profileMarkdown(report.profile));
  if (report.loop) parts.push('', loopMarkdown(report.loop));
  return `${parts.join('\n')}\n`;
}

export function writeReports(
  report: BenchReport,
  outDir: string,
): { json: string; markdown: string; markdownText: string } {
  mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, 'bench.json');
  const markdown = path.join(outDir, 'bench.md');
  const markdownText = renderMarkdown(report);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, markdownText);
  return { json, markdown, markdownText };
}
