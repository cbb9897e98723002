import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOCK_ENV } from '../../../mock/defaults';
import { HOST_PLACEHOLDER, type HarFile } from '../../../mock/replay/har-format';
import { grepFor } from '../../../src/requirements';
import { DEFECT_TARGETS } from '../../../src/verify/targets';
import { harSchemaProblems } from '../support/har-validation';
import { expect, isolatedEnv, readMatrix, runTs, startMock, test } from './harness';

/** JWT-shaped, as an Entra token is. */
const TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2RpZ2l0YWx0d2lucy5henVyZS5uZXQifQ.${'U2lnbmF0dXJl'.repeat(4)}`;
const JWT_SHAPED = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;
/** Tests that send the suite's token, none and forged ones (auth.spec.ts forges a JWT), List pages and an unknown id. */
const GREP = '@DJ-(AUTH-0[12]|LIST-01|404-01)(?!\\d)';
/** A defect that fails one requirement, DJ-404-03. */
const DEFECT = 'job-not-found-code';

// One recorded run, shared by every assertion: a nested `npm run conformance` costs seconds on two cores.
test('npm run conformance records a scrubbed HAR, lists and attaches it, and --replay reproduces its verdicts and reports any other', async ({
  workDir,
}) => {
  const mock = await startMock({ token: TOKEN });
  const reportsDir = join(workDir, 'reports');
  const env = isolatedEnv({
    ADT_REPORTS_DIR: reportsDir,
    AZURE_DIGITALTWINS_URL: mock.url,
    ADT_AUTH: 'token',
    ADT_ACCESS_TOKEN: TOKEN,
  });
  let recorded;
  try {
    recorded = await runTs('src/cli/conformance.ts', ['--output', join(workDir, 'test-results'), '--grep', GREP], env);
  } finally {
    await mock.close();
  }
  const harFile = join(reportsDir, 'exchanges.har');
  expect(recorded.code, `the recorded run passes\n${recorded.console}`).toBe(0);
  expect(recorded.stdout, 'the console summary names the recording').toMatch(
    /Recording of every HTTP exchange \(HAR, scrubbed\): \S*reports\/exchanges\.har\n/,
  );
  const text = readFileSync(harFile, 'utf8');
  expect(text, 'the configured token appears nowhere in the recording').not.toContain(TOKEN);
  expect(
    text.match(JWT_SHAPED)?.[0],
    'nothing JWT-shaped in the recording (the forged token of DJ-AUTH-02 included)',
  ).toBeUndefined();
  expect(text, 'the target host is replaced').not.toContain(new URL(mock.url).host);
  const har = JSON.parse(text) as HarFile;
  expect(harSchemaProblems(har), 'HAR 1.2 schema violations').toEqual([]);
  expect(
    new Set(har.log.entries.map((e) => new URL(e.request.url).hostname)),
    'every URL names the placeholder host',
  ).toEqual(new Set([HOST_PLACEHOLDER]));
  expect(new Set(har.log.entries.map((e) => e._adt.credential)), 'the credential kinds the auth tests used').toEqual(
    new Set(['configured', 'none', 'invalid']),
  );
  const setupLists = har.log.entries.filter(
    (e) => e._adt.phase === 'setup' && e._adt.pathAsSent === '/jobs/deletions?api-version=2023-10-31',
  );
  expect(
    setupLists.map((e) => e._adt.sequence),
    'the preflight and the discovery List are recorded, numbered in order',
  ).toEqual([0, 1]);
  expect(
    har.log.entries
      .filter((e) => e._adt.phase === 'test')
      .every((e) => e._adt.tests.length > 0 && e._adt.requirementIds.length > 0),
    'every test exchange names its tests and requirements',
  ).toBe(true);
  const matrix = readMatrix(reportsDir);
  expect(har.log._adt.verdicts, "the run's verdicts, as the matrix gave them").toEqual(
    matrix.requirements.map((r) => ({ id: r.id, verdict: r.verdict, reason: r.reason })),
  );
  const attachments = readdirSync(join(reportsDir, 'allure-report', 'data', 'attachments'));
  expect(
    attachments.some((name) => name.endsWith('.har')),
    'the recording is attached to the Allure report',
  ).toBe(true);

  // The mock that answered is gone: only the recording can answer now. One recorded verdict is changed, so the one
  // replay shows both that every other requirement gets its recorded verdict and that a difference is reported.
  const tampered = join(workDir, 'tampered.har');
  writeFileSync(
    tampered,
    JSON.stringify({
      ...har,
      log: {
        ...har.log,
        _adt: {
          ...har.log._adt,
          verdicts: har.log._adt.verdicts?.map((v) => (v.id === 'DJ-AUTH-01' ? { ...v, verdict: 'failed' } : v)),
        },
      },
    }),
  );
  const replayDir = join(workDir, 'replay');
  const replayed = await runTs(
    'src/cli/conformance.ts',
    ['--replay', tampered, '--output', join(workDir, 'replay-results')],
    isolatedEnv({ ADT_REPORTS_DIR: replayDir, ADT_HTML_REPORT: 'off' }),
  );
  expect(
    readMatrix(replayDir).requirements.map((r) => [r.id, r.verdict]),
    `the replay reproduces the recorded matrix\n${replayed.console}`,
  ).toEqual(matrix.requirements.map((r) => [r.id, r.verdict]));
  expect(replayed.stdout, 'the one changed verdict is reported as a replay defect, with both verdicts').toMatch(
    /REPLAY DEFECT: 1 requirement\(s\) got another verdict[^\n]*\n\s+DJ-AUTH-01\s+recorded: failed\s+replayed: passed\n/,
  );
  expect(replayed.code, 'a replay defect fails the replay').toBe(1);

  const truncated = join(workDir, 'truncated.har');
  writeFileSync(truncated, text.slice(0, text.length / 3));
  const broken = await runTs(
    'src/cli/conformance.ts',
    ['--replay', truncated],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, 'broken') }),
  );
  expect(broken.code, 'a truncated recording is a configuration error').toBe(2);
  expect(broken.stderr, 'one message naming the file, what is wrong and the fix').toMatch(
    /ADT_REPLAY_FILE: .*truncated\.har is not complete JSON[^\n]*\nFix: /,
  );
  expect(broken.console, 'no stack trace').not.toMatch(/^\s+at /m);
});

test('the replay of a FAILED recording exits 1 as that run did, with the parity line beside the verdict', async ({
  workDir,
}) => {
  test.setTimeout(240_000);
  const reportsDir = join(workDir, 'reports');
  const failing = await runTs(
    'src/cli/conformance.ts',
    ['--output', join(workDir, 'test-results'), '--grep', grepFor(DEFECT_TARGETS[DEFECT] ?? [])],
    isolatedEnv({ ADT_REPORTS_DIR: reportsDir, ADT_HTML_REPORT: 'off', [MOCK_ENV.quirks]: DEFECT }),
  );
  expect(failing.code, `the recorded run fails (the mock has a defect)\n${failing.console.slice(-2000)}`).toBe(1);

  const replayDir = join(workDir, 'replay');
  const replayed = await runTs(
    'src/cli/conformance.ts',
    ['--replay', join(reportsDir, 'exchanges.har'), '--output', join(workDir, 'replay-results')],
    isolatedEnv({ ADT_REPORTS_DIR: replayDir, ADT_HTML_REPORT: 'off' }),
  );
  expect(
    replayed.code,
    `the exit code follows the replayed verdict (docs/mock.md#replaying-a-recording)\n${replayed.console.slice(-2000)}`,
  ).toBe(1);
  expect(readMatrix(replayDir).status, 'the replay reproduces the FAILED verdict').toBe('failed');
  expect(replayed.stdout, 'the console: the replayed verdict, then the parity and what the exit code reports').toMatch(
    /\n {2}Run verdict: FAILED \(MUST requirement\(s\) failed: DJ-404-03[^\n]*\n {2}Replay parity: every requirement got the verdict it got in the recorded run \([^\n]*\)\. Exit code 1: the replayed run verdict\.\n$/,
  );
  const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'mock.md'), 'utf8').replace(/\s+/g, ' ');
  expect(docs, 'docs/mock.md says the same').toContain(
    "the exit code is the replayed run verdict's, as for any run (0 PASSED, 1 FAILED, 3 INCOMPLETE): a replay of a FAILED run exits 1",
  );
});
