import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { targetRun } from '../../../src/compare/environment';
import {
  compareExitCode,
  compareMarkdown,
  compareMatrices,
  compareSummary,
  wrapWords,
  type TargetResult,
} from '../../../src/compare/matrix-compare';
import { localParallelism } from '../../../src/compare/run-targets';
import { parseCompareArgs, parseTarget } from '../../../src/compare/targets';
import { ConfigError } from '../../../src/config';
import { COMPARE_TARGET_PREFIX, historyKey } from '../../../src/reporting/environment';
import { REQUIREMENTS } from '../../../src/requirements';
import type { Matrix, RequirementRow, Verdict } from '../../../src/reporting/verdicts';

const CWD = tmpdir();

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

test.describe('target syntax', () => {
  test('mock, mock with quirks, a URL and a recording parse into typed targets with default labels', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adt-compare-'));
    const har = path.join(dir, 'nightly.har');
    writeFileSync(har, '{}');
    try {
      expect(parseTarget('mock', CWD), 'the bare mock').toEqual({ kind: 'mock', label: 'mock', quirks: [] });
      expect(parseTarget('mock+no-charset+z-timestamps', CWD), 'quirks in the order named').toEqual({
        kind: 'mock',
        label: 'mock+no-charset+z-timestamps',
        quirks: ['no-charset', 'z-timestamps'],
      });
      expect(
        parseTarget('staging=https://x.api.weu.digitaltwins.azure.net/', CWD),
        'a labelled URL keeps its label, loses the trailing slash',
      ).toEqual({ kind: 'url', label: 'staging', baseUrl: 'https://x.api.weu.digitaltwins.azure.net' });
      expect(
        parseTarget('http://127.0.0.1:4010', CWD).label,
        'a URL without label is labelled by its host, usable as a folder name',
      ).toBe('127.0.0.1_4010');
      expect(parseTarget(har, CWD), 'a recording is labelled by its file name').toEqual({
        kind: 'har',
        label: 'nightly',
        file: har,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const bad: { name: string; argv: string[]; says: RegExp }[] = [
    {
      name: 'an unknown quirk',
      argv: ['mock', 'mock+no-such-quirk'],
      says: /unknown quirk\(s\): no-such-quirk[\s\S]*Fix: use a quirk of the bundled mock: accepts-any-bearer-token, /,
    },
    { name: 'an invalid URL', argv: ['mock', 'ftp://x.example'], says: /ftp: but only https: and http: are supported/ },
    {
      name: 'a URL carrying the API route',
      argv: ['mock', 'https://x.example/jobs/deletions'],
      says: /API route \/jobs/,
    },
    { name: 'a missing recording', argv: ['mock', 'missing.har'], says: /recording .*missing\.har does not exist/ },
    { name: 'one target', argv: ['mock'], says: /at least two targets, got 1/ },
    {
      name: 'duplicate labels',
      argv: ['mock', 'mock'],
      says: /"mock".*used by two targets[\s\S]*Fix: give one of them its own label/,
    },
    {
      name: 'an override for a label no target has',
      argv: ['mock', 'b=mock', '--env', 'staging:ADT_AUTH=none'],
      says: /no target is labelled "staging"/,
    },
    {
      name: 'an override of an undeclared variable',
      argv: ['mock', 'b=mock', '--env', 'b:ADT_NOPE=1'],
      says: /ADT_NOPE is not a variable of this suite/,
    },
    {
      name: 'an override of the reports folder compare sets itself',
      argv: ['mock', 'b=mock', '--env', 'b:ADT_REPORTS_DIR=x'],
      says: /set by npm run compare/,
    },
    {
      name: 'neither mock, URL nor recording',
      argv: ['mock', 'staging'],
      says: /neither mock, mock\+QUIRK, an http\(s\) URL nor a \.har file/,
    },
    {
      name: 'the old --env-file spelling',
      argv: ['--', 'mock', 'b=mock', '--env-file', 'b=.env.b'],
      says: /^--env-file: was renamed[\s\S]*Fix: write --target-env-file LABEL=FILE/,
    },
    {
      name: 'an option without its value',
      argv: ['mock', 'b=mock', '--target-env-file'],
      says: /^--target-env-file: needs a value/,
    },
    {
      name: 'an unknown option',
      argv: ['mock', 'b=mock', '--bogus'],
      says: /^--bogus: is not an option of npm run compare/,
    },
  ];
  for (const { name, argv, says } of bad) {
    test(`${name} is one configuration error naming the fix`, () => {
      const error = configError(() => parseCompareArgs(argv, CWD));
      expect(error.message, `the message for ${argv.join(' ')}`).toMatch(says);
      expect(error.message, 'the message carries a fix').toContain('\nFix: ');
    });
  }

  test('--env and --target-env-file give one target its own variables; Playwright options after -- reach every run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adt-compare-'));
    const envFile = path.join(dir, '.env.b');
    writeFileSync(envFile, 'ADT_MAX_RPS=5\n');
    try {
      const argv = [
        'a=http://127.0.0.1:1',
        'b=http://127.0.0.1:2',
        '--env',
        'a:ADT_AUTH=none',
        '--target-env-file',
        `b=${envFile}`,
        '--',
        '--grep',
        '@DJ-404',
      ];
      const request = parseCompareArgs(argv, CWD);
      expect(Object.fromEntries(request.overrides), 'each label its own variables').toEqual({
        a: { ADT_AUTH: 'none' },
        b: { ADT_MAX_RPS: '5' },
      });
      expect(
        request.targets.map((target) => target.label),
        'the targets, none of the Playwright options',
      ).toEqual(['a', 'b']);
      expect(request.playwrightArgs, 'everything after the second --').toEqual(['--grep', '@DJ-404']);
      expect(parseCompareArgs(['--', ...argv], CWD), 'the -- that ends the npm script changes nothing').toEqual(
        request,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('per-target environment', () => {
  const base = {
    AZURE_DIGITALTWINS_URL: 'https://staging.example',
    ADT_AUTH: 'token',
    ADT_ACCESS_TOKEN: 'secret-token',
    ADT_MAX_RPS: '0.5',
    ADT_API_VERSION: '2023-10-31',
    PATH: '/usr/bin',
  };

  test('a mock target drops the instance settings and pacing of the run but keeps its api-version', () => {
    const run = targetRun({ kind: 'mock', label: 'm', quirks: ['no-charset'] }, base, {}, '/tmp/out');
    expect(run.config.target.kind, 'the bundled mock, not the staging URL').toBe('bundled-mock');
    expect(run.environment.ADT_ACCESS_TOKEN, 'the instance token never reaches a mock run').toBeUndefined();
    expect(run.config.traffic.maxRps, "the mock's own pacing (unlimited), not staging's").toBeUndefined();
    expect(run.environment.ADT_MOCK_QUIRKS, 'the quirks reach the webServer mock').toBe('no-charset');
    expect(run.environment.ADT_API_VERSION, "the api-version is the run's choice").toBe('2023-10-31');
    expect(run.environment.ADT_REPORTS_DIR, 'its own reports folder, named by its label').toBe(
      path.join('/tmp/out', 'm'),
    );
    expect(run.environment.ADT_COMPARE_TARGET, 'the label becomes the Allure parameter').toBe('m');
  });

  test("a URL target keeps the run's auth and pacing, overrides win, and a bad override stops everything", () => {
    const run = targetRun(
      { kind: 'url', label: 'prod', baseUrl: 'https://prod.example' },
      base,
      { ADT_AUTH: 'none' },
      '/tmp/out',
    );
    expect(run.config.target, "the target's own URL").toEqual({ kind: 'url', baseUrl: 'https://prod.example' });
    expect(run.config.auth.kind, "the override wins over the run's ADT_AUTH").toBe('none');
    expect(run.config.traffic.maxRps, "the run's staging pacing applies").toBe(0.5);
    const error = configError(() =>
      targetRun(
        { kind: 'url', label: 'prod', baseUrl: 'https://prod.example' },
        base,
        { ADT_WORKERS: 'many' },
        '/tmp/out',
      ),
    );
    expect(error.message, 'names the target and the variable').toMatch(
      /^compare target "prod": ADT_WORKERS: "many" is not a positive whole number/,
    );
  });

  test('local runs go two at a time on a 2-core machine, one at a time on one core', () => {
    expect(localParallelism(2), 'two cores').toBe(2);
    expect(localParallelism(1), 'one core').toBe(1);
    expect(localParallelism(16), 'never more than two: each run has its own workers').toBe(2);
  });
});

function matrix(
  verdicts: Record<string, Verdict> = {},
  status: Matrix['status'] = 'passed',
  unchecked: string[] = [],
): Matrix {
  const requirements: RequirementRow[] = REQUIREMENTS.map((r) => ({
    id: r.id,
    level: r.level,
    area: r.area,
    text: r.text,
    verdict: verdicts[r.id] ?? 'passed',
    reason: verdicts[r.id] === undefined ? '' : `why ${r.id}`,
    tests: [],
  }));
  return {
    kind: 'adt-conformance-matrix',
    version: 1,
    generatedAt: '',
    status,
    statusReason: status,
    incompleteAccepted: false,
    runs: [],
    environment: {},
    deviationsFile: null,
    counts: {} as Matrix['counts'],
    requirements,
    runErrors: [],
    notices: [],
    unchecked: unchecked.map((id) => ({ id, level: 'MUST', text: '', why: `no job for ${id}`, fix: 'name a job' })),
  };
}

const result = (label: string, m: Matrix | undefined): TargetResult => ({ label, description: label, matrix: m });

test.describe('requirement matrix', () => {
  test('rows where the targets differ come first, each cell with the failure message; exit 1', () => {
    const compared = compareMatrices([
      result('a', matrix()),
      result('b', matrix({ 'DJ-404-02': 'failed', 'DJ-APIV-02': 'warning' }, 'failed')),
    ]);
    expect(compared.differing, 'the differing requirements in catalogue order').toEqual(['DJ-404-02', 'DJ-APIV-02']);
    expect(
      compared.rows.slice(0, 2).map((row) => row.id),
      'first in the rows',
    ).toEqual(['DJ-404-02', 'DJ-APIV-02']);
    expect(compared.rows[1]?.cells.b, 'a SHOULD warning is a failed check, its run verdict kept').toEqual({
      verdict: 'failed',
      runVerdict: 'warning',
      reason: 'why DJ-APIV-02',
    });
    expect(compareExitCode(compared), 'targets differ').toBe(1);
    expect(compareMarkdown(compared), 'the Markdown marks the row and shows the message').toContain(
      '| ≠ | DJ-404-02 | MUST | passed | failed: why DJ-404-02 |',
    );
  });

  test('the same verdicts everywhere exit 0, even when both runs failed the same requirement', () => {
    const compared = compareMatrices([
      result('a', matrix({ 'DJ-404-02': 'failed' }, 'failed')),
      result('b', matrix({ 'DJ-404-02': 'failed' }, 'failed')),
    ]);
    expect(compared.differing, 'nothing differs').toEqual([]);
    expect(compareExitCode(compared), 'same answer').toBe(0);
  });

  test('an INCOMPLETE run shows incomplete for its unchecked rows, a run without matrix incomplete everywhere', () => {
    const compared = compareMatrices([
      result('a', matrix()),
      result(
        'b',
        matrix({ 'DJ-200-01': 'not applicable', 'DJ-CASE-02': 'not applicable' }, 'incomplete', ['DJ-200-01']),
      ),
      { label: 'c', description: 'c', matrix: undefined, problem: 'crashed' },
    ]);
    const row = compared.rows.find((candidate) => candidate.id === 'DJ-200-01');
    expect(row?.cells.b, 'unchecked → incomplete, with why').toEqual({
      verdict: 'incomplete',
      runVerdict: 'not applicable',
      reason: 'no job for DJ-200-01',
    });
    expect(
      compared.rows.find((candidate) => candidate.id === 'DJ-CASE-02')?.cells.b?.verdict,
      'not applicable and not unchecked stays not applicable',
    ).toBe('not applicable');
    expect(row?.cells.c, 'no matrix: incomplete, with the problem').toEqual({
      verdict: 'incomplete',
      runVerdict: 'no result',
      reason: 'crashed',
    });
    expect(
      compared.targets.map((target) => target.status),
      'run verdicts; the crashed run is broken',
    ).toEqual(['passed', 'incomplete', 'broken']);
  });
});

test('the console gives every differing message whole, wrapped between words', () => {
  const words = Array.from({ length: 60 }, (_, index) => `word${index}`);
  const compared = compareMatrices([
    result('a', matrix()),
    result('staging', {
      ...matrix({ 'DJ-404-02': 'failed' }, 'failed'),
      requirements: matrix({ 'DJ-404-02': 'failed' }).requirements.map((row) =>
        row.id === 'DJ-404-02' ? { ...row, reason: words.join(' ') } : row,
      ),
    }),
  ]);
  const lines = compareSummary(compared);
  expect(
    lines
      .join(' ')
      .split(/\s+/)
      .filter((word) => word.startsWith('word')),
    'every word, none cut',
  ).toEqual(words);
  expect(
    lines.filter((line) => line.length > 120),
    'lines fit 120 columns',
  ).toEqual([]);
  expect(wrapWords('aaa bbb ccc', 7), 'breaks between words only').toEqual(['aaa bbb', 'ccc']);
});

test('a comparison keeps its own Allure history per set of labels, apart from every single target', () => {
  const key = historyKey({ Target: `${COMPARE_TARGET_PREFIX}staging, mock`, 'api-version': '2023-10-31' });
  expect(key, 'the labels name the folder').toBe('compare-staging-vs-mock__api-2023-10-31');
  expect(key, "never the bundled mock's own history").not.toBe(
    historyKey({ Target: 'bundled mock', 'api-version': '2023-10-31' }),
  );
});
