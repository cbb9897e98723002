import { expect, test } from '@playwright/test';
import { REQUIREMENTS } from '../../../src/requirements';
import { REFERENCE_DEFECTS, startReferenceServer, type ReferenceDefect } from './support/reference-server';
import { filesUnder, requirementIdsOf, runConformance, type SuiteRun } from './support/run-suite';

const TOKEN = 'reference-secret-token-5b1f7c0e9a';
const CHECKED_LATER = new Set(['DJ-PERF-01']);

test.describe.configure({ mode: 'parallel' });
test.setTimeout(300_000);

async function runAgainst(defects: readonly ReferenceDefect[]): Promise<{ run: SuiteRun; received: readonly string[] }> {
  const server = await startReferenceServer({ token: TOKEN, defects });
  try {
    const run = await runConformance({ AZURE_DIGITALTWINS_URL: server.url, ADT_AUTH: 'token', ADT_ACCESS_TOKEN: TOKEN });
    return { run, received: server.received };
  } finally {
    await server.close();
  }
}

function expectNoTokenAnywhere(run: SuiteRun): void {
  expect(run.stdout.includes(TOKEN), 'token in stdout').toBe(false);
  expect(run.stderr.includes(TOKEN), 'token in stderr').toBe(false);
  const leaking = filesUnder(run.dir).filter(({ text }) => text.includes(TOKEN)).map(({ file }) => file);
  expect(leaking, 'files holding the token').toEqual([]);
  const leakingAttachments = run.results.flatMap((result) => result.attachments.filter(({ text }) => text.includes(TOKEN)).map(({ name }) => `${result.title}: ${name}`));
  expect(leakingAttachments, 'attachments holding the token').toEqual([]);
}

function evidenceOf(run: SuiteRun): string {
  return run.results.flatMap((result) => result.attachments.map(({ text }) => text)).join('\n');
}

test('a correct but different server passes: every requirement checked, nothing failed, no token leaked, only GETs sent', async () => {
  const { run, received } = await runAgainst([]);
  const failed = run.results.filter((result) => !['passed', 'skipped'].includes(result.status));
  expect(failed.map((result) => `${result.title}: ${result.errors.join(' | ')}`), 'false failures').toEqual([]);
  expect(run.exitCode, run.stdout.slice(-3000)).toBe(0);

  const passedIds = new Set(run.results.filter((result) => result.status === 'passed').flatMap(requirementIdsOf));
  const unchecked = REQUIREMENTS.map((r) => r.id).filter((id) => !passedIds.has(id) && !CHECKED_LATER.has(id));
  expect(unchecked, 'requirements with no passing test against a server that meets them').toEqual([]);

  expect(received.filter((line) => !line.startsWith('GET ')), 'the suite sends nothing but GET').toEqual([]);
  expect(received, 'odd ids go out exactly as written').toEqual(expect.arrayContaining(['GET /jobs/deletions/job%zz?api-version=2023-10-31', 'GET /jobs/deletions/..?api-version=2023-10-31']));

  expectNoTokenAnywhere(run);
  const evidence = evidenceOf(run);
  expect(evidence, 'evidence shows the credential as redacted').toContain('authorization: Bearer <redacted>');
  expect(evidence, 'evidence carries a runnable curl that reads the token from the environment').toContain('-H "Authorization: Bearer $ADT_ACCESS_TOKEN"');
});

const DEFECTS: readonly { defect: ReferenceDefect; requirement: string; message: RegExp }[] = [
  { defect: 'no-error-code-header', requirement: 'DJ-404-02', message: /no x-ms-error-code header/ },
  { defect: 'case-insensitive-ids', requirement: 'DJ-CASE-01', message: /ids are case sensitive, so it must answer 404/ },
  { defect: 'ignores-api-version', requirement: 'DJ-APIV-01', message: /without api-version must be rejected with 400/ },
  { defect: 'rejects-tracestate', requirement: 'DJ-TRACE-02', message: /must answer exactly as without trace headers/ },
  { defect: 'no-auth', requirement: 'DJ-AUTH-01', message: /without an Authorization header must be rejected with 401/ },
  { defect: 'space-separator', requirement: 'DJ-TIME-01', message: /createdDateTime must be a strict RFC 3339 date-time/ },
  { defect: 'trims-ids', requirement: 'DJ-ODD-02', message: /must not be answered with another job/ },
];

test('a broken server fails, and each defect shows up under its requirement with a readable message', async () => {
  expect(DEFECTS.map(({ defect }) => defect).sort(), 'every defect of the reference server is exercised').toEqual([...REFERENCE_DEFECTS].sort());
  const { run } = await runAgainst(DEFECTS.map(({ defect }) => defect));
  expect(run.exitCode, 'the run must fail').not.toBe(0);
  const failed = run.results.filter((result) => result.status === 'failed');
  for (const { defect, requirement, message } of DEFECTS) {
    const failures = failed.filter((result) => requirementIdsOf(result).includes(requirement));
    expect(failures.length, `${defect} must fail a ${requirement} test`).toBeGreaterThan(0);
    expect(failures.flatMap((result) => result.errors).join('\n'), `${defect}: the ${requirement} failure explains itself`).toMatch(message);
  }
  expectNoTokenAnywhere(run);
});
