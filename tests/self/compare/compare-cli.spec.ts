import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CompareMatrix } from '../../../src/compare/matrix-compare';
import type { ExchangeDiff } from '../../../src/compare/exchange-diff';
import { DEFECT_TARGETS } from '../../../src/verify/targets';
import { expect, isolatedEnv, REPO_ROOT, runNpm, runTs, startMock, test } from '../reporting/harness';

const COMPARE = 'src/cli/compare.ts';

/** A loopback port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const badInput: { name: string; argv: (port: number) => string[]; says: RegExp }[] = [
  {
    name: 'an unknown quirk',
    argv: () => ['mock', 'mock+no-such-quirk'],
    says: /compare target "mock\+no-such-quirk": names unknown quirk/,
  },
  {
    name: 'an unreachable URL',
    argv: (port) => ['mock', `http://127.0.0.1:${port}`],
    says: /127\.0\.0\.1:\d+ cannot be reached \(ECONNREFUSED\)/,
  },
  { name: 'an invalid URL', argv: () => ['mock', 'https://'], says: /compare target "https:\/\/"/ },
  {
    name: 'a missing recording',
    argv: () => ['mock', 'nowhere/missing.har'],
    says: /the recording .*missing\.har does not exist/,
  },
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

test('the old --env-file spelling: npm run compare exits 2 with one message naming --target-env-file (Node does not take it first)', async ({
  workDir,
}) => {
  const run = await runNpm(
    'compare',
    ['mock', 'mock+no-charset', '--env-file', 'mock=.env.mock'],
    isolatedEnv({ ADT_REPORTS_DIR: workDir }),
  );
  expect(run.code, `exit code of a configuration error, not Node's 9\n${run.console}`).toBe(2);
  expect(run.console, 'Node did not read the flag as its own').not.toMatch(/node: .*not found/);
  expect(run.console.match(/Configuration error:/g), `exactly one message\n${run.console}`).toHaveLength(1);
  expect(run.console, 'the message names the new flag').toContain('Fix: write --target-env-file LABEL=FILE');
  expect(existsSync(join(workDir, 'compare')), 'no run started, nothing written').toBe(false);
});

/** Every example command of docs/compare.md that gives a target its own .env file. */
function documentedEnvFileCommands(): string[] {
  const commands = readFileSync(join(REPO_ROOT, 'docs', 'compare.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('npm run compare -- '));
  expect(
    commands.filter((line) => /--env-file\b/.test(line)),
    'no example uses the old spelling',
  ).toEqual([]);
  return commands.filter((line) => line.includes('--target-env-file'));
}

/** Command lines (as `ps` shows them) of every process on the machine that hold `secret`; and whether the scan saw `seen`. */
function watchCommandLines(
  secret: string,
  seen: readonly string[],
): { stop: () => { holding: string[]; saw: string[] } } {
  const holding = new Set<string>();
  const saw = new Set<string>();
  const scan = (): void => {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let line: string;
      try {
        line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        continue; // the process ended between the listing and the read
      }
      if (line.includes(secret)) holding.add(line);
      for (const part of seen) if (line.includes(part)) saw.add(part);
    }
  };
  const timer = setInterval(scan, 150);
  return {
    stop: () => {
      clearInterval(timer);
      scan();
      return { holding: [...holding], saw: [...saw] };
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile());
}

const QUIRK = 'job-not-found-code';
/** A requirement the quirk leaves alone, checked on the same 404. */
const UNTOUCHED = 'DJ-TRACE-04';

/**
 * One comparison shared by every assertion: the mock, the mock with a defect, and a correct server reached by URL
 * with its own credentials, on the tests of the defect's target and of one requirement it must leave alone (the whole
 * suite three times would not fit the self tests' budget; without --grep it is the same code on every test, and the
 * bench's compare section runs that). It is started with npm run compare as docs/compare.md writes it, the server's
 * token in a --target-env-file, and every command line on the machine is watched for that token meanwhile.
 */
test(`npm run compare -- mock mock+${QUIRK} url=URL --target-env-file url=FILE: the matrix differs in exactly the quirk's targets, the diff groups each exchange, one Allure report names every target, the token stays off every command line and output; the mock against its own replay differs in nothing`, async ({
  workDir,
}) => {
  test.setTimeout(240_000);
  const targets = DEFECT_TARGETS[QUIRK] ?? [];
  const grep = [...targets, UNTOUCHED].map((id) => `@${id}`).join('|');
  expect(documentedEnvFileCommands(), 'docs/compare.md shows the per-target .env file as this test uses it').toEqual(
    expect.arrayContaining([expect.stringMatching(/^npm run compare -- .* --target-env-file [a-z]+=\S+$/)]),
  );
  const token = `compare-self-test-secret-${process.pid}-${Date.now()}`;
  const server = await startMock({ token });
  const envFile = join(workDir, '.env.url');
  writeFileSync(envFile, `ADT_AUTH=token\nADT_ACCESS_TOKEN=${token}\nADT_MAX_RPS=0\n`);
  const watch = watchCommandLines(token, ['src/cli/compare.ts', '@playwright/test/cli.js']);
  const run = await runNpm(
    'compare',
    ['mock', `mock+${QUIRK}`, `url=${server.url}`, '--target-env-file', `url=${envFile}`, '--', '--grep', grep],
    isolatedEnv({ ADT_REPORTS_DIR: workDir }),
  ).finally(() => server.close());
  const commandLines = watch.stop();
  const out = join(workDir, 'compare');

  expect(run.code, `targets differ: exit 1\n${run.console}`).toBe(1);
  for (const [label, verdict] of [
    ['mock', 'PASSED'],
    [`mock+${QUIRK}`, 'FAILED'],
    ['url', 'PASSED'],
  ]) {
    expect(run.console, `one line for ${label} with its verdict`).toContain(`  ${label}: ${verdict} (`);
  }
  expect(commandLines.saw.sort(), 'the watch saw compare and its suite runs while they ran').toEqual([
    '@playwright/test/cli.js',
    'src/cli/compare.ts',
  ]);
  expect(commandLines.holding, 'no command line (ps) held the token').toEqual([]);
  expect(run.console, 'the console does not show the token').not.toContain(token);
  const leaking = filesUnder(workDir).filter((file) => file !== envFile && readFileSync(file).includes(token));
  expect(leaking, 'no report, log, recording or attachment holds the token').toEqual([]);

  const matrix = JSON.parse(readFileSync(join(out, 'compare-matrix.json'), 'utf8')) as CompareMatrix;
  expect(matrix.differing, 'exactly the requirements the quirk targets (src/verify/targets.ts)').toEqual([...targets]);
  expect(
    matrix.rows.slice(0, targets.length).map((row) => row.id),
    'differing rows first',
  ).toEqual([...targets]);
  expect(
    matrix.rows.find((row) => row.id === UNTOUCHED)?.cells,
    'a requirement the quirk leaves alone passes everywhere',
  ).toEqual({
    mock: expect.objectContaining({ verdict: 'passed' }),
    [`mock+${QUIRK}`]: expect.objectContaining({ verdict: 'passed' }),
    url: expect.objectContaining({ verdict: 'passed' }),
  });
  expect(
    matrix.rows[0]?.cells.url?.verdict,
    "the correct server reached by URL, with the token of its .env file, passes the quirk's target",
  ).toBe('passed');
  expect(readFileSync(join(out, 'compare-matrix.md'), 'utf8'), 'the Markdown marks the differing row').toContain(
    `| ≠ | ${targets[0] ?? ''} | MUST | passed | failed: `,
  );
  const flowing = run.stdout.replace(/\s+/g, ' ');
  for (const row of matrix.rows.filter((candidate) => candidate.differs)) {
    const reason = row.cells[`mock+${QUIRK}`]?.reason ?? '';
    expect(
      reason.length,
      `${row.id}: a failure message long enough to need more than one console line`,
    ).toBeGreaterThan(120);
    expect(
      flowing,
      `${row.id}: the console gives the whole failure message, wrapped between words, never cut`,
    ).toContain(reason.replace(/\s+/g, ' '));
  }

  const diff = JSON.parse(readFileSync(join(out, 'exchange-diff.json'), 'utf8')) as ExchangeDiff;
  expect(diff.missing, 'both runs left a recording').toEqual({});
  expect(diff.comparedRequests, 'requests were matched across targets').toBeGreaterThan(0);
  expect(diff.differences.length, 'some exchanges differ').toBeGreaterThan(0);
  expect(
    new Set(
      diff.differences.map((d) =>
        d.fields
          .map((f) => f.field)
          .sort()
          .join(),
      ),
    ),
    'each differing exchange once, with the code the quirk changes in body and header beneath it',
  ).toEqual(new Set(['error.code,header x-ms-error-code']));
  const named = diff.differences
    .find((d) => d.requirementIds.includes(targets[0] ?? ''))
    ?.fields.find((f) => f.field === 'error.code');
  expect(named?.values, "the difference names the requirement and every target's code").toEqual({
    mock: 'DeleteJobNotFound',
    [`mock+${QUIRK}`]: 'JobNotFound',
    url: 'DeleteJobNotFound',
  });

  const results = readdirSync(join(out, 'allure-results'))
    .filter((name) => name.endsWith('-result.json'))
    .map(
      (name) =>
        JSON.parse(readFileSync(join(out, 'allure-results', name), 'utf8')) as {
          name: string;
          fullName: string;
          historyId: string;
          parameters: { name: string; value: string }[];
        },
    );
  const targetOf = (r: (typeof results)[number]): string | undefined =>
    r.parameters.find((p) => p.name === 'target')?.value;
  const perTest = new Map<string, string[]>();
  for (const r of results) perTest.set(r.fullName, [...(perTest.get(r.fullName) ?? []), targetOf(r) ?? 'none']);
  expect(results.length, 'the runs produced Allure results').toBeGreaterThan(0);
  expect(
    [...perTest.values()].every((labels) => labels.sort().join() === ['mock', `mock+${QUIRK}`, 'url'].sort().join()),
    'each test appears once per target, the target as a parameter',
  ).toBe(true);
  expect(
    results.filter((r) => !r.name.endsWith(` [${targetOf(r) ?? 'none'}]`)).map((r) => r.name),
    "every result's title ends with its target",
  ).toEqual([]);
  expect(
    new Set(results.map((r) => r.historyId)).size,
    'one history id per test and target: Allure shows them side by side, not as retries',
  ).toBe(results.length);
  expect(
    existsSync(join(out, 'allure-report', 'index.html')) && existsSync(join(out, 'allure-report.html')),
    'one Allure report, folder and single file',
  ).toBe(true);
  const shown = readdirSync(join(out, 'allure-report', 'data', 'test-results')).map(
    (name) =>
      JSON.parse(readFileSync(join(out, 'allure-report', 'data', 'test-results', name), 'utf8')) as {
        name: string;
        retriesCount: number;
      },
  );
  expect(shown.length, 'the report shows every result').toBe(results.length);
  const labels = ['mock', `mock+${QUIRK}`, 'url'];
  expect(
    shown
      .filter((r) => r.retriesCount > 0 || !labels.some((label) => r.name.endsWith(` [${label}]`)))
      .map((r) => r.name),
    "the report shows no retries, and names each result's target",
  ).toEqual([]);
  const landing = JSON.parse(readFileSync(join(out, 'allure-report', 'widgets', 'variables.json'), 'utf8')) as Record<
    string,
    string
  >;
  expect(landing['Compare verdict'], 'the Allure landing page gives the compare verdict').toBe('DIFFERENT');
  expect(landing['Differing requirements'], 'and the differing requirements').toBe(targets.join(', '));
  expect(landing[`${targets[0] ?? ''} MUST`], "with each target's verdict of a differing requirement").toBe(
    `mock: passed · mock+${QUIRK}: failed · url: passed`,
  );
  const summary = JSON.parse(readFileSync(join(out, 'allure-report', 'summary.json'), 'utf8')) as { name: string };
  expect(summary.name, 'the report title carries the compare verdict').toMatch(/: comparison DIFFERENT$/);

  // The mock's recording of that run, replayed: same verdicts, same exchanges.
  const recording = join(workDir, 'mock-recording.har');
  copyFileSync(join(out, 'mock', 'exchanges.har'), recording);
  const replayed = await runTs(
    COMPARE,
    ['mock', `replay=${recording}`, '--', '--grep', grep],
    isolatedEnv({ ADT_REPORTS_DIR: workDir, ADT_HTML_REPORT: 'off' }),
  );
  expect(replayed.code, `the mock and its replay agree: exit 0\n${replayed.console}`).toBe(0);
  expect(replayed.stdout, 'ADT_HTML_REPORT=off: the comparison says it built no HTML').toContain(
    'Allure HTML report: not built (ADT_HTML_REPORT=off)',
  );
  const replayMatrix = JSON.parse(readFileSync(join(out, 'compare-matrix.json'), 'utf8')) as CompareMatrix;
  expect(replayMatrix.differing, 'no requirement differs').toEqual([]);
  expect(
    replayMatrix.targets.map((target) => target.status),
    'both runs ended with a verdict',
  ).toEqual(['passed', 'passed']);
  const replayDiff = JSON.parse(readFileSync(join(out, 'exchange-diff.json'), 'utf8')) as ExchangeDiff;
  expect(replayDiff.missing, 'the replay recorded its exchanges too').toEqual({});
  expect(replayDiff.comparedRequests, 'the same logical requests were compared').toBe(diff.comparedRequests);
  expect(replayDiff.differences, 'no exchange differs').toEqual([]);
});
