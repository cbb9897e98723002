import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario, ScenarioError, type Scenario } from '../scenarios';
import { parseRfc3339 } from '../timestamps';
import { RecordingError, type HarEntry, type HarFile } from './har-format';
import { contentBytes } from './recording-file';

/**
 * Seeds the stateful mock with the jobs a recording saw: every job in a 200 GetById or List body (the latest
 * view of each), in List order, as a scenario. The mock then serves them with its whole behaviour (paging,
 * lifecycle, faults), which a replay cannot.
 */

export const RECORDED_SCENARIO = 'recording';
const JOB_FIELDS = ['id', 'createdDateTime', 'finishedDateTime', 'purgeDateTime', 'status', 'error'] as const;
const GET_BY_ID = /\/jobs\/deletions\/[^/?]+(?:\?|$)/;
const LIST = /\/jobs\/deletions(?:\?|$)/;

type Json = Record<string, unknown>;

export interface ScenarioFile {
  description: string;
  now: string;
  pageSize?: number;
  jobs: Json[];
}

export interface RecordedScenario {
  scenario: Scenario;
  file: ScenarioFile;
  /** Jobs the mock cannot serve as they were recorded (e.g. a status outside the spec), with why. */
  skipped: string[];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bodyOf(entry: HarEntry): unknown {
  const text = contentBytes(entry.response.content)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function jobsIn(entry: HarEntry): { jobs: Json[]; pageOf?: number } {
  if (entry.response.status !== 200 || entry.request.method !== 'GET') return { jobs: [] };
  const body = bodyOf(entry);
  const path = entry._adt.pathAsSent;
  if (GET_BY_ID.test(path)) return { jobs: isObject(body) && typeof body.id === 'string' ? [body] : [] };
  if (LIST.test(path) && isObject(body) && Array.isArray(body.value)) {
    const jobs = body.value.filter(isObject).filter((job) => typeof job.id === 'string');
    return typeof body.nextLink === 'string' ? { jobs, pageOf: jobs.length } : { jobs };
  }
  return { jobs: [] };
}

function pick(job: Json): Json {
  return Object.fromEntries(JOB_FIELDS.filter((field) => job[field] !== undefined).map((field) => [field, job[field]]));
}

function timeOf(value: unknown): number {
  return typeof value === 'string' ? (parseRfc3339(value) ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;
}

/** The scenario's now: the latest time any job reports, so every seeded job is already created (and finished). */
function latestTime(jobs: readonly Json[]): string | undefined {
  let latest: string | undefined;
  for (const job of jobs) {
    for (const value of [job.createdDateTime, job.finishedDateTime]) {
      if (typeof value === 'string' && timeOf(value) > timeOf(latest)) latest = value;
    }
  }
  return latest;
}

export function scenarioFromRecording(recording: HarFile, source: string): RecordedScenario {
  const latest = new Map<string, Json>();
  let pageSize: number | undefined;
  const ordered = [...recording.log.entries].sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
  for (const entry of ordered) {
    const found = jobsIn(entry);
    if (
      pageSize === undefined &&
      found.pageOf !== undefined &&
      found.pageOf > 0 &&
      !entry.request.headers.some((h) => h.name.toLowerCase() === 'max-items-per-page')
    )
      pageSize = found.pageOf;
    for (const job of found.jobs) latest.set(job.id as string, pick(job));
  }
  const candidates = [...latest.values()];
  const now = latestTime(candidates);
  if (candidates.length === 0 || now === undefined) {
    throw new RecordingError(
      `${source} holds no delete job in a 200 GetById or List body: there is nothing to seed the mock with. Record a run against a target that has delete jobs.`,
    );
  }
  const skipped: string[] = [];
  const jobs = candidates.filter((job) => {
    try {
      parseScenario('check', source, { now, jobs: [job] });
      return true;
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      skipped.push(`${String(job.id)}: ${error.message.replace(`${source}: `, '').replace('jobs[0]', 'job')}`);
      return false;
    }
  });
  const file: ScenarioFile = {
    description: `The ${jobs.length} delete job(s) seen in ${path.basename(source)}, as that run saw them last.`,
    now,
    ...(pageSize === undefined ? {} : { pageSize }),
    jobs,
  };
  return { scenario: parseScenario(RECORDED_SCENARIO, source, file), file, skipped };
}

const SCENARIO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Writes the scenario as `<dir>/<name>.json`; never over an existing scenario. */
export function writeScenarioFile(dir: string, name: string, file: ScenarioFile): string {
  if (!SCENARIO_NAME.test(name))
    throw new RecordingError(
      `--write-scenario "${name}" is not a scenario name: use letters, digits, dots, dashes and underscores, e.g. --write-scenario staging-jobs.`,
    );
  const target = path.join(dir, `${name}.json`);
  if (existsSync(target))
    throw new RecordingError(
      `${target} exists already: pick another name with --write-scenario, or delete that file first.`,
    );
  // A scenario folder named with --scenario-dir may not exist yet; the mock reads it from there next time.
  mkdirSync(dir, { recursive: true });
  writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
  return target;
}
