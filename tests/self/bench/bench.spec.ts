// Smoke test of the bench harness: its pieces work and a tiny quick run writes its reports.
// Timing is never asserted here; speed is measured by `npm run bench` itself.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadScenarios, parseScenario } from '../../../mock/scenarios';
import { parseOptions, REPO_ROOT, UsageError } from '../../../scripts/bench/options';
import { preparePrismSpec, PrismUnavailable } from '../../../scripts/bench/prism';
import type { BenchReport } from '../../../scripts/bench/report';
import { writeScaledScenario } from '../../../scripts/bench/scenario';
import { parseSteps } from '../../../scripts/bench/sections/loop';
import { linearFit, median, percentileOfSorted } from '../../../scripts/bench/stats';
import { SNAPSHOT_FILE } from '../../../scripts/spec-snapshot';
import { TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';

test('stats: median, nearest-rank percentile and the least-squares line', () => {
  expect(median([5, 1, 3]), 'odd count: the middle value').toBe(3);
  expect(median([4, 1, 3, 2]), 'even count: mean of the two middle values').toBe(2.5);
  expect(percentileOfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99), 'p99 of ten values is the largest').toBe(10);
  const fit = linearFit([10, 100, 1000], [1_020, 1_200, 3_000]);
  expect(fit.slope, 'slope of y = 1000 + 2x').toBeCloseTo(2, 9);
  expect(fit.intercept, 'intercept of y = 1000 + 2x').toBeCloseTo(1_000, 6);
  expect(fit.r2, 'points on a line fit it exactly').toBeCloseTo(1, 9);
});

test('options: defaults, --quick, --only aliases, and one clear message for a bad flag', () => {
  const full = parseOptions([]);
  expect(full.sections, 'everything runs by default').toEqual([
    'throughput',
    'ready',
    'suite',
    'scaling',
    'compare',
    'failing',
  ]);
  expect(full.connections, 'several connection counts by default').toEqual([1, 10, 50]);
  expect(full.jobCounts, 'the scaling sizes of the issue').toEqual([10, 100, 1000]);
  const quick = parseOptions(['--quick', '--only', 'mock', '--targets=bare,mock']);
  expect(quick.sections, '"mock" means the mock\'s own sections').toEqual(['throughput', 'ready']);
  expect(quick.targets, 'targets are filtered').toEqual(['bare', 'mock']);
  expect(quick.rounds, 'quick runs fewer rounds').toBeLessThan(full.rounds);
  expect(full.publishTo, 'a run with every default publishes docs/bench-results.md').toBe(
    path.join(REPO_ROOT, 'docs', 'bench-results.md'),
  );
  expect(quick.publishTo, 'a run with any option is a trial and publishes nothing').toBeUndefined();
  expect(() => parseOptions(['--only', 'speed']), 'an unknown section names the known ones').toThrow(
    /--only: unknown value "speed" \(known: throughput/,
  );
  expect(() => parseOptions(['--rounds', '0']), 'rounds must be positive').toThrow(UsageError);
  expect(() => parseOptions(['--fast']), 'an unknown flag is named').toThrow(/unknown argument "--fast"/);
  expect(full.loopCommand, 'the loop section times npm test unless told otherwise').toBe('npm test');
  expect(
    parseOptions(['--only', 'loop', '--loop-command', 'npm run verify:suite']).loopCommand,
    '--loop-command names what the loop section times',
  ).toBe('npm run verify:suite');
});

test("loop: the steps of npm test's summary, whatever their state", () => {
  const summary = [
    'npm test:',
    '  ok      npm run check:drift       1 s',
    '  FAILED  npm run test:self       220 s  (exit 1)',
    '  stopped npm run verify:suite    12 s  (a check failed)',
    '  wall time 3m52s',
  ].join('\n');
  expect(parseSteps(summary), 'one step per summary line, with its state and seconds').toEqual([
    { state: 'ok', script: 'check:drift', seconds: 1 },
    { state: 'FAILED', script: 'test:self', seconds: 220 },
    { state: 'stopped', script: 'verify:suite', seconds: 12 },
  ]);
});

test("loop: a command's CPU counts every process it started, a grandchild's included", async () => {
  const testInfo = test.info();
  test.setTimeout(60_000);
  const outDir = testInfo.outputPath('bench');
  // The child only waits; its own child burns 600 ms of CPU. A measure of the child alone would see almost none.
  const script = testInfo.outputPath('tree.js');
  const grandchild = 'const start = process.cpuUsage(); while (process.cpuUsage(start).user < 600_000) {}';
  writeFileSync(
    script,
    [
      "const { spawnSync } = require('node:child_process');",
      "console.log('  ok      npm run fake-step        3 s');",
      `spawnSync(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'inherit' });`,
    ].join('\n'),
  );
  const args = [
    ...TYPESCRIPT_NODE_ARGS,
    path.join('scripts', 'bench', 'main.ts'),
    '--only',
    'loop',
    '--scaling-rounds',
    '1',
    '--loop-command',
    `"${process.execPath}" "${script}"`,
    '--out',
    outDir,
  ];
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr });
    });
  });
  expect(result.code, `the bench exits 0; output:\n${result.output}`).toBe(0);
  const loop = (JSON.parse(readFileSync(path.join(outDir, 'bench.json'), 'utf8')) as BenchReport).loop;
  expect(loop?.rounds, 'one round, as asked').toHaveLength(1);
  const round = loop?.rounds[0];
  expect(round?.exitCode, "the command's exit code").toBe(0);
  expect(
    (round?.userMs ?? 0) + (round?.systemMs ?? 0),
    "the CPU includes the grandchild's 600 ms",
  ).toBeGreaterThanOrEqual(600);
  expect(round?.coresBusy, 'cores busy is the CPU over the wall time').toBeCloseTo(
    ((round?.userMs ?? 0) + (round?.systemMs ?? 0)) / (round?.wallMs ?? 1),
    6,
  );
  expect(round?.machineCoresBusy, "the machine's busy cores cover at least the command's own").toBeGreaterThanOrEqual(
    (round?.coresBusy ?? 0) * 0.95,
  );
  expect(round?.referenceMs.before, "the host's speed was measured before the run").toBeGreaterThan(0);
  expect(round?.steps, 'the summary line the command printed').toEqual([
    { state: 'ok', script: 'fake-step', seconds: 3 },
  ]);
  expect(loop?.budgetMs, 'the five-minute budget belongs to npm test only').toBeUndefined();
  expect(readFileSync(path.join(outDir, 'bench.md'), 'utf8'), 'the Markdown has the loop section').toContain(
    '## The development loop:',
  );
});

test('Prism spec from the shipped snapshot: only the /jobs/deletions paths, no x-ms-examples, clear message when the spec is missing', () => {
  const testInfo = test.info();
  const official = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  official.paths['/models'] = { get: { operationId: 'DigitalTwinModels_List', responses: {} } };
  const getById = official.paths['/jobs/deletions/{id}']?.get;
  if (getById) getById['x-ms-examples'] = { 'Get a job': { $ref: './examples/DeleteJobGet.json' } };
  const officialLike = testInfo.outputPath('official-like.json');
  writeFileSync(officialLike, JSON.stringify(official));
  const file = preparePrismSpec(officialLike, testInfo.outputPath('prism'));
  const text = readFileSync(file, 'utf8');
  const spec = JSON.parse(text) as { paths: Record<string, unknown>; definitions: Record<string, unknown> };
  expect(Object.keys(spec.paths).sort(), 'only the Delete Jobs paths are kept').toEqual([
    '/jobs/deletions',
    '/jobs/deletions/{id}',
  ]);
  expect(text, 'examples are stripped everywhere').not.toContain('x-ms-examples');
  expect(Object.keys(spec.definitions), 'definitions stay, so $refs resolve').toContain('DeleteJob');
  expect(
    () => preparePrismSpec(testInfo.outputPath('missing.json'), testInfo.outputPath('prism')),
    'a missing spec names --spec',
  ).toThrow(PrismUnavailable);
  expect(
    () => preparePrismSpec(testInfo.outputPath('missing.json'), testInfo.outputPath('prism')),
    'the message says how to fix it',
  ).toThrow(/--spec PATH/);
});

test('scaled scenario: the mock accepts it and it holds the default jobs plus N generated ones', () => {
  const testInfo = test.info();
  const written = writeScaledScenario(25, testInfo.outputPath('work'));
  const file = path.join(written.dir, `${written.name}.json`);
  const scenario = parseScenario(written.name, file, JSON.parse(readFileSync(file, 'utf8')));
  const defaults = parseScenario(
    'default',
    'default.json',
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'fixtures', 'scenarios', 'default.json'), 'utf8')),
  );
  expect(scenario.jobs.length, 'default jobs + 25 generated').toBe(defaults.jobs.length + 25);
  expect(written.totalJobs, 'the reported total matches the file').toBe(scenario.jobs.length);
  expect(
    [...loadScenarios(written.dir).keys()],
    'the mock serves it beside the built-in scenarios, which tests pick by name',
  ).toEqual(expect.arrayContaining(['default', 'empty', written.name]));
});

test('a tiny quick run measures bare node:http and the mock and writes JSON and Markdown', async () => {
  const testInfo = test.info();
  test.setTimeout(90_000);
  const outDir = testInfo.outputPath('bench');
  const args = [
    ...TYPESCRIPT_NODE_ARGS,
    path.join('scripts', 'bench', 'main.ts'),
    '--quick',
    '--only',
    'throughput',
    '--targets',
    'bare,mock',
    '--ops',
    'hit,miss',
    '--connections',
    '1',
    '--rounds',
    '1',
    '--duration',
    '0.3',
    '--out',
    outDir,
  ];
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, timeout: 80_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr });
    });
  });
  expect(result.code, `the bench exits 0; output:\n${result.output}`).toBe(0);
  const report = JSON.parse(readFileSync(path.join(outDir, 'bench.json'), 'utf8')) as BenchReport;
  const runs = report.throughput?.runs ?? [];
  expect(runs.map((run) => `${run.target}:${run.op}`).sort(), 'one run per server and request').toEqual([
    'bare:hit',
    'bare:miss',
    'mock:hit',
    'mock:miss',
  ]);
  for (const run of runs) {
    expect(run.result.responses, `${run.target} ${run.op} answered requests`).toBeGreaterThan(0);
    expect(
      run.unexpectedStatuses,
      `${run.target} ${run.op} answered with the expected status only (${JSON.stringify(run.result.statusCounts)})`,
    ).toBe(0);
  }
  expect(
    report.throughput?.ratios.map((row) => `${row.versus}:${row.op}`),
    'a mock ÷ bare ratio per request',
  ).toEqual(['bare:hit', 'bare:miss']);
  expect(readFileSync(path.join(outDir, 'bench.md'), 'utf8'), 'the Markdown has the ratio table').toContain(
    '### Ratios',
  );
});

test('a bad flag gives one message and the usage, no stack trace', async () => {
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [...TYPESCRIPT_NODE_ARGS, path.join('scripts', 'bench', 'main.ts'), '--only', 'speed'],
      { cwd: REPO_ROOT, timeout: 30_000 },
      (_error, stdout, stderr) => {
        resolve(stdout + stderr);
      },
    );
  });
  expect(output, 'the message names the flag').toContain('bench: --only: unknown value "speed"');
  expect(output, 'the usage follows').toContain('Usage: npm run bench');
  expect(output, 'no stack trace').not.toMatch(/\n\s+at /);
});
