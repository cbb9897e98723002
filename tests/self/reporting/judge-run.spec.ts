import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFECT_TARGETS } from '../../../src/verify/targets';
import { startRecordingProxy } from '../support/recording-proxy';
import { expect, isolatedEnv, readMatrix, runNpm, startMock, test } from './harness';

/** A defect only the run level sees: the job's status flaps between reads. */
const DEFECT = 'status-flaps';
const TOKEN = 'judge-self-test-token';

interface HarLike {
  log: {
    entries: { request: { method: string; url: string; headers: { name: string }[] }; response: { status: number } }[];
  };
}

function judge(workDir: string, name: string, file: string) {
  return runNpm(
    'judge',
    [file, '--output', join(workDir, `${name}-results`)],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, name), ADT_HTML_REPORT: 'off' }),
  );
}

const failedIds = (reportsDir: string): string[] =>
  readMatrix(reportsDir)
    .requirements.filter((r) => r.verdict === 'failed')
    .map((r) => r.id);

// One run through a recording proxy gives two recordings of the same traffic: the suite's own and the proxy's.
test("npm run judge gives a run's own HAR that run's verdicts, fails a quirk's targets on a proxy's HAR, and calls a partial recording INCOMPLETE", async ({
  workDir,
}) => {
  test.setTimeout(240_000);
  const mock = await startMock({ token: TOKEN, quirks: [DEFECT] });
  const proxy = await startRecordingProxy(mock.url);
  const reportsDir = join(workDir, 'run');
  let run;
  try {
    run = await runNpm(
      'conformance',
      ['--output', join(workDir, 'run-results')],
      isolatedEnv({
        ADT_REPORTS_DIR: reportsDir,
        ADT_HTML_REPORT: 'off',
        AZURE_DIGITALTWINS_URL: proxy.url,
        ADT_AUTH: 'token',
        ADT_ACCESS_TOKEN: TOKEN,
        ADT_MAX_RPS: '0',
      }),
    );
  } finally {
    await proxy.close();
    await mock.close();
  }
  expect(run.code, `the run against ${DEFECT} fails\n${run.console.slice(-2000)}`).toBe(1);
  expect(failedIds(reportsDir), "the run fails the quirk's targets").toEqual([...(DEFECT_TARGETS[DEFECT] ?? [])]);
  expect(run.stdout, 'the console says how many generated probes went out and the seed that sends them again').toMatch(
    /Generated probes: \d+ sent \(budget \d+\), seed (\d+): ADT_PROBE_SEED=\1 sends them again/,
  );

  const own = await judge(workDir, 'own', join(reportsDir, 'exchanges.har'));
  expect(own.code, `judging the run's own HAR exits as the run did\n${own.console.slice(-2000)}`).toBe(1);
  expect(
    readMatrix(join(workDir, 'own')).requirements.map((r) => [r.id, r.verdict]),
    'the same verdict for every requirement',
  ).toEqual(readMatrix(reportsDir).requirements.map((r) => [r.id, r.verdict]));
  expect(own.stdout, 'the parity line').toContain(
    'Replay parity: every requirement got the verdict it got in the recorded run',
  );

  const har = proxy.har() as HarLike;
  const proxyHar = join(workDir, 'proxy.har');
  writeFileSync(proxyHar, JSON.stringify(har));
  const foreign = await judge(workDir, 'proxy', proxyHar);
  expect(foreign.code, `a proxy's HAR of the same traffic fails\n${foreign.console.slice(-2000)}`).toBe(1);
  expect(failedIds(join(workDir, 'proxy')), "the quirk's targets fail, and nothing else").toEqual([
    ...(DEFECT_TARGETS[DEFECT] ?? []),
  ]);
  expect(foreign.stdout, 'the target is the judged file').toContain(
    'Conformance run against judged recording proxy.har',
  );

  // As a browser exports it: the reads of the one job it polled (which does not flap), no Authorization header, no List.
  const polls = har.log.entries.filter(
    (entry) =>
      entry.request.method === 'GET' &&
      /\/jobs\/deletions\/deletejob1\?api-version=2023-10-31$/.test(entry.request.url) &&
      entry.response.status === 200,
  );
  const browserHar = join(workDir, 'browser.har');
  writeFileSync(
    browserHar,
    JSON.stringify({
      log: {
        ...har.log,
        entries: polls.map((entry) => ({
          ...entry,
          request: {
            ...entry.request,
            headers: entry.request.headers.filter(({ name }) => name.toLowerCase() !== 'authorization'),
          },
        })),
      },
    }),
  );
  const partial = await judge(workDir, 'browser', browserHar);
  expect(
    partial.code,
    `a recording that decides only some MUST requirements is INCOMPLETE\n${partial.console.slice(-2000)}`,
  ).toBe(3);
  const matrix = readMatrix(join(workDir, 'browser'));
  expect(
    matrix.requirements.find((r) => r.id === 'DJ-STATE-04')?.verdict,
    'the run level is judged over the reads it holds',
  ).toBe('passed');
  expect(
    matrix.unchecked.map((u) => u.id),
    'what it cannot decide leaves the run incomplete',
  ).toContain('DJ-404-01');
  expect(
    matrix.requirements.find((r) => r.id === 'DJ-404-01')?.reason,
    'a requirement the recording cannot decide says why',
  ).toMatch(/the recording holds no answer to GET .*conformance-no-such-delete-job/);
});

test('npm run judge: a file that is not HAR of Delete Jobs traffic is one line and exit 2', async ({ workDir }) => {
  const cases: [string, string, RegExp][] = [
    ['truncated.har', '{"log":{"version":"1.2","entries":[{"request":', /is not complete JSON .*cut off or is not HAR/],
    ['not-har.json', '{"name":"a package.json, say"}', /is not a HAR file \(no log\.entries\)/],
    [
      'elsewhere.har',
      JSON.stringify({
        log: {
          version: '1.2',
          entries: [
            {
              request: { method: 'GET', url: 'https://example.test/models?api-version=2023-10-31', headers: [] },
              response: { status: 200, headers: [], content: {} },
            },
          ],
        },
      }),
      /holds no Delete Jobs traffic \(no request to \/jobs\/deletions among its 1 entries\)/,
    ],
  ];
  for (const [name, text, message] of cases) {
    const file = join(workDir, name);
    writeFileSync(file, text);
    const run = await judge(workDir, name, file);
    expect(run.code, `${name}: exit 2\n${run.console}`).toBe(2);
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm '));
    expect(lines, `${name}: one line naming the problem`).toEqual([expect.stringMatching(message)]);
  }
  const missing = await judge(workDir, 'missing', join(workDir, 'no-such.har'));
  expect(missing.code, 'a missing file').toBe(2);
  expect(missing.stderr, 'names the file').toMatch(/judge: \S*no-such\.har cannot be read/);
});
