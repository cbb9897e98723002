import path from 'node:path';
import { test as base, type TestDetails, type TestInfo } from '@playwright/test';
import { requirement, tagFor, type RequirementId } from '../../src/requirements';
import { NotApplicableProbe, runCase, sendProbes, type Case, type PlanContext } from '../../src/engine/plan';
import { exchangesInRecording, recordedExchanges } from '../../src/engine/har-exchange';
import { REPLAY_NOT_RECORDED_CODE } from '../../mock/replay/har-format';
import { describeRequest } from '../../src/suite/checks';
import { RUN_LEVEL_CASES, runLevelProbes } from '../../src/checks/run-level';
import type { Verdict } from '../../src/engine/verdict';
import { expect } from '../../src/suite/expect';
import { describeTarget, loadConfig, resolveBaseUrl, type SuiteConfig } from '../../src/config';
import { credentialFor } from '../../src/suite/auth/credentials';
import { readDiscovery, type DiscoveredJob, type Discovery } from '../../src/suite/discovery';
import { allSinks, attachingSink } from '../../src/suite/evidence';
import { recordingSink } from '../../src/suite/recording/recorder';
import { AdtClient, type Exchange } from '../../src/suite/http/client';
import { requestPolicyFor, workerIntervalMs } from '../../src/suite/http/rate-limit';
import { memoryInFile, UNANSWERED_FILE_NAME } from '../../src/suite/http/unanswered';
import { checkedRequirementIds, JOB_ANNOTATION, JOB_STATUS_ANNOTATION } from '../../src/reporting/metadata';

/**
 * The one `test.extend` of the conformance suite. Specs import everything from here.
 * - `adt`: the HTTP client for this test; every exchange is attached to the test as redacted evidence.
 * - `suiteConfig`: the validated configuration (worker-scoped).
 */

export { expect };
export { notFoundCases } from '../../src/checks/not-found';
export { successShapeCases } from '../../src/checks/success-shape';
export { jobStateCases } from '../../src/checks/job-state';
export { apiVersionCases } from '../../src/checks/api-version';
export { nearMissIdsCases } from '../../src/checks/near-miss-ids';
export { caseSensitivityCases } from '../../src/checks/case-sensitivity';
export { oddIdsCases } from '../../src/checks/odd-ids';
export { authCases } from '../../src/checks/auth';
export { traceHeadersCases } from '../../src/checks/trace-headers';
export { listCases } from '../../src/checks/list';
export { listEntriesCases } from '../../src/checks/list-entries';
export { listAgreementCases } from '../../src/checks/list-agreement';
export { latencyCases } from '../../src/checks/latency';
export { jsonBodiesCases } from '../../src/checks/json-bodies';
export { timestampsCases } from '../../src/checks/timestamps';
export { equivalenceCases } from '../../src/checks/equivalence';

interface WorkerFixtures {
  suiteConfig: SuiteConfig;
  workerClient: AdtClient;
}

interface TestFixtures {
  adt: AdtClient;
  /** Playwright's own (see below). */
  _setupArtifacts: undefined;
}

/** The run's validated configuration; playwright.config.ts already stopped the run when it is invalid. */
export const runConfig: SuiteConfig = loadConfig();

export const test = base.extend<TestFixtures, WorkerFixtures>({
  /**
   * Playwright's browser artifacts (screenshots, traces, page snapshots), which this suite never takes, and the
   * "error-context" attachment it adds to every failed test: a prompt asking an AI to "explain why" and fix the
   * test, when here the test is right and the target is wrong. @playwright/test has no option for it (1.65:
   * PLAYWRIGHT_NO_COPY_PROMPT only drops the page snapshot), so the suite replaces the fixture that adds it.
   */
  _setupArtifacts: async ({}, use) => {
    await use(undefined);
  },
  suiteConfig: [runConfig, { scope: 'worker' }],
  workerClient: [
    async ({ suiteConfig }, use, workerInfo) => {
      const baseUrl = resolveBaseUrl(suiteConfig);
      const policy = requestPolicyFor(suiteConfig, baseUrl, workerInfo.config.workers);
      const unanswered = memoryInFile(path.join(workerInfo.project.outputDir, UNANSWERED_FILE_NAME));
      const client = AdtClient.create({
        baseUrl,
        apiVersion: suiteConfig.apiVersion,
        credential: credentialFor(suiteConfig.auth, process.env),
        unanswered,
        ...policy,
      });
      await use(client);
      client.close();
    },
    { scope: 'worker' },
  ],
  /** Every planned test's client; its setup also checks the test's requirement tags and names the target. */
  adt: async ({ workerClient, suiteConfig }, use, testInfo) => {
    const requirementIds = checkedRequirementIds(testInfo.tags);
    testInfo.annotations.push({ type: 'target', description: describeTarget(suiteConfig) });
    // Recorded even when no HAR is written: the run-level requirements judge every exchange of the run.
    const { recording } = suiteConfig.reports;
    const recorder = recordingSink({
      outputDir: testInfo.project.outputDir,
      part: `worker-${testInfo.workerIndex}-${process.pid}`,
      baseUrl: workerClient.origin,
      keepHost: recording.keepHost,
      phase: 'test',
      test: { title: testInfo.titlePath.slice(1).join(' › '), requirementIds },
    });
    await use(
      workerClient.withEvidence(
        allSinks([attachingSink(testInfo, { mockToken: suiteConfig.auth.kind === 'mock' }), recorder]),
      ),
    );
  },
});

/** What this run found on the target; undefined when globalSetup did not run (e.g. `--list`). */
export const discovery: Discovery | undefined = readDiscovery();

/** Test details carrying requirement tags (and, for a per-job test, the job as annotations). */
export function requirementDetails(ids: RequirementId | readonly RequirementId[], job?: DiscoveredJob): TestDetails {
  const list = typeof ids === 'string' ? [ids] : ids;
  return {
    tag: list.map(tagFor),
    ...(job
      ? {
          annotation: [
            { type: JOB_ANNOTATION, description: job.id },
            { type: JOB_STATUS_ANNOTATION, description: job.status },
          ],
        }
      : {}),
  };
}

/**
 * Inside a running test: ends it as skipped with the reason when the requirement does not apply to what the
 * target answered (e.g. DJ-404-02 on a reply that is not an error). A skip is reported as "not applicable".
 */
export function notApplicableWhen(condition: boolean, reason: string): void {
  test.skip(condition, `Not applicable: ${reason}`);
}

/** What the plan is computed from in this run: the discovery globalSetup wrote and the configuration. */
export const planContext: PlanContext = {
  discovery,
  apiVersion: runConfig.apiVersion,
  holdsCredential: runConfig.auth.kind !== 'none',
  latency: runConfig.latency,
  pacingIntervalMs: workerIntervalMs(runConfig.traffic, runConfig.traffic.workers ?? 1),
  // The seed global setup chose; listing tests (no global setup) plans with 0: titles never carry the seed.
  probes: { seed: discovery?.probeSeed ?? runConfig.probes.seed ?? 0, budget: runConfig.probes.budget },
  ...(runConfig.replay?.judged === undefined ? {} : { judgedExchanges: exchangesInRecording(runConfig.replay.file) }),
};

/**
 * Judging a recording (`npm run judge`), a request the recording holds no answer for decides nothing: the test is
 * not run, with the request named, instead of failing on the replay's MockReplayNotRecorded.
 */
function skipWhenNotRecorded(exchanges: readonly Exchange[]): void {
  if (planContext.judgedExchanges === undefined) return;
  const missing = exchanges.find((exchange) => exchange.header('x-ms-error-code') === REPLAY_NOT_RECORDED_CODE);
  if (missing === undefined) return;
  notApplicableWhen(
    true,
    `the recording holds no answer to ${describeRequest(missing)}, so it cannot decide this test`,
  );
}

/** A planned case as a Playwright test; specs declare it (`test(t.title, t.details, t.body)`) so its location is the spec. */
export interface PlannedTest {
  readonly title: string;
  readonly details: TestDetails;
  readonly body: (fixtures: { adt: AdtClient }, testInfo: TestInfo) => Promise<void>;
}

function expectVerdict(verdict: Verdict, id: RequirementId): void {
  notApplicableWhen(verdict.outcome === 'not-applicable', verdict.outcome === 'not-applicable' ? verdict.reason : '');
  expect(verdict.outcome === 'failed' ? verdict.problems : [], `${id} ${requirement(id).text}`).toHaveNoProblem();
}

/** One test per case of the plan: it sends the case's requests with the run's client and asserts the check's verdict. */
export function testsFor(plan: (context: PlanContext) => readonly Case[]): PlannedTest[] {
  return plan(planContext).map((planned) => ({
    title: `${planned.requirementId} ${planned.title}`,
    details: requirementDetails(planned.requirementId, planned.job),
    body: async ({ adt }, testInfo) => {
      if (planned.notApplicable !== undefined) notApplicableWhen(true, planned.notApplicable);
      if (planned.extraTimeMs !== undefined) testInfo.setTimeout(testInfo.timeout + planned.extraTimeMs);
      let sent: Awaited<ReturnType<typeof runCase>>;
      try {
        sent = await runCase(adt, planned);
      } catch (error) {
        if (error instanceof NotApplicableProbe) notApplicableWhen(true, error.message);
        throw error;
      }
      skipWhenNotRecorded(sent.exchanges);
      const { verdict } = sent;
      for (const attachment of verdict.outcome === 'not-applicable' ? [] : (verdict.attachments ?? [])) {
        await testInfo.attach(attachment.name, {
          body: JSON.stringify(attachment.value, null, 2),
          contentType: 'application/json',
        });
      }
      expectVerdict(verdict, planned.requirementId);
    },
  }));
}

let runLevelReads: Promise<unknown> | undefined;

/**
 * The run-level requirements, judged after every other test (their project is the conformance project's teardown)
 * over every exchange the run recorded, after reading each job a few more times of their own; judging a recording,
 * over every exchange it holds.
 */
export function runLevelTests(): PlannedTest[] {
  return RUN_LEVEL_CASES.map((runLevel) => ({
    title: `${runLevel.requirementId} ${runLevel.title}`,
    details: requirementDetails(runLevel.requirementId),
    body: async ({ adt }, testInfo) => {
      if (planContext.judgedExchanges !== undefined) {
        expectVerdict(runLevel.check(planContext.judgedExchanges), runLevel.requirementId);
        return;
      }
      runLevelReads ??= sendProbes(adt, runLevelProbes(planContext));
      await runLevelReads;
      expectVerdict(runLevel.check(recordedExchanges(testInfo.project.outputDir)), runLevel.requirementId);
    },
  }));
}
