import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { KnownDeviationsError, loadKnownDeviations, validateKnownDeviations } from '../../../src/reporting/known-deviations';
import type { RunRecord, TestRecord } from '../../../src/reporting/run-record';
import { appendUncheckedToJunit } from '../../../src/reporting/junit-unchecked';
import { matrixMarkdown, matrixSummary } from '../../../src/reporting/matrix-output';
import { ConfigError, parseConfig, type Env } from '../../../src/config';
import { computeMatrix, exitCodeOf, JOB_FIX, type Matrix } from '../../../src/reporting/verdicts';

const acceptIncompleteFrom = (env: Env): boolean => parseConfig(env).reports.acceptIncomplete;
import { readFileSync } from 'node:fs';

function testRecord(id: string, tag: string, outcome: TestRecord['outcome'], extra: Partial<TestRecord> = {}): TestRecord {
  return { id, title: `${tag.slice(1)} check ${id}`, location: `spec.ts:${id.length}`, tags: [tag], outcome, failedAttempt: false, skipReasons: [], ...extra };
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

const verdictOf = (matrix: Matrix, id: string): string | undefined => matrix.requirements.find((r) => r.id === id)?.verdict;

test('a requirement whose tests all skipped is not applicable, never passed', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-CASE-02', 'skipped', { skipReasons: ['no such ids'] })])]);
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
    runRecord([testRecord('a', '@DJ-200-01', 'passed'), testRecord('b', '@DJ-200-01', 'failed', { error: 'boom' }), testRecord('c', '@DJ-200-01', 'skipped')]),
  ]);
  expect(verdictOf(matrix, 'DJ-200-01'), 'verdict').toBe('failed');
  expect(matrix.requirements.find((r) => r.id === 'DJ-200-01')?.reason, 'reason').toContain('boom (1 of 3 test(s) failed');
});

test('an interrupted run keeps its requirements not run and is INTERRUPTED (exit 130), not a verdict about the target', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-200-01', 'interrupted')], { playwrightStatus: 'interrupted' })]);
  expect(verdictOf(matrix, 'DJ-200-01'), 'verdict of an interrupted test').toBe('not run');
  expect([matrix.status, exitCodeOf(matrix)], 'run verdict and exit code of an interrupted run').toEqual(['interrupted', 130]);
  expect(matrixSummary(matrix, 'reports'), 'the console line').toContain('Run verdict: INTERRUPTED (stopped by Ctrl-C or a signal before it finished)');
});

test('shards merge into one verdict per requirement, and a missing shard fails the merged verdict', () => {
  const shard = (current: number, tests: TestRecord[]): RunRecord => runRecord(tests, { shard: { current, total: 3 } });
  const one = shard(1, [testRecord('a', '@DJ-200-01', 'passed'), testRecord('b', '@DJ-200-02', 'passed')]);
  const two = shard(2, [testRecord('c', '@DJ-200-01', 'passed'), testRecord('d', '@DJ-APIV-02', 'failed')]);
  const three = shard(3, [testRecord('e', '@DJ-200-03', 'passed')]);

  const merged = computeMatrix([one, two, three], { requireAllShards: true });
  expect(merged.requirements.find((r) => r.id === 'DJ-200-01')?.tests, 'tests of DJ-200-01 from both shards').toHaveLength(2);
  expect(merged.counts, 'verdict counts').toMatchObject({ passed: 3, warning: 1 });
  expect(merged.status, 'merged verdict').toBe('passed');

  expect(computeMatrix([one]).status, 'a single shard on its own').toBe('passed');
  const incomplete = computeMatrix([one, two], { requireAllShards: true });
  expect(incomplete.runErrors, 'missing shard').toEqual(['results of shard(s) 3 of 3 are missing: the combined verdict is incomplete']);
  expect(incomplete.status, 'merged verdict with a missing shard').toBe('failed');
});

const NO_JOB = 'Not applicable: no delete job found on the target';

test('an always-MUST requirement left unchecked makes the run INCOMPLETE (exit 3), listed with why and how to check it', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-200-01', 'skipped', { skipReasons: [NO_JOB] }), testRecord('b', '@DJ-404-01', 'passed')])]);
  expect(matrix.status, 'run verdict').toBe('incomplete');
  expect(exitCodeOf(matrix), 'exit code of an incomplete run').toBe(3);
  expect(matrix.unchecked, 'the unchecked requirement with its reason and fix').toEqual([
    expect.objectContaining({ id: 'DJ-200-01', why: expect.stringContaining('no delete job found on the target'), fix: JOB_FIX }),
  ]);
  expect(matrixMarkdown(matrix), 'the matrix lists it').toContain(`| DJ-200-01 |`);
  expect(matrixSummary(matrix, 'reports'), 'the console summary names the fix').toContain('ADT_DELETE_JOB_ID');
  expect(matrixSummary(matrix, 'reports'), 'the console verdict').toContain('Run verdict: INCOMPLETE');
});

test('a conditional requirement left unchecked does not make the run incomplete', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-CASE-02', 'skipped', { skipReasons: ['no case twins'] })])]);
  expect(matrix.status, 'run verdict').toBe('passed');
  expect(matrix.unchecked, 'nothing unchecked that a complete run must check').toEqual([]);
});

test('ADT_ACCEPT_INCOMPLETE=1 exits 0 and the verdict still says INCOMPLETE; other values are a configuration error', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-TIME-01', 'skipped', { skipReasons: [NO_JOB] })])], { acceptIncomplete: acceptIncompleteFrom({ ADT_ACCEPT_INCOMPLETE: '1' }) });
  expect(matrix.status, 'run verdict').toBe('incomplete');
  expect(exitCodeOf(matrix), 'exit code when incomplete is accepted').toBe(0);
  expect(matrixSummary(matrix, 'reports'), 'the console verdict').toMatch(/Run verdict: INCOMPLETE .*accepted with ADT_ACCEPT_INCOMPLETE=1/);
  expect(acceptIncompleteFrom({}), 'unset').toBe(false);
  expect(() => acceptIncompleteFrom({ ADT_ACCEPT_INCOMPLETE: 'yes' }), 'an unclear value').toThrow(ConfigError);
});

test('a failure plus missing data is FAILED, and the unchecked requirements are still listed', () => {
  const matrix = computeMatrix([runRecord([testRecord('a', '@DJ-200-01', 'skipped', { skipReasons: [NO_JOB] }), testRecord('b', '@DJ-LIST-01', 'failed', { error: 'boom' })])], { acceptIncomplete: true });
  expect(matrix.status, 'FAILED wins over INCOMPLETE').toBe('failed');
  expect(exitCodeOf(matrix), 'exit code').toBe(1);
  expect(matrix.unchecked.map((u) => u.id), 'still listed').toEqual(['DJ-200-01']);
  expect(matrix.statusReason, 'the reason says both').toContain('also INCOMPLETE');
});

test('the JUnit XML gains one failing case per unchecked requirement, or a skipped one when accepted', () => {
  const dir = test.info().outputPath('junit');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'junit.xml');
  const records = [runRecord([testRecord('a', '@DJ-200-01', 'skipped', { skipReasons: [NO_JOB] })])];
  const playwrightXml = '<testsuites id="" name="" tests="1" failures="0" skipped="1" errors="0" time="1">\n</testsuites>\n';
  writeFileSync(file, playwrightXml);
  appendUncheckedToJunit(file, computeMatrix(records));
  const xml = readFileSync(file, 'utf8');
  expect(xml, 'totals count the unchecked requirement as a failure').toContain('tests="2" failures="1" skipped="1"');
  expect(xml, 'the case names the requirement and the fix').toMatch(/<testcase name="DJ-200-01 not checked[^"]*"[^>]*>\s*<failure message="[^"]*ADT_DELETE_JOB_ID/);
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
  expect(() => validateKnownDeviations([], 'dev.json'), 'wrong shape').toThrow('expected an object with a "deviations" array');
});

test('the shipped example deviations file is valid, and YAML files are accepted too', () => {
  expect(loadKnownDeviations(join(__dirname, '..', '..', '..', 'deviations', 'known-deviations.example.json')).map((d) => d.id), 'example ids').toEqual([
    'DJ-404-02',
  ]);
  const dir = test.info().outputPath('yaml');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'deviations.yaml');
  writeFileSync(file, 'deviations:\n  - id: DJ-APIV-02\n    reason: returns a generic code\n    link: https://example.test/2\n');
  expect(loadKnownDeviations(file), 'YAML deviations').toEqual([{ id: 'DJ-APIV-02', reason: 'returns a generic code', link: 'https://example.test/2' }]);
  expect(() => loadKnownDeviations(join(dir, 'missing.json')), 'unreadable file').toThrow(/missing\.json: the file cannot be read/);
});
