import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CompareMatrix } from '../../../src/compare/matrix-compare';
import type { ExchangeDiff } from '../../../src/compare/exchange-diff';
import { DEFECT_TARGETS } from '../../../src/verify/targets';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { expect, isolatedEnv, runTs, startMock, test } from '../reporting/harness';

const COMPARE = 'src/cli/compare.ts';

/** A loopback port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const badInput: { name: string; argv: (port: number) => string[]; says: RegExp }[] = [
  { name: 'an unknown quirk', argv: () => ['mock', 'mock+no-such-quirk'], says: /compare target "mock\+no-such-quirk": names unknown quirk/ },
  { name: 'an unreachable URL', argv: (port) => ['mock', `http://127.0.0.1:${port}`], says: /127\.0\.0\.1:\d+ cannot be reached \(ECONNREFUSED\)/ },
  { name: 'an invalid URL', argv: () => ['mock', 'https://'], says: /compare target "https:\/\/"/ },
  { name: 'a missing recording', argv: () => ['mock', 'nowhere/missing.har'], says: /the recording .*missing\.har does not exist/ },
  { name: 'fewer than two targets', argv: () => ['mock'], says: /needs at least two targets, got 1/ },
  { name: 'duplicate labels', argv: () => ['a=mock', 'a=mock+no-charset'], says: /label "a": is used by two targets/ },
];

for (const { name, argv, says } of badInput) {
  test(`${name}: npm run compare exits 2 with one message and starts no run`, async ({ workDir }) => {
    const run = await runTs(COMPARE, argv(await closedPort()), isolatedEnv({ ADT_REPORTS_DIR: workDir }));
    expect(run.code, `exit code of a configuration error\n${run.console}`).toBe(2);
    expect(run.console.match(/Configuration error:/g), `exactly one message\n${run.console}`).toHaveLength(1);
    expect(run.console, 'the message says what is wrong').toMatch(says);
    expect(run.console, 'the message names the fix').toContain('Fix: ');
    expect(run.console, 'no stack trace').not.toMatch(/^\s+at /m);
    expect(existsSync(join(workDir, 'compare')), 'no run started, nothing written').toBe(false);
  });
}

const QUIRK = 'job-not-found-code';
/** A requirement the quirk leaves alone, checked on the same 404. */
const UNTOUCHED = 'DJ-TRACE-04';

/**
 * One comparison shared by every assertion: the mock, the mock with a defect, and a correct server reached by URL
 * with its own credentials, on the tests of the defect's target and of one requirement it must leave alone (the whole
 * suite three times would not fit the self tests' budget; without --grep it is the same code on every test, and the
 * bench's compare section runs that).
 */
test(`mock, mock+${QUIRK} and a correct server by URL: the matrix differs in exactly the quirk's targets, the diff names the field, one Allure report holds every target; the mock against its own replay differs in nothing`, async ({ workDir }) => {
  test.setTimeout(240_000);
  const targets = DEFECT_TARGETS[QUIRK] ?? [];
  const grep = [...targets, UNTOUCHED].map((id) => `@${id}`).join('|');
  const server = await startMock({});
  const url = ['--env', `url:ADT_AUTH=token`, '--env', `url:ADT_ACCESS_TOKEN=${MOCK_DEFAULT_TOKEN}`, '--env', 'url:ADT_MAX_RPS=0'];
  const run = await runTs(COMPARE, ['mock', `mock+${QUIRK}`, `url=${server.url}`, ...url, '--', '--grep', grep], isolatedEnv({ ADT_REPORTS_DIR: workDir })).finally(() => server.close());
  const out = join(workDir, 'compare');

  expect(run.code, `targets differ: exit 1\n${run.console}`).toBe(1);
  for (const [label, verdict] of [['mock', 'PASSED'], [`mock+${QUIRK}`, 'FAILED'], ['url', 'PASSED']]) {
    expect(run.console, `one line for ${label} with its verdict`).toContain(`  ${label}: ${verdict} (`);
  }
  const matrix = JSON.parse(readFileSync(join(out, 'compare-matrix.json'), 'utf8')) as CompareMatrix;
  expect(matrix.differing, "exactly the requirements the quirk targets (src/verify/targets.ts)").toEqual([...targets]);
  expect(matrix.rows.slice(0, targets.length).map((row) => row.id), 'differing rows first').toEqual([...targets]);
  expect(matrix.rows.find((row) => row.id === UNTOUCHED)?.cells, 'a requirement the quirk leaves alone passes everywhere').toEqual({
    mock: expect.objectContaining({ verdict: 'passed' }),
    [`mock+${QUIRK}`]: expect.objectContaining({ verdict: 'passed' }),
    url: expect.objectContaining({ verdict: 'passed' }),
  });
  expect(matrix.rows[0]?.cells.url?.verdict, 'the correct server reached by URL, with its own token, passes the quirk\'s target').toBe('passed');
  expect(readFileSync(join(out, 'compare-matrix.md'), 'utf8'), 'the Markdown marks the differing row').toContain(`| ≠ | ${targets[0] ?? ''} | MUST | passed | failed: `);

  const diff = JSON.parse(readFileSync(join(out, 'exchange-diff.json'), 'utf8')) as ExchangeDiff;
  expect(diff.missing, 'both runs left a recording').toEqual({});
  expect(diff.comparedRequests, 'requests were matched across targets').toBeGreaterThan(0);
  expect([...new Set(diff.differences.map((d) => d.field))].sort(), 'only the code the quirk changes differs, in body and header').toEqual(['error.code', 'header x-ms-error-code']);
  const named = diff.differences.find((d) => d.field === 'error.code' && d.requirementIds.includes(targets[0] ?? ''));
  expect(named?.values, "the difference names the requirement and every target's code").toEqual({ mock: 'DeleteJobNotFound', [`mock+${QUIRK}`]: 'JobNotFound', url: 'DeleteJobNotFound' });

  const results = readdirSync(join(out, 'allure-results')).filter((name) => name.endsWith('-result.json'))
    .map((name) => JSON.parse(readFileSync(join(out, 'allure-results', name), 'utf8')) as { fullName: string; historyId: string; parameters: { name: string; value: string }[] });
  const targetOf = (r: (typeof results)[number]): string | undefined => r.parameters.find((p) => p.name === 'target')?.value;
  const perTest = new Map<string, string[]>();
  for (const r of results) perTest.set(r.fullName, [...(perTest.get(r.fullName) ?? []), targetOf(r) ?? 'none']);
  expect(results.length, 'the runs produced Allure results').toBeGreaterThan(0);
  expect([...perTest.values()].every((labels) => labels.sort().join() === ['mock', `mock+${QUIRK}`, 'url'].sort().join()), 'each test appears once per target, the target as a parameter').toBe(true);
  expect(new Set(results.map((r) => r.historyId)).size, 'one history id per test and target: Allure shows them side by side, not as retries').toBe(results.length);
  expect(existsSync(join(out, 'allure-report', 'index.html')) && existsSync(join(out, 'allure-report.html')), 'one Allure report, folder and single file').toBe(true);
  const landing = JSON.parse(readFileSync(join(out, 'allure-report', 'widgets', 'variables.json'), 'utf8')) as Record<string, string>;
  expect(landing['Compare verdict'], 'the Allure landing page gives the compare verdict').toBe('DIFFERENT');
  expect(landing['Differing requirements'], 'and the differing requirements').toBe(targets.join(', '));
  expect(landing[`${targets[0] ?? ''} MUST`], 'with each target\'s verdict of a differing requirement').toBe(`mock: passed · mock+${QUIRK}: failed · url: passed`);
  const summary = JSON.parse(readFileSync(join(out, 'allure-report', 'summary.json'), 'utf8')) as { name: string };
  expect(summary.name, 'the report title carries the compare verdict').toMatch(/: comparison DIFFERENT$/);

  // The mock's recording of that run, replayed: same verdicts, same exchanges.
  const recording = join(workDir, 'mock-recording.har');
  copyFileSync(join(out, 'mock', 'exchanges.har'), recording);
  const replayed = await runTs(COMPARE, ['mock', `replay=${recording}`, '--', '--grep', grep], isolatedEnv({ ADT_REPORTS_DIR: workDir, ADT_HTML_REPORT: 'off' }));
  expect(replayed.code, `the mock and its replay agree: exit 0\n${replayed.console}`).toBe(0);
  expect(replayed.stdout, 'ADT_HTML_REPORT=off: the comparison says it built no HTML').toContain('Allure HTML report: not built (ADT_HTML_REPORT=off)');
  const replayMatrix = JSON.parse(readFileSync(join(out, 'compare-matrix.json'), 'utf8')) as CompareMatrix;
  expect(replayMatrix.differing, 'no requirement differs').toEqual([]);
  expect(replayMatrix.targets.map((target) => target.status), 'both runs ended with a verdict').toEqual(['passed', 'passed']);
  const replayDiff = JSON.parse(readFileSync(join(out, 'exchange-diff.json'), 'utf8')) as ExchangeDiff;
  expect(replayDiff.missing, 'the replay recorded its exchanges too').toEqual({});
  expect(replayDiff.comparedRequests, 'the same logical requests were compared').toBe(diff.comparedRequests);
  expect(replayDiff.differences, 'no exchange differs').toEqual([]);
});
