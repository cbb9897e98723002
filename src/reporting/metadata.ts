import type { TestInfo } from '@playwright/test';
import type { Label, Link, Parameter } from 'allure-js-commons';
import type { RuntimeMetadataMessage } from 'allure-js-commons/sdk';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import { AREAS, isRequirementId, requirement, type Requirement } from '../requirements';
import {
  ALLURE_EPIC,
  KNOWN_DEVIATION_LABEL,
  KNOWN_DEVIATION_TAG,
  LEVEL_LABEL,
  OPERATION_DOC_NAME,
  OPERATION_DOC_URL,
  REQUIREMENT_LABEL,
} from './constants';
import { loadConfig } from '../config';
import { knownDeviationsIn, type KnownDeviation } from './known-deviations';
import { ALLURE_REPORTER } from './reporters';

export interface TestMetadata {
  requirementIds: string[];
  jobId?: string;
  jobStatus?: string;
  /** npm run compare's label for the target: the same check on several targets shows side by side in one report. */
  target?: string;
}

/** Allure is active when its Playwright reporter is configured; otherwise the runtime API would only add noise attachments. */
function allureActive(testInfo: TestInfo): boolean {
  return testInfo.config.reporter.some(([name]) => name === ALLURE_REPORTER || name.includes('allure-playwright'));
}

let deviationsCache: Map<string, KnownDeviation> | undefined;
function knownDeviations(): Map<string, KnownDeviation> {
  try {
    deviationsCache ??= knownDeviationsIn(loadConfig().reports.knownDeviationsFile);
  } catch {
    // The matrix reporter and the conformance script report an invalid file once; workers just skip the label.
    deviationsCache = new Map();
  }
  return deviationsCache;
}

function requirementsOf(ids: string[]): Requirement[] {
  return ids.map((id) => {
    if (!isRequirementId(id))
      throw new Error(`annotateTest: unknown requirement id "${id}"; add it to src/requirements.ts or fix the tag.`);
    return requirement(id);
  });
}

function labelsFor(requirements: Requirement[]): Label[] {
  const features = new Set(requirements.map((r) => AREAS[r.area]));
  const levels = new Set(requirements.map((r) => r.level));
  return [
    { name: 'epic', value: ALLURE_EPIC },
    ...[...features].map((value) => ({ name: 'feature', value })),
    ...requirements.map((r) => ({ name: 'story', value: `${r.id} ${r.text}` })),
    { name: 'severity', value: levels.has('MUST') ? 'critical' : 'minor' },
    ...requirements.map((r) => ({ name: REQUIREMENT_LABEL, value: r.id })),
    ...[...levels].map((value) => ({ name: LEVEL_LABEL, value })),
  ];
}

/**
 * Puts the requirement-level metadata on the running test's Allure result: epic/feature/story, severity from
 * MUST/SHOULD, the operation's Learn page, the job checked, and a known-deviation marker when ADT_KNOWN_DEVIATIONS
 * lists the requirement. Does nothing when the Allure reporter is not configured.
 *
 * One runtime message, as allure-js-commons' allure.labels(), .links() and .parameter() each send one: every message
 * is a test attachment, and Playwright captures a source-mapped stack for each, which made this an eighth of a run's
 * CPU when it was five.
 */
export async function annotateTest(testInfo: TestInfo, meta: TestMetadata): Promise<void> {
  const requirements = requirementsOf(meta.requirementIds);
  if (!allureActive(testInfo)) return;
  const deviations = requirements.flatMap((r) => knownDeviations().get(r.id) ?? []);
  const labels: Label[] = [
    ...labelsFor(requirements),
    ...deviations.map((d) => ({ name: KNOWN_DEVIATION_LABEL, value: `${d.id}: ${d.reason}` })),
    ...(deviations.length > 0 ? [{ name: 'tag', value: KNOWN_DEVIATION_TAG }] : []),
  ];
  const links: Link[] = [
    { url: OPERATION_DOC_URL, name: OPERATION_DOC_NAME, type: 'link' },
    ...deviations.map((d) => ({ url: d.link, name: `Known deviation ${d.id}`, type: 'issue' })),
  ];
  const parameters: Parameter[] = [
    ...(meta.jobId === undefined ? [] : [{ name: 'job id', value: meta.jobId }]),
    ...(meta.jobStatus === undefined ? [] : [{ name: 'job status', value: meta.jobStatus }]),
    ...(meta.target === undefined ? [] : [{ name: 'target', value: meta.target }]),
  ];
  const message: RuntimeMetadataMessage = { type: 'metadata', data: { labels, links, parameters } };
  await testInfo.attach('Allure Metadata (metadata)', {
    contentType: ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE,
    body: Buffer.from(JSON.stringify(message), 'utf8'),
  });
}
