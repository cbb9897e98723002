import type { Label, Link, Parameter } from 'allure-js-commons';
import type { RuntimeMetadataMessage } from 'allure-js-commons/sdk';
import { AREAS, isRequirementId, REQUIREMENT_TAG_PATTERN, requirement, type Requirement } from '../requirements';
import { requirementIdsOf } from './verdicts';
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

/** Declared on each planned test: the job it checks and that job's status, shown as Allure parameters. */
export const JOB_ANNOTATION = 'delete-job';
export const JOB_STATUS_ANNOTATION = 'delete-job-status';

/** What the runner knows of a test when it ends: its tags and declared annotations. */
export interface DeclaredTest {
  readonly tags: readonly string[];
  readonly annotations: readonly { type: string; description?: string }[];
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

function requirementsOf(ids: readonly string[]): Requirement[] {
  return ids.map((id) => {
    if (!isRequirementId(id))
      throw new Error(`unknown requirement id "${id}" in a tag; add it to src/requirements.ts or fix the tag.`);
    return requirement(id);
  });
}

/**
 * The requirement ids a test's tags name. In the worker: a test tagged with an id the catalogue lacks fails at once
 * instead of reporting under no requirement.
 */
export function checkedRequirementIds(tags: readonly string[]): string[] {
  return requirementsOf(tags.flatMap((tag) => REQUIREMENT_TAG_PATTERN.exec(tag)?.[1] ?? [])).map(({ id }) => id);
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
 * The requirement-level metadata of a test's Allure result: epic/feature/story, severity from MUST/SHOULD, the
 * operation's Learn page, the job checked, the compared target, and a known-deviation marker when
 * ADT_KNOWN_DEVIATIONS lists the requirement. Built in the runner from what the test declares (tags, annotations):
 * sent from the worker, as allure.labels() and the like do, each message is a test attachment for which Playwright
 * makes a directory and captures a source-mapped stack, an eighth of a bundled-mock run's CPU.
 */
export function allureMetadataOf(test: DeclaredTest, compareTarget: string | undefined): RuntimeMetadataMessage {
  const requirements = requirementsOf(requirementIdsOf(test.tags));
  const annotation = (type: string): string | undefined => test.annotations.find((a) => a.type === type)?.description;
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
  const parameter = (name: string, value: string | undefined): Parameter[] =>
    value === undefined ? [] : [{ name, value }];
  const parameters: Parameter[] = [
    ...parameter('job id', annotation(JOB_ANNOTATION)),
    ...parameter('job status', annotation(JOB_STATUS_ANNOTATION)),
    ...parameter('target', compareTarget),
  ];
  return { type: 'metadata', data: { labels, links, parameters } };
}
