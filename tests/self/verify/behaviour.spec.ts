import { expect, test } from '@playwright/test';
import { QUIRKS } from '../../../mock/quirks';
import { startMockServer } from '../../../mock/server';
import { API, call, type CallOptions, type Reply } from '../mock/fixtures';

/**
 * Every quirk must change what the mock answers: a defect that changes nothing would "survive" for the wrong
 * reason, a benign variant that changes nothing proves nothing. The probes cover every behaviour a quirk
 * can touch; the verify:suite run then shows that the suite catches the change.
 */

const JOBS = [
  'deletejob1',
  'timed-out-job',
  'running-job',
  'notstarted-job',
  'casejob',
  'CaseJob',
  'nightly-reset.2024-05-28',
];
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const JWT = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
const SMALL_PAGES = { 'max-items-per-page': '1' };

const PROBES: readonly { label: string; target: string; options?: CallOptions }[] = [
  ...JOBS.map((id) => ({ label: `GetById ${id}`, target: `/jobs/deletions/${encodeURIComponent(id)}?${API}` })),
  { label: 'unknown id', target: `/jobs/deletions/conformance-no-such-delete-job?${API}` },
  { label: 'case variant', target: `/jobs/deletions/DELETEJOB1?${API}` },
  { label: 'malformed percent-encoding', target: `/jobs/deletions/job%zz?${API}` },
  { label: '300-character id', target: `/jobs/deletions/${'j'.repeat(300)}?${API}` },
  { label: 'id with a trailing space', target: `/jobs/deletions/deletejob1%20?${API}` },
  { label: 'no api-version', target: '/jobs/deletions/deletejob1' },
  { label: 'empty api-version', target: '/jobs/deletions/deletejob1?api-version=' },
  { label: 'unsupported api-version', target: '/jobs/deletions/deletejob1?api-version=1999-01-01' },
  {
    label: 'valid traceparent',
    target: `/jobs/deletions/deletejob1?${API}`,
    options: { headers: { traceparent: TRACEPARENT } },
  },
  {
    label: 'traceparent and tracestate',
    target: `/jobs/deletions/deletejob1?${API}`,
    options: { headers: { traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' } },
  },
  {
    label: 'malformed traceparent',
    target: `/jobs/deletions/deletejob1?${API}`,
    options: { headers: { traceparent: 'garbage' } },
  },
  {
    label: 'traceparent on unknown id',
    target: `/jobs/deletions/nope?${API}`,
    options: { headers: { traceparent: TRACEPARENT } },
  },
  { label: 'no Authorization', target: `/jobs/deletions/deletejob1?${API}`, options: { auth: false } },
  {
    label: 'garbage token',
    target: `/jobs/deletions/deletejob1?${API}`,
    options: { auth: false, headers: { authorization: 'Bearer not-a-real-token' } },
  },
  {
    label: 'unsigned JWT',
    target: `/jobs/deletions/deletejob1?${API}`,
    options: { auth: false, headers: { authorization: JWT } },
  },
  { label: 'List', target: `/jobs/deletions?${API}` },
  { label: 'List page 2', target: `/jobs/deletions?${API}&continuationToken=5` },
  {
    label: 'List small page 2',
    target: `/jobs/deletions?${API}&continuationToken=1`,
    options: { headers: SMALL_PAGES },
  },
];

/** Headers that differ between any two servers. */
const VOLATILE = new Set(['date', 'connection', 'keep-alive']);

function fingerprint(reply: Reply): string {
  const headers = Object.entries(reply.headers)
    .filter(([name]) => !VOLATILE.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([reply.status, headers, reply.text]);
}

async function answers(quirks: readonly string[]): Promise<string[]> {
  const mock = await startMockServer({ quirks, port: 0 });
  try {
    const replies: string[] = [];
    // One after another: the trace span ids the mock hands out are a counter.
    for (const probe of PROBES) replies.push(fingerprint(await call(mock.url, probe.target, probe.options)));
    return replies;
  } finally {
    await mock.close();
  }
}

for (const quirk of QUIRKS) {
  test(`${quirk.kind} ${quirk.name} changes what the mock answers`, async () => {
    const [plain, quirky] = await Promise.all([answers([]), answers([quirk.name])]);
    const changed = PROBES.filter((_, index) => plain[index] !== quirky[index]).map((probe) => probe.label);
    expect(changed, `${quirk.name} (${quirk.description}) must change the answer to at least one probe`).not.toEqual(
      [],
    );
  });
}
