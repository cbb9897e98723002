import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRfc3339 } from './timestamps';

export const JOB_STATUSES = ['notstarted', 'running', 'failed', 'succeeded'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobError {
  code: string;
  message: string;
}

/** A DeleteJob as the API sends it; properties not yet set are absent. */
export interface DeleteJobBody {
  id: string;
  createdDateTime: string;
  finishedDateTime?: string;
  purgeDateTime: string;
  status: JobStatus;
  error?: JobError;
}

/** How jobs created through Add move on: notstarted for startAfterMs, running for runMs, then done. */
export interface Lifecycle {
  startAfterMs: number;
  runMs: number;
  /** When set, a job that finishes in time fails with this error instead of succeeding. */
  failure?: JobError;
}

export interface Scenario {
  name: string;
  description: string;
  nowMs: number;
  pageSize: number;
  lifecycle: Lifecycle;
  jobs: readonly DeleteJobBody[];
}

export const DEFAULT_SCENARIO_DIR = path.resolve(__dirname, '..', 'fixtures', 'scenarios');
const DEFAULT_LIFECYCLE: Lifecycle = { startAfterMs: 2_000, runMs: 10_000 };
const DEFAULT_PAGE_SIZE = 100;
const SCENARIO_KEYS = new Set(['description', 'now', 'pageSize', 'lifecycle', 'jobs']);
const JOB_KEYS = new Set(['id', 'status', 'createdDateTime', 'finishedDateTime', 'purgeDateTime', 'error']);

/** A scenario file the mock cannot use; the message names the file, the field and what is expected. */
export class ScenarioError extends Error {}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Reader {
  constructor(private readonly file: string) {}

  fail(where: string, expected: string): never {
    throw new ScenarioError(`${this.file}: ${where} ${expected}`);
  }

  string(value: unknown, where: string): string {
    if (typeof value !== 'string' || value === '') this.fail(where, 'must be a non-empty string');
    return value;
  }

  time(value: unknown, where: string): number {
    const ms = parseRfc3339(this.string(value, where));
    if (ms === undefined) this.fail(where, 'must be a strict RFC 3339 date-time, e.g. 2024-06-01T12:00:00Z');
    return ms;
  }

  count(value: unknown, where: string, min: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      this.fail(where, `must be an integer ≥ ${min}`);
    }
    return value;
  }

  onlyKeys(value: Json, allowed: Set<string>, where: string): void {
    const unknown = Object.keys(value).find((key) => !allowed.has(key));
    if (unknown !== undefined)
      this.fail(`${where}.${unknown}`, `is not a known field (known: ${[...allowed].join(', ')})`);
  }

  jobError(value: unknown, where: string): JobError {
    if (!isObject(value)) this.fail(where, 'must be an object with code and message');
    return { code: this.string(value.code, `${where}.code`), message: this.string(value.message, `${where}.message`) };
  }
}

function readJob(read: Reader, raw: unknown, where: string, nowMs: number): DeleteJobBody {
  if (!isObject(raw)) read.fail(where, 'must be an object');
  read.onlyKeys(raw, JOB_KEYS, where);
  const status = raw.status;
  if (!JOB_STATUSES.includes(status as JobStatus))
    read.fail(`${where}.status`, `must be one of ${JOB_STATUSES.join(', ')}`);
  const created = read.time(raw.createdDateTime, `${where}.createdDateTime`);
  const purge = read.time(raw.purgeDateTime, `${where}.purgeDateTime`);
  if (created > nowMs) read.fail(`${where}.createdDateTime`, "must not be after the scenario's now");
  if (purge <= nowMs)
    read.fail(`${where}.purgeDateTime`, "must be after the scenario's now (the job would already be purged)");
  if ((status === 'succeeded' || status === 'failed') !== (raw.finishedDateTime !== undefined)) {
    read.fail(`${where}.finishedDateTime`, 'must be present exactly when status is succeeded or failed');
  }
  if (raw.finishedDateTime !== undefined) {
    const end = read.time(raw.finishedDateTime, `${where}.finishedDateTime`);
    if (end < created || end > purge || end > nowMs) {
      read.fail(
        `${where}.finishedDateTime`,
        "must lie between createdDateTime and both purgeDateTime and the scenario's now",
      );
    }
  }
  if ((status === 'failed') !== (raw.error !== undefined))
    read.fail(`${where}.error`, 'must be present exactly when status is failed');
  // Built in the order of the official examples, so the JSON reads like the service's.
  return {
    id: read.string(raw.id, `${where}.id`),
    createdDateTime: raw.createdDateTime as string,
    ...(raw.finishedDateTime === undefined ? {} : { finishedDateTime: raw.finishedDateTime as string }),
    purgeDateTime: raw.purgeDateTime as string,
    status: status as JobStatus,
    ...(raw.error === undefined ? {} : { error: read.jobError(raw.error, `${where}.error`) }),
  };
}

function readLifecycle(read: Reader, raw: unknown): Lifecycle {
  if (raw === undefined) return DEFAULT_LIFECYCLE;
  if (!isObject(raw)) read.fail('lifecycle', 'must be an object');
  read.onlyKeys(raw, new Set(['startAfterMs', 'runMs', 'failure']), 'lifecycle');
  const lifecycle: Lifecycle = {
    startAfterMs:
      raw.startAfterMs === undefined
        ? DEFAULT_LIFECYCLE.startAfterMs
        : read.count(raw.startAfterMs, 'lifecycle.startAfterMs', 0),
    runMs: raw.runMs === undefined ? DEFAULT_LIFECYCLE.runMs : read.count(raw.runMs, 'lifecycle.runMs', 0),
  };
  if (raw.failure !== undefined) lifecycle.failure = read.jobError(raw.failure, 'lifecycle.failure');
  return lifecycle;
}

export function parseScenario(name: string, file: string, raw: unknown): Scenario {
  const read: Reader = new Reader(file);
  if (!isObject(raw)) read.fail('the file', 'must hold a JSON object');
  read.onlyKeys(raw, SCENARIO_KEYS, 'scenario');
  const nowMs = read.time(raw.now, 'now');
  if (!Array.isArray(raw.jobs)) read.fail('jobs', 'must be an array');
  const jobs = raw.jobs.map((job, index) => readJob(read, job, `jobs[${index}]`, nowMs));
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.id)) read.fail('jobs', `holds the id ${JSON.stringify(job.id)} twice`);
    seen.add(job.id);
  }
  return {
    name,
    description: typeof raw.description === 'string' ? raw.description : '',
    nowMs,
    pageSize: raw.pageSize === undefined ? DEFAULT_PAGE_SIZE : read.count(raw.pageSize, 'pageSize', 1),
    lifecycle: readLifecycle(read, raw.lifecycle),
    jobs,
  };
}

/**
 * The built-in scenarios, plus every `*.json` of `dir` by file name without extension; read once at start. A scenario
 * of `dir` named like a built-in one replaces it, and `note` is told so (the mock prints it at start).
 */
export function loadScenarios(
  dir: string = DEFAULT_SCENARIO_DIR,
  note?: (line: string) => void,
): Map<string, Scenario> {
  if (path.resolve(dir) === DEFAULT_SCENARIO_DIR) return readScenarioFolder(dir);
  // A bundled copy of the mock (npm run bench) has no built-in folder beside it and is pointed at one instead.
  const builtIn = existsSync(DEFAULT_SCENARIO_DIR)
    ? readScenarioFolder(DEFAULT_SCENARIO_DIR)
    : new Map<string, Scenario>();
  for (const [name, scenario] of readScenarioFolder(dir)) {
    if (builtIn.has(name)) note?.(`the scenario "${name}" of ${dir} replaces the built-in one`);
    builtIn.set(name, scenario);
  }
  return builtIn;
}

function readScenarioFolder(dir: string): Map<string, Scenario> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort();
  } catch {
    throw new ScenarioError(`Scenario folder ${dir} cannot be read: pass an existing folder with --scenario-dir`);
  }
  const scenarios = new Map<string, Scenario>();
  for (const file of files) {
    const full = path.join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(full, 'utf8'));
    } catch (error) {
      throw new ScenarioError(`${full}: is not valid JSON (${(error as Error).message})`);
    }
    const name = file.slice(0, -'.json'.length);
    scenarios.set(name, parseScenario(name, full, raw));
  }
  return scenarios;
}
