import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  KnownDeviationsError,
  loadKnownDeviations,
  validateKnownDeviations,
} from '../../../src/reporting/known-deviations';
import type { RunRecord, TestRecord } from '../../../src/reporting/run-record';
import { appendUncheckedToJunit } from '../../../src/reporting/junit-unchecked';
import { matrixMarkdown, matrixSummary } from '../../../src/reporting/matrix-output';
import { ConfigError, parseConfig, type Env } from '../../../src/config';
import type { FullProject } from '@playwright/test/reporter';
import { unusableTargetReason } from '../../../src/reporting/matrix-reporter';
import { selectedBy } from '../../../src/reporting/selection';
import { computeMatrix, exitCodeOf, JOB_FIX, verdictHeadline, type Matrix } from '../../../src/reporting/verdicts';
import { REQUIREMENTS } from '../../../src/requirements';

const acceptIncompleteFrom = (env: Env): boolean => parseConfig(env).reports.acceptIncomplete;
import { readFileSync } from 'node:fs';

function testRecord(
  id: string,
  tag: string,
  outcome: TestRecord['outcome'],
  extra: Partial<TestRecord> = {},
): TestRecord {
  return {
    id,
    title: `${tag.slice(1)} check ${id}`,
    location: `spec.ts:${id.length}`,
    tags: [tag],
    outcome,
    failedAttempt: false,
    skipReasons: [],
    ...extra,
  };
}

function runRecord(tests: TestRecord[], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    kind: 'adt-conformance-run',
    version: 1,
    shard: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    playwrightStatus: 'passed',
    runErrors: [],
    deviationsFile: null,
    deviations: [],
    environment: {},
    tests,
    ...extra,
  };
}

const verdictOf = (matrix: Matrix, id: string): string | undefined =>
  matrix.requirements.find((r) => r.id === id)?.verdict;

test('a requirement whose tests all skipped is not applicable, never passed', () => {
  const matrix = computeMatrix([
    runRecord([testRecord('a', '@DJ-CASE-02', 'skipped', { skipReasons: ['no such ids'] })]),
  ]);
  expect(verdictOf(matrix, 'DJ-CASE-02'), 'verdict of an all-skipped requirement').toBe('not applicable');
  expect(matrix.status, 'run verdict').toBe('passed');
});

test('a test that failed before passing on retry counts as a failure', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-200-01', 'passed', { failedAttempt: true })])]);
  expect(verdictOf(matrix, 'DJ-200-01'), 'verdict of a flaky MUST requirement').toBe('failed');
  expect(matrix.status, 'run verdict with a flaky MUST requirement').toBe('failed');
});

test('one failing test among passing ones fails the requirement', () => {
  const matrix = computeMatrix([
    runRecord([
      testRecord('a', '@DJ-200-01', 'passed'),
      testRecord('b', '@DJ-200-01', 'failed', { error: 'boom' }),
      testRecord('c', '@DJ-200-01', 'skipped'),
    ]),
  ]);
  expect(verdictOf(matrix, 'DJ-200-01'), 'verdict').toBe('failed');
  expect(matrix.requirements.find((r) => r.id === 'DJ-200-01')?.reason, 'reason').toContain(
    'boom (1 of 3 test(s) failed',
  );
});

test('an interrupted run keeps its requirements not run and is INTERRUPTED (exit 130), not a verdict about the target', () => {
  const matrix = computeMatrix([
    runRecord([testRecord('a', '@DJ-200-01', 'interrupted')], { playwrightStatus: 'interrupted' }),
  ]);
  expect(verdictOf(matrix, 'DJ-200-01'), 'verdict of an interrupted test').toBe('not run');
  expect([matrix.status, exitCodeOf(matrix)], 'run verdict and exit code of an interrupted run').toEqual([
    'interrupted',
    130,
  ]);
  expect(matrixSummary(matrix, 'reports'), 'the console line').toContain(
    'Run verdict: INTERRUPTED (stopped by Ctrl-C or a signal before it finished)',
  );
});

test('shards merge into one verdict per requirement, and a missing shard fails the merged verdict', () => {
  const shard = (current: number, tests: TestRecord[]): RunRecord => runRecord(tests, { shard: { current, total: 3 } });
  const one = shard(1, [testRecord('a', '@DJ-200-01', 'passed'), testRecord('b', '@DJ-200-02', 'passed')]);
  const two = shard(2, [testRecord('c', '@DJ-200-01', 'passed'), testRecord('d', '@DJ-APIV-02', 'failed')]);
  const three = shard(3, [testRecord('e', '@DJ-200-03', 'passed')]);

  const merged = computeMatrix([one, two, three], { requireAllShards: true });
  expect(
    merged.requirements.find((r) => r.id === 'DJ-200-01')?.tests,
    'tests of DJ-200-01 from both shards',
  ).toHaveLength(2);
  expect(merged.counts, 'verdict counts').toMatchObject({ passed: 3, warning: 1 });
  expect(merged.status, 'merged verdict').toBe('passed');

  expect(computeMatrix([one]).status, 'a single shard on its own').toBe('passed');
  const incomplete = computeMatrix([one, two], { requireAllShards: true });
  expect(incomplete.runErrors, 'missing shard').toEqual([
    'results of shard(s) 3 of 3 are missing: the combined verdict is incomplete',
  ]);
  expect(incomplete.status, 'merged verdict with a missing shard').toBe('failed');
});

const NO_JOB = 'Not applicable: no delete job found on the target';

test('an always-MUST requirement left unchecked makes the run INCOMPLETE (exit 3), listed with why and how to check it', () => {
  const matrix = computeMatrix([
    runRecord([
      testRecord('a', '@DJ-200-01', 'skipped', { skipReasons: [NO_JOB] }),
      testRecord('b', '@DJ-404-01', 'passed'),
    ]),
  ]);
  expect(matrix.status, 'run verdict').toBe('incomplete');
  expect(exitCodeOf(matrix), 'exit code of an incomplete run').toBe(3);
  expect(matrix.unchecked, 'the unchecked requirement with its reason and fix').toEqual([
    expect.objectContaining({
      id: 'DJ-200-01',
      why: expect.stringContaining('no delete job found on the target'),
      fix: JOB_FIX,
    }),
  ]);
  expect(matrixMarkdown(matrix), 'the matrix lists it').toContain(`| DJ-200-01 |`);
  expect(matrixSummary(matrix, 'reports'), 'the console summary names the fix').toContain('ADT_DELETE_JOB_ID');
  expect(matrixSummary(matrix, 'reports'), 'the console verdict').toContain('Run verdict: INCOMPLETE');
});

test('a conditional requirement left unchecked does not make the run incomplete', () => {
  const matrix = computeMatrix([
    runRecord([testRecord('a', '@DJ-CASE-02', 'skipped', { skipReasons: ['no case twins'] })]),
  ]);
  expect(matrix.status, 'run verdict').toBe('passed');
  expect(matrix.unchecked, 'nothing unchecked that a complete run must check').toEqual([]);
});

test('ADT_ACCEPT_INCOMPLETE=1 exits 0 and the verdict still says INCOMPLETE; other values are a configuration error', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-TIME-01', 'skipped', { skipReasons: [NO_JOB] })])], {
    acceptIncomplete: acceptIncompleteFrom({ ADT_ACCEPT_INCOMPLETE: '1' }),
  });
  expect(matrix.status, 'run verdict').toBe('incomplete');
  expect(exitCodeOf(matrix), 'exit code when incomplete is accepted').toBe(0);
  expect(matrixSummary(matrix, 'reports'), 'the console verdict').toMatch(
    /Run verdict: INCOMPLETE .*accepted with ADT_ACCEPT_INCOMPLETE=1/,
  );
  expect(acceptIncompleteFrom({}), 'unset').toBe(false);
  expect(() => acceptIncompleteFrom({ ADT_ACCEPT_INCOMPLETE: 'yes' }), 'an unclear value').toThrow(ConfigError);
});

test('a failure plus missing data is FAILED, and the unchecked requirements are still listed', () => {
  const matrix = computeMatrix(
    [
      runRecord([
        testRecord('a', '@DJ-200-01', 'skipped', { skipReasons: [NO_JOB] }),
        testRecord('b', '@DJ-LIST-01', 'failed', { error: 'boom' }),
      ]),
    ],
    { acceptIncomplete: true },
  );
  expect(matrix.status, 'FAILED wins over INCOMPLETE').toBe('failed');
  expect(exitCodeOf(matrix), 'exit code').toBe(1);
  expect(
    matrix.unchecked.map((u) => u.id),
    'still listed',
  ).toEqual(['DJ-200-01']);
  expect(matrix.statusReason, 'the reason says both').toContain('also INCOMPLETE');
});

test('the JUnit XML gains one failing case per unchecked requirement, or a skipped one when accepted', () => {
  const dir = test.info().outputPath('junit');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'junit.xml');
  const records = [runRecord([testRecord('a', '@DJ-200-01', 'skipped', { skipReasons: [NO_JOB] })])];
  const playwrightXml =
    '<testsuites id="" name="" tests="1" failures="0" skipped="1" errors="0" time="1">\n</testsuites>\n';
  writeFileSync(file, playwrightXml);
  appendUncheckedToJunit(file, computeMatrix(records));
  const xml = readFileSync(file, 'utf8');
  expect(xml, 'totals count the unchecked requirement as a failure').toContain('tests="2" failures="1" skipped="1"');
  expect(xml, 'the case names the requirement and the fix').toMatch(
    /<testcase name="DJ-200-01 not checked[^"]*"[^>]*>\s*<failure message="[^"]*ADT_DELETE_JOB_ID/,
  );
  writeFileSync(file, playwrightXml);
  appendUncheckedToJunit(file, computeMatrix(records, { acceptIncomplete: true }));
  expect(readFileSync(file, 'utf8'), 'accepted: a skip').toContain('tests="2" failures="0" skipped="2"');
});

test('no run results at all is not a pass', () => {
  expect(computeMatrix([]).status, 'verdict without results').toBe('failed');
});

test('the known-deviations file is validated with one message naming the file and every problem', () => {
  const problems = (): string => {
    try {
      validateKnownDeviations(
        {
          deviations: [
            { id: 'DJ-NOPE-01', reason: 'x', link: 'https://example.test' },
            { id: 'DJ-404-02', reason: ' ', link: 'https://example.test' },
            { id: 'DJ-404-02', reason: 'again', link: 'not a url' },
          ],
        },
        'dev.json',
      );
    } catch (error) {
      expect(error, 'error type').toBeInstanceOf(KnownDeviationsError);
      return (error as Error).message;
    }
    return 'no error';
  };
  const message = problems();
  expect(message, 'file name').toContain('ADT_KNOWN_DEVIATIONS=dev.json: the file is invalid');
  expect(message, 'unknown id').toContain('deviations[0] (DJ-NOPE-01) has unknown requirement id "DJ-NOPE-01"');
  expect(message, 'missing reason').toContain('deviations[1] (DJ-404-02) has no "reason"');
  expect(message, 'duplicate').toContain('deviations[2] (DJ-404-02) repeats DJ-404-02');
  expect(message, 'bad link').toContain('deviations[2] (DJ-404-02) has no "link" http(s) URL');
  expect(() => validateKnownDeviations([], 'dev.json'), 'wrong shape').toThrow(
    'expected an object with a "deviations" array',
  );
});

test('the shipped example deviations file is valid, and YAML files are accepted too', () => {
  expect(
    loadKnownDeviations(join(__dirname, '..', '..', '..', 'deviations', 'known-deviations.example.json')).map(
      (d) => d.id,
    ),
    'example ids',
  ).toEqual(['DJ-404-02']);
  const dir = test.info().outputPath('yaml');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'deviations.yaml');
  writeFileSync(
    file,
    'deviations:\n  - id: DJ-APIV-02\n    reason: returns a generic code\n    link: https://example.test/2\n',
  );
  expect(loadKnownDeviations(file), 'YAML deviations').toEqual([
    { id: 'DJ-APIV-02', reason: 'returns a generic code', link: 'https://example.test/2' },
  ]);
  expect(() => loadKnownDeviations(join(dir, 'missing.json')), 'unreadable file').toThrow(
    /missing\.json: the file cannot be read/,
  );
});

test('a run of chosen tests is PASSED only with the qualifier; the shards of a whole split, merged, are a complete run again', () => {
  const tests = [testRecord('a', '@DJ-404-01', 'passed'), testRecord('b', '@DJ-404-02', 'passed')];
  const grep = computeMatrix([runRecord(tests, { selectedBy: ['--grep @DJ-404'] })]);
  expect(grep.status, 'nothing failed among the chosen tests').toBe('passed');
  expect(exitCodeOf(grep), 'exit code of a selected run where nothing failed').toBe(0);
  expect(verdictHeadline(grep), 'the verdict in a word carries the qualifier').toBe(
    `PASSED (selected tests only: 2 of ${REQUIREMENTS.length} requirements run)`,
  );
  expect(matrixSummary(grep, 'reports'), 'the console verdict').toContain(
    `Run verdict: PASSED (selected tests only: 2 of ${REQUIREMENTS.length} requirements run, chosen by --grep @DJ-404;`,
  );
  expect(matrixSummary(grep, 'reports'), 'the requirements left out say why').toMatch(
    /not run \(not selected by --grep @DJ-404\): DJ-200-01, /,
  );

  const shard = (current: number, records: TestRecord[], selectedBy: string[] = []): RunRecord =>
    runRecord(records, { shard: { current, total: 2 }, selectedBy });
  const one = shard(1, [testRecord('a', '@DJ-404-01', 'passed')]);
  const two = shard(2, [testRecord('b', '@DJ-404-02', 'passed')]);
  expect(verdictHeadline(computeMatrix([one])), 'one shard on its own').toBe(
    `PASSED (selected tests only: 1 of ${REQUIREMENTS.length} requirements run)`,
  );
  expect(computeMatrix([one]).selection?.by, 'what chose its tests').toEqual(['--shard 1/2']);
  const whole = computeMatrix([one, two], { requireAllShards: true });
  expect(whole.selection, 'every shard merged: every test was selected').toBeNull();
  expect(verdictHeadline(whole), 'merged verdict').toBe('PASSED');
  expect(whole.statusReason, 'merged reason').toBe(
    'no MUST requirement failed and every MUST requirement a complete run checks was checked',
  );
  const grepShards = computeMatrix([shard(1, one.tests, ['--grep @DJ-404']), shard(2, two.tests, ['--grep @DJ-404'])], {
    requireAllShards: true,
  });
  expect(grepShards.selection?.by, 'shards of a grep merge into a grep').toEqual(['--grep @DJ-404']);

  const failed = computeMatrix([
    runRecord([testRecord('a', '@DJ-404-01', 'failed', { error: 'boom' })], { selectedBy: ['--grep @DJ-404'] }),
  ]);
  expect(failed.statusReason, 'a failure among chosen tests says so too').toBe(
    `MUST requirement(s) failed: DJ-404-01; selected tests only: 1 of ${REQUIREMENTS.length} requirements run, chosen by --grep @DJ-404`,
  );
});

test("a run that stopped before any test is FAILED with the target's problem in a few words, and the console says nothing more", () => {
  const reason = unusableTargetReason(
    'Error: Conformance run stopped before any test.\nPreflight: the connection to http://127.0.0.1:9 was refused (ECONNREFUSED). Meaning: nothing listens. Fix: start it.',
  );
  expect(reason, 'the first sentence of the paragraph').toBe(
    'the connection to http://127.0.0.1:9 was refused (ECONNREFUSED)',
  );
  expect(
    unusableTargetReason(
      'ADT_AUTH=azure: no Azure credential could get a token for https://digitaltwins.azure.net/.default, so no test ran.',
    ),
    'not a stop of globalSetup',
  ).toBeUndefined();
  const matrix = computeMatrix([
    runRecord([], {
      playwrightStatus: 'failed',
      runErrors: ['Conformance run stopped before any test.'],
      ...(reason === undefined ? {} : { unusableTarget: reason }),
    }),
  ]);
  expect(matrix.status, 'run verdict').toBe('failed');
  expect(matrix.statusReason, 'reason').toBe(
    'target unusable: the connection to http://127.0.0.1:9 was refused (ECONNREFUSED)',
  );
  expect(
    matrixSummary(matrix, 'reports', ['JUnit XML: reports/junit.xml']),
    'the console: the verdict line alone',
  ).toBe(
    '\n  Run verdict: FAILED (target unusable: the connection to http://127.0.0.1:9 was refused (ECONNREFUSED))\n',
  );
});

test('the console names each reason once, then the requirements it applies to', () => {
  const other = 'List returned no entries to check';
  const matrix = computeMatrix([
    runRecord([
      ...['@DJ-200-01', '@DJ-200-02', '@DJ-TIME-01', '@DJ-PERF-01'].map((tag, i) =>
        testRecord(`n${i}`, tag, 'skipped', { skipReasons: [NO_JOB] }),
      ),
      ...['@DJ-LIST-02', '@DJ-LIST-03'].map((tag, i) =>
        testRecord(`l${i}`, tag, 'skipped', { skipReasons: [`Not applicable: ${other}`] }),
      ),
    ]),
  ]);
  const text = matrixSummary(matrix, 'reports');
  expect(text.split(NO_JOB.replace('Not applicable: ', '')).length - 1, 'the no-job reason, once').toBe(1);
  expect(text.split(other).length - 1, 'the other reason, once').toBe(1);
  expect(text, 'the reason, then its requirements').toContain(
    `1. ${NO_JOB.replace('Not applicable: ', '')}\n       DJ-200-01, DJ-200-02, DJ-TIME-01, DJ-PERF-01\n`,
  );
  expect(text, 'a row points at its reason').toMatch(/DJ-LIST-02 +MUST +not applicable +\(reason 2 below\)/);
  expect(text.split(JOB_FIX).length - 1, 'the fix, once').toBe(1);
  expect(text, 'the second way out').toContain('Or accept the partial coverage knowingly: ADT_ACCEPT_INCOMPLETE=1');
});

test("what chose a run's tests is read from the runner's command line and config; splitting and stopping early choose nothing", () => {
  const project = { grep: /.*/, grepInvert: null } as unknown as FullProject;
  const argv = (...args: string[]): string[] => [
    'node',
    'cli.js',
    'test',
    '-c',
    'playwright.config.ts',
    '--output',
    'x',
    ...args,
  ];
  expect(selectedBy({ argv: argv(), projects: [project] }), 'the whole suite').toEqual([]);
  expect(
    selectedBy({ argv: argv('--shard', '1/2', '--max-failures=1', '-x', '--workers', '2'), projects: [project] }),
    'a shard, a failure limit, workers',
  ).toEqual([]);
  expect(
    selectedBy({
      argv: argv('--grep', '@DJ-404', 'auth.spec.ts', '--last-failed', '--grep-invert=@DJ-AUTH'),
      projects: [project],
    }),
    'grep, a file, last failed',
  ).toEqual(['file filter auth.spec.ts', '--grep @DJ-404', '--last-failed', '--grep-invert=@DJ-AUTH']);
  expect(
    selectedBy({ argv: argv(), projects: [{ grep: /@DJ-404/, grepInvert: null } as unknown as FullProject] }),
    'a grep in the config',
  ).toEqual(['grep /@DJ-404/ in the config']);
});
