import { commandLine, MOCK_DEFAULT_TOKEN, MOCK_URL_ENV } from '../../mock/contract';
import { ConfigError } from './errors';

/**
 * Every environment variable the suite, its reports and its CLIs read, declared once: name, audience, meaning,
 * default and parser. docs/configuration.md is generated from this list (the mock's own are in mock/options.ts),
 * and spawnSuite() uses the audiences to decide what a child run inherits.
 */
export type Audience = 'target' | 'reports' | 'staging' | 'development' | 'internal';

export interface Variable<T> {
  readonly name: string;
  readonly audience: Audience;
  /** One line, for the generated table. */
  readonly meaning: string;
  /** The default, in words, for the generated table. */
  readonly defaultText: string;
  /** The value of a set (non-blank, trimmed) variable; throws ConfigError naming the fix. */
  readonly parse: (raw: string) => T;
}

export const DEFAULT_API_VERSION = '2023-10-31';
/** Playwright's timeout of one conformance test (playwright.config.ts); every request deadline stays below it. */
export const SUITE_TEST_TIMEOUT_MS = 60_000;
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 15;
/** Generated equivalence probes per run (ADT_PROBE_BUDGET): about half a minute at 1 request/s, and many more against the mock. */
export const DEFAULT_PROBE_BUDGET = { url: 24, mock: 32 } as const;
/** fast-check seeds are 32-bit integers; the suite uses the non-negative ones. */
export const MAX_PROBE_SEED = 2_147_483_647;
const URL_EXAMPLE = 'AZURE_DIGITALTWINS_URL=https://myinstance.api.weu.digitaltwins.azure.net';
/** Data-plane routes of Azure Digital Twins: a base URL holding one points at an operation, not at the instance. */
const ADT_ROUTE_IN_PATH = /\/(?:jobs|digitaltwins|models|query|eventroutes)(?=\/|$)/i;

function variable<T>(declaration: Variable<T>): Variable<T> {
  return declaration;
}

function text(name: string, audience: Audience, meaning: string, defaultText = '—'): Variable<string> {
  return variable({ name, audience, meaning, defaultText, parse: (raw) => raw });
}

function number(
  name: string,
  audience: Audience,
  meaning: string,
  defaultText: string,
  kind: { integer: boolean; allowZero: boolean },
): Variable<number> {
  return variable({
    name,
    audience,
    meaning,
    defaultText,
    parse: (raw) => {
      const value = Number(raw);
      const valid =
        Number.isFinite(value) &&
        (kind.allowZero ? value >= 0 : value > 0) &&
        (!kind.integer || Number.isInteger(value));
      if (valid) return value;
      const what = `${kind.allowZero ? 'non-negative' : 'positive'} ${kind.integer ? 'whole number' : 'number'}`;
      throw new ConfigError(
        name,
        `"${raw}" is not a ${what}.`,
        `set ${name} to a ${what}, or unset it for the default (${defaultText}).`,
      );
    },
  });
}

function flag(name: string, audience: Audience, meaning: string, fix: string): Variable<boolean> {
  return variable({
    name,
    audience,
    meaning,
    defaultText: 'off',
    parse: (raw) => {
      const value = raw.toLowerCase();
      if (value === '1' || value === 'true') return true;
      if (value === '0' || value === 'false') return false;
      throw new ConfigError(name, `"${raw}" is not understood.`, fix);
    },
  });
}

export type TargetUrl = { kind: 'url'; baseUrl: string };

export const VARIABLES = {
  url: variable<TargetUrl>({
    name: 'AZURE_DIGITALTWINS_URL',
    audience: 'target',
    meaning:
      'base URL of the target: the host (http or https), with an optional gateway path prefix; no credentials, query, fragment or API route',
    defaultText: 'unset: the bundled mock is started and targeted',
    parse: (raw) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigError(
          'AZURE_DIGITALTWINS_URL',
          `"${raw}" is not a URL.`,
          `set it to the instance's base URL, e.g. ${URL_EXAMPLE}, or unset it to use the bundled mock.`,
        );
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new ConfigError(
          'AZURE_DIGITALTWINS_URL',
          `"${raw}" uses ${url.protocol} but only https: and http: are supported.`,
          `use an https:// URL, e.g. ${URL_EXAMPLE}.`,
        );
      }
      if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
        throw new ConfigError(
          'AZURE_DIGITALTWINS_URL',
          'must be a base URL without credentials, query or fragment.',
          `remove everything after the host (and optional path prefix), e.g. ${URL_EXAMPLE}.`,
        );
      }
      const route = ADT_ROUTE_IN_PATH.exec(url.pathname)?.[0];
      if (route !== undefined) {
        const prefix = url.pathname.slice(0, url.pathname.indexOf(route)).replace(/\/+$/, '');
        throw new ConfigError(
          'AZURE_DIGITALTWINS_URL',
          `the URL carries the path ${url.pathname.replace(/\/+$/, '')}, which includes the API route ${route}; the suite adds the routes itself.`,
          `the base URL is the host: set AZURE_DIGITALTWINS_URL=${url.origin}${prefix}.`,
        );
      }
      return { kind: 'url', baseUrl: url.origin + url.pathname.replace(/\/+$/, '') };
    },
  }),
  apiVersion: variable<string>({
    name: 'ADT_API_VERSION',
    audience: 'target',
    meaning: 'api-version sent on every request (yyyy-mm-dd or yyyy-mm-dd-preview)',
    defaultText: DEFAULT_API_VERSION,
    parse: (raw) => {
      if (/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(raw)) return raw;
      throw new ConfigError(
        'ADT_API_VERSION',
        `"${raw}" is not an api-version (yyyy-mm-dd or yyyy-mm-dd-preview).`,
        `unset it to use ${DEFAULT_API_VERSION}, or set e.g. ADT_API_VERSION=${DEFAULT_API_VERSION}.`,
      );
    },
  }),
  auth: variable<'azure' | 'token' | 'none'>({
    name: 'ADT_AUTH',
    audience: 'target',
    meaning:
      '`azure` (DefaultAzureCredential, scope https://digitaltwins.azure.net/.default), `token` (ADT_ACCESS_TOKEN) or `none`',
    defaultText: `for a URL: \`token\` when ADT_ACCESS_TOKEN is set (the run says so in one line), otherwise \`azure\`; the mock's own token (${MOCK_DEFAULT_TOKEN}) for the bundled mock`,
    parse: (raw) => {
      const mode = raw.toLowerCase();
      if (mode === 'azure' || mode === 'token' || mode === 'none') return mode;
      throw new ConfigError(
        'ADT_AUTH',
        `"${raw}" is not a known auth mode.`,
        'set ADT_AUTH to azure, token or none (or unset it for the default).',
      );
    },
  }),
  accessToken: variable<string>({
    name: 'ADT_ACCESS_TOKEN',
    audience: 'target',
    meaning:
      'bearer token, without `Bearer `, for ADT_AUTH=token or, against a URL, with ADT_AUTH unset; never written to any report',
    defaultText: '—',
    parse: (raw) => {
      if (/^bearer\s/i.test(raw)) {
        throw new ConfigError(
          'ADT_ACCESS_TOKEN',
          'starts with "Bearer ", but the suite adds the scheme itself.',
          'set ADT_ACCESS_TOKEN to the token alone, without the "Bearer " prefix.',
        );
      }
      if (/\s/.test(raw)) {
        throw new ConfigError(
          'ADT_ACCESS_TOKEN',
          'contains whitespace, so it cannot be a bearer token.',
          'paste the token again as one line, without spaces or line breaks.',
        );
      }
      return raw;
    },
  }),
  deleteJobId: text(
    'ADT_DELETE_JOB_ID',
    'target',
    'id of an existing delete job to check besides those List returns (the run stops if it does not exist)',
  ),
  reportsDir: text(
    'ADT_REPORTS_DIR',
    'reports',
    'folder for every report: Allure results and HTML, JUnit XML, the conformance matrix',
    'reports',
  ),
  knownDeviations: text(
    'ADT_KNOWN_DEVIATIONS',
    'reports',
    'file listing requirements the target is known to break, each with a reason and a link (see deviations/)',
  ),
  htmlReport: variable<boolean>({
    name: 'ADT_HTML_REPORT',
    audience: 'reports',
    meaning:
      '`off` skips building the Allure HTML at the end of `npm run conformance` and `npm run compare` (seconds saved in a tight loop); `npm run report` builds it later from the results',
    defaultText: 'on',
    parse: (raw) => {
      const value = raw.toLowerCase();
      if (value === 'on') return true;
      if (value === 'off') return false;
      throw new ConfigError(
        'ADT_HTML_REPORT',
        `"${raw}" is not valid.`,
        `set ADT_HTML_REPORT=off to skip the Allure HTML (${commandLine('report')} builds it later), or unset it.`,
      );
    },
  }),
  acceptIncomplete: variable<boolean>({
    name: 'ADT_ACCEPT_INCOMPLETE',
    audience: 'reports',
    meaning:
      '`1` accepts an INCOMPLETE run (a MUST requirement a complete run checks went unchecked) with exit 0; the verdict still says INCOMPLETE',
    defaultText: '0: INCOMPLETE exits 3',
    parse: (raw) => {
      if (raw === '1') return true;
      if (raw === '0') return false;
      throw new ConfigError(
        'ADT_ACCEPT_INCOMPLETE',
        `"${raw}" is not valid.`,
        'set ADT_ACCEPT_INCOMPLETE=1 to accept a run that could not check every requirement (exit 0, verdict still INCOMPLETE), or unset it.',
      );
    },
  }),
  exchangesHar: text(
    'ADT_EXCHANGES_HAR',
    'reports',
    'where the run records every HTTP exchange, scrubbed, as HAR 1.2 (relative to the working folder); `off` records nothing',
    '<reports folder>/exchanges.har',
  ),
  exchangesKeepHost: flag(
    'ADT_EXCHANGES_KEEP_HOST',
    'reports',
    "`1` keeps the target's host name in the recording instead of the placeholder adt-instance.invalid",
    'use 1 to keep the host name in the recording, or unset it.',
  ),
  replayFile: text(
    'ADT_REPLAY_FILE',
    'target',
    'a recording (HAR) to replay as the target: the mock serves it and the run takes its settings from it; `npm run conformance -- --replay FILE` sets it',
  ),
  maxRps: number(
    'ADT_MAX_RPS',
    'staging',
    'requests per second for the whole run (all workers of one shard); 0 = unlimited',
    '1 for a URL target, unlimited for the mock',
    { integer: false, allowZero: true },
  ),
  workers: number(
    'ADT_WORKERS',
    'staging',
    'Playwright workers',
    "1 for a URL target, Playwright's default for the mock",
    { integer: true, allowZero: false },
  ),
  requestTimeoutSeconds: variable<number>({
    name: 'ADT_REQUEST_TIMEOUT_SECONDS',
    audience: 'staging',
    meaning: `seconds the suite waits for each response (preflight, discovery, every test); past it the test fails, and later requests for the same job in that worker fail at once instead of waiting again; below the ${SUITE_TEST_TIMEOUT_MS / 1000} s test timeout`,
    defaultText: String(DEFAULT_REQUEST_TIMEOUT_SECONDS),
    parse: (raw) => {
      const value = Number(raw);
      if (Number.isFinite(value) && value > 0 && value < SUITE_TEST_TIMEOUT_MS / 1000) return value;
      throw new ConfigError(
        'ADT_REQUEST_TIMEOUT_SECONDS',
        `"${raw}" is not a number of seconds between 0 and ${SUITE_TEST_TIMEOUT_MS / 1000} (the test timeout, which would end the test first).`,
        `set ADT_REQUEST_TIMEOUT_SECONDS to e.g. 30, or unset it for the default (${DEFAULT_REQUEST_TIMEOUT_SECONDS}).`,
      );
    },
  }),
  maxRetries: number('ADT_MAX_RETRIES', 'staging', 'retries after a 429, or a 503 with Retry-After', '3', {
    integer: true,
    allowZero: true,
  }),
  maxRetryWaitMs: number(
    'ADT_MAX_RETRY_WAIT_MS',
    'staging',
    "total wait allowed for one request's retries, in ms",
    '30000',
    { integer: true, allowZero: true },
  ),
  latencySamples: number('ADT_LATENCY_SAMPLES', 'staging', 'GetById requests measured for DJ-PERF-01', '20', {
    integer: true,
    allowZero: false,
  }),
  latencyBudgetMs: number(
    'ADT_LATENCY_BUDGET_MS',
    'staging',
    'the p95 of those requests must stay under this many ms (DJ-PERF-01, SHOULD)',
    '1000',
    { integer: true, allowZero: false },
  ),
  probeSeed: variable<number>({
    name: 'ADT_PROBE_SEED',
    audience: 'target',
    meaning:
      'seed of the generated equivalence probes (DJ-404-06, DJ-APIV-06); a failure names the seed that reproduces it',
    defaultText: 'a fresh one per run, shown in every generated test and in the recording',
    parse: (raw) => {
      const value = Number(raw);
      if (Number.isInteger(value) && value >= 0 && value <= MAX_PROBE_SEED) return value;
      throw new ConfigError(
        'ADT_PROBE_SEED',
        `"${raw}" is not a seed (a whole number from 0 to ${MAX_PROBE_SEED}).`,
        'set ADT_PROBE_SEED to the seed a failure named, e.g. ADT_PROBE_SEED=1234, or unset it for a fresh one.',
      );
    },
  }),
  probeBudget: number(
    'ADT_PROBE_BUDGET',
    'target',
    'generated equivalence probes per run at most, shared by their classes (a failure adds up to 8 requests to shrink it)',
    `${DEFAULT_PROBE_BUDGET.url} for a URL target, ${DEFAULT_PROBE_BUDGET.mock} for the mock`,
    { integer: true, allowZero: false },
  ),
  allowCreateDeleteJob: flag(
    'ADT_ALLOW_CREATE_DELETE_JOB',
    'staging',
    '`1` lets the suite create a delete job when the target has none; that WIPES every model, twin and relationship (needs ADT_CONFIRM_TARGET_HOST)',
    'use 1 to allow creating a delete job (it wipes the instance), or unset it.',
  ),
  confirmTargetHost: text(
    'ADT_CONFIRM_TARGET_HOST',
    'staging',
    "the target's host, confirming ADT_ALLOW_CREATE_DELETE_JOB",
  ),
  chromiumPath: text(
    'CHROMIUM_PATH',
    'development',
    "self tests: the Chromium binary that opens the Allure report (install Debian's chromium)",
    '/usr/bin/chromium',
  ),
  selfKeepOutput: flag(
    'ADT_SELF_KEEP_OUTPUT',
    'development',
    'self tests: `1` keeps the temporary report folders of the report self tests',
    'use 1 to keep them, or unset it.',
  ),
  mockUrl: text(
    MOCK_URL_ENV,
    'internal',
    "the bundled mock's URL, set by Playwright's webServer from the mock's ready line",
  ),
  discoveryFile: text(
    'ADT_SUITE_DISCOVERY_FILE',
    'internal',
    'the jobs global setup discovered, handed to the workers',
  ),
  runToken: text(
    'ADT_INTERNAL_RUN_TOKEN',
    'internal',
    'the Azure token global setup acquired, handed to the workers in memory (never written)',
  ),
  matrixSummary: text(
    'ADT_MATRIX_SUMMARY',
    'internal',
    '`off` when npm run conformance prints the matrix itself, after the HTML report',
  ),
  reportMatrix: text(
    'ADT_REPORT_MATRIX',
    'internal',
    "the run's conformance-matrix.json, handed to allurerc.ts so the report shows its verdicts",
  ),
  reportHistoryFile: text(
    'ADT_REPORT_HISTORY_FILE',
    'internal',
    "the target's own Allure history file (one per target and api-version), handed to allurerc.ts",
  ),
  compareTarget: text(
    'ADT_COMPARE_TARGET',
    'internal',
    "the target's label in npm run compare, set per run; every Allure result carries it as the parameter `target`",
  ),
  reportRecording: text(
    'ADT_REPORT_RECORDING',
    'internal',
    "the run's recording (HAR), handed to allurerc.ts to attach to the report",
  ),
  dotenvPath: text(
    'DOTENV_CONFIG_PATH',
    'internal',
    "the .env file to read instead of the repository's (the self tests, verify and bench point it at none)",
    '.env in the repository root',
  ),
} as const;

export type VariableKey = keyof typeof VARIABLES;
export type Env = Readonly<Record<string, string | undefined>>;

/** The parsed value of a variable, or undefined when it is unset or blank. */
export function read<T>(env: Env, declaration: Variable<T>): T | undefined {
  const raw = env[declaration.name]?.trim();
  return raw === undefined || raw === '' ? undefined : declaration.parse(raw);
}

export const DECLARED_NAMES: readonly string[] = Object.values(VARIABLES).map((declaration) => declaration.name);
