/**
 * The one configuration module. Every variable is declared in ./variables; this file reads them once (after the
 * one .env loader), validates them as a whole and hands out typed values. Nothing else in src/ reads process.env:
 * entry points call loadConfiguration() and pass what they get on.
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { commandLine, MOCK_DEFAULT_TOKEN } from '../../mock/contract';
import { HOST_PLACEHOLDER } from '../../mock/replay/har-format';
import { ConfigError } from './errors';
import { COMPILED, PACKAGE_ROOT } from '../package-root';
import { readReplaySettings, type RecordedRunSettings, type ReplaySettings } from './replay';
import {
  DEFAULT_API_VERSION,
  DEFAULT_PROBE_BUDGET,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  read,
  VARIABLES,
  type Env,
  type TargetUrl,
} from './variables';

export { ConfigError, CONFIG_ERROR_EXIT, exitOnConfigError, OneMessageError } from './errors';
export { replaySelectionArgs, SELECTION_FLAGS, SELECTION_WITH_VALUE } from './replay-selection';
export type { RecordedRunSettings, ReplaySettings } from './replay';
export {
  DECLARED_NAMES,
  DEFAULT_PROBE_BUDGET,
  MAX_PROBE_SEED,
  DEFAULT_API_VERSION,
  SUITE_TEST_TIMEOUT_MS,
  VARIABLES,
  type Audience,
  type Env,
  type Variable,
} from './variables';

export const ADT_SCOPE = 'https://digitaltwins.azure.net/.default';
export const DEFAULT_REPORTS_DIR = 'reports';
export const URL_TARGET_DEFAULT_MAX_RPS = 1;
export const URL_TARGET_DEFAULT_WORKERS = 1;
export const DEFAULT_RETRY_POLICY = { maxRetries: 3, maxTotalWaitMs: 30_000, fallbackWaitMs: 1_000 } as const;
export const DEFAULT_LATENCY_SETTINGS = { samples: 20, budgetMs: 1000 } as const;

/** How the suite authenticates. `mock` is the bundled mock's public default token: not a secret. */
export type AuthConfig =
  | { kind: 'azure' }
  /** `implied`: ADT_ACCESS_TOKEN was set and ADT_AUTH was not, so the token is what the user meant. */
  | { kind: 'token'; token: string; implied?: true }
  | { kind: 'mock'; token: string }
  | { kind: 'none' };

export type TargetConfig = TargetUrl | { kind: 'bundled-mock' };
export type TargetKind = TargetConfig['kind'];

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Upper bound on all Retry-After waits of one request together. */
  maxTotalWaitMs: number;
  /** Wait when a 429 carries no usable Retry-After. */
  fallbackWaitMs: number;
}

export interface TrafficSettings {
  /** Requests per second for the whole run (all workers of one shard); undefined = unlimited. */
  maxRps: number | undefined;
  /** Playwright worker count; undefined = Playwright's default. */
  workers: number | undefined;
  retry: RetryPolicy;
  /** ADT_REQUEST_TIMEOUT_SECONDS: how long one request may wait for its whole response. */
  requestTimeoutMs: number;
}

export interface LatencySettings {
  /** GetById requests measured for DJ-PERF-01. */
  samples: number;
  /** The p95 of those requests must stay under this. */
  budgetMs: number;
}

/** The generated equivalence probes (src/checks/equivalence). */
export interface ProbeSettings {
  /** ADT_PROBE_SEED; undefined: global setup draws a fresh one and hands it over (probeSeedOf). */
  seed: number | undefined;
  /** ADT_PROBE_BUDGET: generated inputs per run at most. */
  budget: number;
}

export interface SafetySettings {
  /** ADT_ALLOW_CREATE_DELETE_JOB=1 with ADT_CONFIRM_TARGET_HOST naming the target's host; never for the mock. */
  allowCreateDeleteJob: boolean;
}

/** The run's recording of its exchanges (HAR 1.2). */
export interface RecordingSettings {
  /** Absolute; undefined when recording is off. */
  file: string | undefined;
  /** Keep the target's host name instead of HOST_PLACEHOLDER. */
  keepHost: boolean;
}

export interface ReportSettings {
  /** Absolute. */
  dir: string;
  recording: RecordingSettings;
  knownDeviationsFile: string | undefined;
  /** ADT_ACCEPT_INCOMPLETE=1: an INCOMPLETE run exits 0, its verdict still INCOMPLETE. */
  acceptIncomplete: boolean;
  /** ADT_HTML_REPORT=off: npm run conformance leaves the Allure HTML to a later `npm run report`. */
  htmlReport: boolean;
}

export interface SuiteConfig {
  target: TargetConfig;
  apiVersion: string;
  auth: AuthConfig;
  deleteJobId: string | undefined;
  traffic: TrafficSettings;
  latency: LatencySettings;
  probes: ProbeSettings;
  safety: SafetySettings;
  reports: ReportSettings;
  /** Set when the target is a recording served by the mock (`npm run conformance -- --replay FILE`). */
  replay: ReplaySettings | undefined;
}

function parseAuth(env: Env, target: TargetConfig): AuthConfig {
  const mode = read(env, VARIABLES.auth);
  switch (mode) {
    case undefined: {
      if (target.kind === 'bundled-mock') return { kind: 'mock', token: MOCK_DEFAULT_TOKEN };
      const token = read(env, VARIABLES.accessToken);
      return token === undefined ? { kind: 'azure' } : { kind: 'token', token, implied: true };
    }
    case 'none':
      return { kind: 'none' };
    case 'azure':
      if (target.kind === 'bundled-mock') {
        throw new ConfigError(
          'ADT_AUTH',
          '"azure" needs a real instance, but AZURE_DIGITALTWINS_URL is not set (the bundled mock only knows its own token).',
          'set AZURE_DIGITALTWINS_URL to your instance, or unset ADT_AUTH to run against the bundled mock.',
        );
      }
      return { kind: 'azure' };
    case 'token': {
      const token = read(env, VARIABLES.accessToken);
      if (token === undefined) {
        throw new ConfigError(
          'ADT_ACCESS_TOKEN',
          'is empty, but ADT_AUTH=token needs it.',
          'set ADT_ACCESS_TOKEN to a bearer token (e.g. from `az account get-access-token --resource https://digitaltwins.azure.net`), or use ADT_AUTH=azure.',
        );
      }
      return { kind: 'token', token };
    }
  }
}

function requestTimeoutMs(env: Env): number {
  return (read(env, VARIABLES.requestTimeoutSeconds) ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
}

function parseTraffic(env: Env, target: TargetConfig): TrafficSettings {
  const urlTarget = target.kind === 'url';
  const rps = read(env, VARIABLES.maxRps);
  const maxRetries = read(env, VARIABLES.maxRetries);
  const maxTotalWaitMs = read(env, VARIABLES.maxRetryWaitMs);
  return {
    maxRps: rps === undefined ? (urlTarget ? URL_TARGET_DEFAULT_MAX_RPS : undefined) : rps === 0 ? undefined : rps,
    workers: read(env, VARIABLES.workers) ?? (urlTarget ? URL_TARGET_DEFAULT_WORKERS : undefined),
    requestTimeoutMs: requestTimeoutMs(env),
    retry: {
      ...DEFAULT_RETRY_POLICY,
      ...(maxRetries === undefined ? {} : { maxRetries }),
      ...(maxTotalWaitMs === undefined ? {} : { maxTotalWaitMs }),
    },
  };
}

function sameHost(confirmed: string, target: URL): boolean {
  const wanted = confirmed
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return wanted === target.hostname.toLowerCase() || wanted === target.host.toLowerCase();
}

/** The opt-in to DeleteJobs_Add, validated up front: a half-given or mismatched confirmation is an error. */
function parseSafety(env: Env, target: TargetConfig): SafetySettings {
  if (target.kind === 'bundled-mock' || read(env, VARIABLES.allowCreateDeleteJob) !== true)
    return { allowCreateDeleteJob: false };
  const url = new URL(target.baseUrl);
  const confirmed = read(env, VARIABLES.confirmTargetHost);
  const optIn = VARIABLES.allowCreateDeleteJob.name;
  const confirm = VARIABLES.confirmTargetHost.name;
  if (confirmed === undefined) {
    throw new ConfigError(
      optIn,
      `=1 allows creating a delete job on ${url.hostname}, which DELETES EVERY model, twin and relationship there.`,
      `to confirm, also set ${confirm}=${url.hostname}. To keep the instance safe, unset ${optIn}.`,
    );
  }
  if (!sameHost(confirmed, url)) {
    throw new ConfigError(
      confirm,
      `"${confirmed}" does not name the target host ${url.hostname} (AZURE_DIGITALTWINS_URL), so no delete job is allowed.`,
      `set ${confirm}=${url.hostname} if you really mean to wipe that instance, or unset ${optIn}.`,
    );
  }
  return { allowCreateDeleteJob: true };
}

export const EXCHANGES_HAR = 'exchanges.har';
const RECORDING_OFF = 'off';

function parseRecordingSettings(
  env: Env,
  cwd: string,
  reportsDir: string,
  replayFile: string | undefined,
): RecordingSettings {
  const keepHost = read(env, VARIABLES.exchangesKeepHost) ?? false;
  const chosen = read(env, VARIABLES.exchangesHar);
  if (chosen?.toLowerCase() === RECORDING_OFF) return { file: undefined, keepHost };
  // A replay records only when asked to, and never over the recording it replays.
  if (replayFile !== undefined && chosen === undefined) return { file: undefined, keepHost };
  const file = chosen === undefined ? path.join(reportsDir, EXCHANGES_HAR) : path.resolve(cwd, chosen);
  if (file === replayFile) {
    throw new ConfigError(
      VARIABLES.exchangesHar.name,
      `names the recording being replayed (${chosen ?? file}); the replay would overwrite it.`,
      `set ${VARIABLES.exchangesHar.name} to another file, or to off.`,
    );
  }
  return { file, keepHost };
}

/** A replay takes target, auth and test-deciding settings from the recorded run, not from the environment. */
function replayConfig(env: Env, cwd: string, replay: ReplaySettings): SuiteConfig {
  const run: RecordedRunSettings = replay.run;
  const target: TargetConfig =
    run.target === 'bundled-mock'
      ? { kind: 'bundled-mock' }
      : { kind: 'url', baseUrl: `http://${HOST_PLACEHOLDER}${run.pathPrefix}` };
  const reportsDir = path.resolve(cwd, read(env, VARIABLES.reportsDir) ?? DEFAULT_REPORTS_DIR);
  const maxRps = run.maxRps === '' ? undefined : Number(run.maxRps);
  return {
    target,
    apiVersion: run.apiVersion,
    auth: run.auth === 'none' ? { kind: 'none' } : { kind: 'mock', token: MOCK_DEFAULT_TOKEN },
    deleteJobId: run.deleteJobId === '' ? undefined : run.deleteJobId,
    traffic: {
      maxRps,
      workers: run.workers === '' ? undefined : Number(run.workers),
      requestTimeoutMs: requestTimeoutMs(env),
      retry: { ...DEFAULT_RETRY_POLICY },
    },
    latency: { samples: run.latencySamples, budgetMs: run.latencyBudgetMs },
    probes: {
      seed: run.probeSeed,
      budget: run.probeBudget ?? DEFAULT_PROBE_BUDGET[run.target === 'url' ? 'url' : 'mock'],
    },
    safety: { allowCreateDeleteJob: run.allowCreateDeleteJob },
    reports: {
      dir: reportsDir,
      recording: parseRecordingSettings(env, cwd, reportsDir, replay.file),
      knownDeviationsFile: read(env, VARIABLES.knownDeviations),
      acceptIncomplete: read(env, VARIABLES.acceptIncomplete) ?? false,
      htmlReport: read(env, VARIABLES.htmlReport) ?? true,
    },
    replay,
  };
}

/** Builds the whole configuration from an environment; throws ConfigError on the first problem. */
export function parseConfig(env: Env, cwd: string = process.cwd()): SuiteConfig {
  const replayFile = read(env, VARIABLES.replayFile);
  if (replayFile !== undefined) return replayConfig(env, cwd, readReplaySettings(replayFile, cwd));
  const target: TargetConfig = read(env, VARIABLES.url) ?? { kind: 'bundled-mock' };
  const reportsDir = path.resolve(cwd, read(env, VARIABLES.reportsDir) ?? DEFAULT_REPORTS_DIR);
  return {
    target,
    apiVersion: read(env, VARIABLES.apiVersion) ?? DEFAULT_API_VERSION,
    auth: parseAuth(env, target),
    deleteJobId: read(env, VARIABLES.deleteJobId),
    traffic: parseTraffic(env, target),
    latency: {
      samples: read(env, VARIABLES.latencySamples) ?? DEFAULT_LATENCY_SETTINGS.samples,
      budgetMs: read(env, VARIABLES.latencyBudgetMs) ?? DEFAULT_LATENCY_SETTINGS.budgetMs,
    },
    probes: {
      seed: read(env, VARIABLES.probeSeed),
      budget: read(env, VARIABLES.probeBudget) ?? DEFAULT_PROBE_BUDGET[target.kind === 'url' ? 'url' : 'mock'],
    },
    safety: parseSafety(env, target),
    reports: {
      dir: reportsDir,
      recording: parseRecordingSettings(env, cwd, reportsDir, undefined),
      knownDeviationsFile: read(env, VARIABLES.knownDeviations),
      acceptIncomplete: read(env, VARIABLES.acceptIncomplete) ?? false,
      htmlReport: read(env, VARIABLES.htmlReport) ?? true,
    },
    replay: undefined,
  };
}

let dotenvLoaded = false;

/**
 * The one .env loader: the repository's .env, or for the installed command the one in the current folder (or
 * DOTENV_CONFIG_PATH), never overriding real variables.
 */
export function loadDotenv(): void {
  if (dotenvLoaded) return;
  dotenvLoaded = true;
  dotenv.config({
    path: read(process.env, VARIABLES.dotenvPath) ?? path.join(COMPILED ? process.cwd() : PACKAGE_ROOT, '.env'),
    quiet: true,
  });
}

let cached: SuiteConfig | undefined;

/** Reads `.env` and the environment once per process. */
export function loadConfig(): SuiteConfig {
  if (cached) return cached;
  loadDotenv();
  cached = parseConfig(process.env);
  return cached;
}

/** ADT_REPORTS_DIR alone, for tools that never contact the configured target (verify:suite, bench). */
export function configuredReportsDir(cwd: string = process.cwd()): string {
  loadDotenv();
  return path.resolve(cwd, read(process.env, VARIABLES.reportsDir) ?? DEFAULT_REPORTS_DIR);
}

/** ADT_PROBE_SEED alone, for tools that plan without global setup (verify:suite); undefined when unset. */
export function configuredProbeSeed(): number | undefined {
  loadDotenv();
  return read(process.env, VARIABLES.probeSeed);
}

export const BUNDLED_MOCK_TARGET = 'bundled mock';
export const REPLAY_TARGET_PREFIX = 'replay of ';
export const JUDGED_TARGET_PREFIX = 'judged recording ';

/** A one-line description of the target for logs and reports; never contains a secret. */
export function describeTarget(config: Pick<SuiteConfig, 'target' | 'replay'>): string {
  if (config.replay?.judged !== undefined) return `${JUDGED_TARGET_PREFIX}${path.basename(config.replay.judged)}`;
  if (config.replay)
    return `${REPLAY_TARGET_PREFIX}${path.basename(config.replay.file)} (recorded against ${config.replay.run.target === 'url' ? 'a URL target' : BUNDLED_MOCK_TARGET})`;
  return config.target.kind === 'bundled-mock' ? BUNDLED_MOCK_TARGET : config.target.baseUrl;
}

/** The base URL requests go to: the configured URL, or the bundled mock's URL once it has started. */
export function resolveBaseUrl(config: SuiteConfig): string {
  if (config.target.kind === 'url' && !config.replay) return config.target.baseUrl;
  const mockUrl = read(process.env, VARIABLES.mockUrl);
  if (mockUrl === undefined) {
    throw new Error(
      `The bundled mock's URL is unknown: ${VARIABLES.mockUrl.name} was not set. Run the suite with \`${commandLine('conformance')}\` so it starts the mock, or set AZURE_DIGITALTWINS_URL.`,
    );
  }
  return mockUrl.replace(/\/+$/, '') + (config.replay?.run.pathPrefix ?? '');
}

/** A variable the CI system sets (e.g. GITHUB_SHA, CI): blank counts as unset. `env` is a child's, when not ours. */
export function ciValue(name: string, env: Env = process.env): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

/** The project's own tests' settings (development audience). */
export function developmentSettings(): { chromiumPath: string; keepSelfTestOutput: boolean } {
  return {
    chromiumPath: read(process.env, VARIABLES.chromiumPath) ?? '/usr/bin/chromium',
    keepSelfTestOutput: read(process.env, VARIABLES.selfKeepOutput) ?? false,
  };
}

/** Values one process hands the next through its environment (global setup to the workers). */
export const handOver = {
  discoveryFile: (): string | undefined => read(process.env, VARIABLES.discoveryFile),
  setDiscoveryFile: (file: string): void => {
    process.env[VARIABLES.discoveryFile.name] = file;
  },
  /** The label npm run compare gave this run's target; undefined in an ordinary run. */
  compareTarget: (): string | undefined => read(process.env, VARIABLES.compareTarget),
  matrixSummaryOff: (): boolean => read(process.env, VARIABLES.matrixSummary) === 'off',
  /** What generateAllureReport tells allurerc.ts about the build it runs. */
  reportBuild: (): {
    matrixFile: string | undefined;
    recordingFile: string | undefined;
    historyFile: string | undefined;
  } => ({
    matrixFile: read(process.env, VARIABLES.reportMatrix),
    recordingFile: read(process.env, VARIABLES.reportRecording),
    historyFile: read(process.env, VARIABLES.reportHistoryFile),
  }),
};
