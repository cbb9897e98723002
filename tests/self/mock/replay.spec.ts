import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { REPLAY_NOT_RECORDED_CODE, type HarEntry, type HarFile } from '../../../mock/replay/har-format';
import { createReplayApp } from '../../../mock/replay/replay-app';
import { RECORDED_SCENARIO, scenarioFromRecording, writeScenarioFile } from '../../../mock/replay/scenario-from';
import { loadScenarios } from '../../../mock/scenarios';
import { buildRecording, readParts } from '../../../src/reporting/recording';
import type { Matrix } from '../../../src/reporting/verdicts';
import { AdtClient, type EvidenceRecord } from '../../../src/suite/http/client';
import { recordingSink } from '../../../src/suite/recording/recorder';
import { API, AUTH, call, expect, test } from './fixtures';
import { TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const credential = {
  holdsCredential: true,
  description: 'mock token',
  authorization: () => Promise.resolve(`Bearer ${MOCK_DEFAULT_TOKEN}`),
};
const MATRIX = { status: 'passed', requirements: [] } as unknown as Matrix;
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

type Send = (client: AdtClient) => Promise<unknown>;
/** What the suite sends, in kind: GetById with each credential kind, trace headers, List pages and a nextLink. */
const REQUESTS: Send[] = [
  (c) => c.getById('deletejob1'),
  (c) => c.getById('deletejob1', { auth: 'none' }),
  (c) => c.getById('deletejob1', { auth: { authorization: 'Bearer forged' } }),
  (c) => c.getById('deletejob1', { headers: { traceparent: TRACEPARENT } }),
  (c) => c.getByRawId('job%zz'),
  (c) => c.list({ maxItemsPerPage: 2 }),
  async (c) => {
    const first = await c.list();
    return c.followNextLink((JSON.parse(first.bodyText.replace(/^\uFEFF/, '')) as { nextLink: string }).nextLink);
  },
];

/** Sends REQUESTS to a server and keeps what came back, bytes included. */
async function exchange(baseUrl: string, sink?: (record: EvidenceRecord) => Promise<void>): Promise<EvidenceRecord[]> {
  const records: EvidenceRecord[] = [];
  const client = AdtClient.create({ baseUrl, apiVersion: '2023-10-31', credential }).withEvidence(async (record) => {
    records.push(record);
    await sink?.(record);
  });
  for (const send of REQUESTS) await send(client);
  client.close();
  return records;
}

/** A recording of REQUESTS against a real mock, made by the suite's own recorder. */
async function recordFrom(baseUrl: string): Promise<{ recording: HarFile; records: EvidenceRecord[] }> {
  const outputDir = mkdtempSync(path.join(tmpdir(), 'adt-replay-self-'));
  try {
    const sink = recordingSink({
      outputDir,
      part: 'w',
      baseUrl,
      keepHost: false,
      phase: 'test',
      test: { title: 't', requirementIds: [] },
    });
    const records = await exchange(baseUrl, sink);
    return { recording: buildRecording(readParts(outputDir), { target: 'url' }, MATRIX, 'test'), records };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

test('the replay answers every recorded request with its status, headers and exact body bytes, links on its own origin', async ({
  startMock,
}) => {
  const original = await startMock({ quirks: ['json-byte-order-mark'] });
  const { recording, records: recorded } = await recordFrom(original.url);
  const replay = await startMock({ app: createReplayApp(recording) });
  const replayed = await exchange(replay.url);
  const view = (records: EvidenceRecord[], origin: string) =>
    records.map((r) => ({
      status: r.response?.status,
      traceresponse: r.response?.headers.traceresponse,
      errorCode: r.response?.headers['x-ms-error-code'],
      body: r.response?.bodyBytes.toString('latin1').split(origin).join('ORIGIN'),
    }));
  expect(
    view(replayed, replay.url),
    'status, headers and bytes of every answer; nextLink points at the replay',
  ).toEqual(view(recorded, original.url));
  expect(replayed[0]?.response?.bodyBytes.subarray(0, 3), 'the BOM the defect sends is served as recorded').toEqual(
    Buffer.from([0xef, 0xbb, 0xbf]),
  );
  expect(
    replayed.map((r) => r.response?.status),
    'configured, none and invalid credentials got their own answers',
  ).toEqual([200, 401, 401, 200, 400, 200, 200, 200]);
});

test('the nth identical request gets the nth recorded answer, and later ones the last', async ({ startMock }) => {
  const { recording } = await recordFrom((await startMock()).url);
  const first = recording.log.entries.find(
    (e) =>
      e._adt.pathAsSent.startsWith('/jobs/deletions/deletejob1') &&
      e._adt.credential === 'configured' &&
      !e.request.headers.some((h) => h.name === 'traceparent'),
  ) as HarEntry;
  const later: HarEntry = {
    ...first,
    response: { ...first.response, status: 404, content: { size: 2, mimeType: 'application/json', text: '{}' } },
    _adt: { ...first._adt, sequence: 1 },
  };
  const replay = await startMock({
    app: createReplayApp({ log: { ...recording.log, entries: [later, ...recording.log.entries] } }),
  });
  const statuses = [];
  for (let n = 0; n < 3; n += 1)
    statuses.push((await call(replay.url, first._adt.pathAsSent, { headers: { accept: 'application/json' } })).status);
  expect(statuses, 'answers in recorded order (a job watched as it moves), then the last one repeated').toEqual([
    200, 404, 404,
  ]);
});

test('a request the recording cannot answer gets MockReplayNotRecorded naming what is missing, never DeleteJobNotFound', async ({
  startMock,
}) => {
  const { recording } = await recordFrom((await startMock()).url);
  const replay = await startMock({ app: createReplayApp(recording) });
  const unknown = await call(replay.url, `/jobs/deletions/never-asked?${API}`);
  expect([unknown.status, unknown.headers['x-ms-error-code']], "the mock's own code and status").toEqual([
    501,
    REPLAY_NOT_RECORDED_CODE,
  ]);
  expect(JSON.stringify(unknown.json()), 'the message names the request').toContain('GET /jobs/deletions/never-asked');
  const otherHeader = await call(replay.url, `/jobs/deletions/deletejob1?${API}`, {
    headers: { ...AUTH, traceparent: '00-11111111111111111111111111111111-2222222222222222-01' },
  });
  expect(otherHeader.headers['x-ms-error-code'], 'a trace header the recording never sent is a different request').toBe(
    REPLAY_NOT_RECORDED_CODE,
  );
  expect(
    JSON.stringify(otherHeader.json()),
    'the message says which credential kinds the recording has for that path',
  ).toContain('credential configured');
});

test('scenario-from seeds the mock with the recorded jobs, served as the original mock served them, List paging included', async ({
  startMock,
}) => {
  const original = await startMock();
  const { recording } = await recordFrom(original.url);
  const seeded = scenarioFromRecording(recording, 'run.har');
  expect(
    seeded.file.jobs.map((job) => [job.id, job.status]),
    'the jobs the recording saw, in List order',
  ).toEqual([...(loadScenarios().get('default')?.jobs ?? [])].map((job) => [job.id, job.status]));
  const mock = await startMock({
    scenarios: new Map([[RECORDED_SCENARIO, seeded.scenario]]),
    scenario: RECORDED_SCENARIO,
  });
  for (const id of ['deletejob1', 'timed-out-job', 'running-job']) {
    const [again, before] = await Promise.all([
      call(mock.url, `/jobs/deletions/${id}?${API}`, { headers: AUTH }),
      call(original.url, `/jobs/deletions/${id}?${API}`, { headers: AUTH }),
    ]);
    expect(again.json(), `${id}: ids, status, timestamps and error as recorded`).toEqual(before.json());
  }
  const page = (await call(mock.url, `/jobs/deletions?${API}`, { headers: AUTH })).json() as {
    value: unknown[];
    nextLink: string | null;
  };
  expect([page.value.length, page.nextLink !== null], 'List pages with the recorded page size').toEqual([5, true]);

  const dir = mkdtempSync(path.join(tmpdir(), 'adt-scenario-self-'));
  try {
    const file = writeScenarioFile(path.join(dir, 'not-yet'), 'staging-jobs', seeded.file);
    expect(path.dirname(file), 'a scenario folder that does not exist yet is created').toBe(path.join(dir, 'not-yet'));
    expect(
      loadScenarios(path.dirname(file)).get('staging-jobs')?.jobs,
      'the written scenario file loads as the same jobs',
    ).toEqual(seeded.scenario.jobs);
    expect(
      () => writeScenarioFile(path.dirname(file), 'staging-jobs', seeded.file),
      'an existing scenario is never overwritten',
    ).toThrow(/exists already/);
    expect(readFileSync(file, 'utf8'), 'a scenario file a person can read').toContain('"now"');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a recorded job the mock cannot serve is left out with the reason', async ({ startMock }) => {
  const { recording } = await recordFrom((await startMock({ quirks: ['capitalised-status'] })).url);
  const seeded = scenarioFromRecording(recording, 'run.har');
  expect(seeded.file.jobs, 'no job with a status outside the spec').toEqual([]);
  expect(seeded.skipped.join('\n'), 'each left-out job with why').toMatch(/deletejob1: job\.status must be one of/);
});

function mockCli(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, 'mock/main.ts', '--port', '0', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

test('a truncated HAR, a HAR from another tool or one without Delete Jobs exchanges: one message, exit 2', async ({
  startMock,
}) => {
  const { recording } = await recordFrom((await startMock()).url);
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-bad-har-'));
  try {
    const full = JSON.stringify(recording);
    const files = {
      truncated: [full.slice(0, full.length / 2), /not complete JSON.*cut off/],
      'other-tool': [
        JSON.stringify({ log: { version: '1.2', creator: { name: 'Firefox', version: '1' }, entries: [] } }),
        /HAR file from Firefox, not a recording of this suite/,
      ],
      'no-delete-jobs': [
        JSON.stringify({
          log: {
            ...recording.log,
            entries: recording.log.entries.map((e) => ({ ...e, _adt: { ...e._adt, pathAsSent: '/healthz' } })),
          },
        }),
        /no Delete Jobs exchange/,
      ],
    } as const;
    for (const [name, [text, message]] of Object.entries(files)) {
      const file = path.join(dir, `${name}.har`);
      writeFileSync(file, text);
      // Both flags read through one reader; --scenario-from is checked on one file, each process costs a second.
      for (const flag of name === 'other-tool' ? ['--replay', '--scenario-from'] : ['--replay']) {
        const run = mockCli([flag, file]);
        expect(run.status, `${flag} ${name}: a usage error`).toBe(2);
        expect(run.stderr, `${flag} ${name}: what is wrong and what to do`).toMatch(message);
        expect(run.stderr.trim().split('\n'), `${flag} ${name}: one line, no stack trace`).toHaveLength(1);
      }
    }
    const good = path.join(dir, 'good.har');
    writeFileSync(good, full);
    const withQuirk = mockCli(['--replay', good, '--quirk', 'no-charset']);
    expect(
      [withQuirk.status, withQuirk.stderr.trim().split('\n').length],
      'a quirk cannot apply to recorded answers: a usage error, one line',
    ).toEqual([2, 1]);
    expect(withQuirk.stderr, 'the message names the option that would do nothing').toContain('--quirk');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
