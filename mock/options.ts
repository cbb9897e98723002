import { parseArgs } from 'node:util';
import { CLOCK_MODES, type ClockMode } from './clock';
import { commandLine } from './contract';
import { MOCK_ENV } from './defaults';
import type { ServerOptions } from './server';
import { didYouMean } from './suggest';
import { parseRfc3339 } from './timestamps';

/** Every option of the mock's CLI, declared once: the usage text and docs/mock.md's table are generated from it. */
export interface MockOption {
  flag: string;
  variable: string | undefined;
  defaultText: string;
  meaning: string;
}

export const MOCK_OPTIONS: readonly MockOption[] = [
  { flag: '--port N', variable: MOCK_ENV.port, defaultText: '4010', meaning: 'port to listen on; 0 picks a free one' },
  { flag: '--host H', variable: MOCK_ENV.host, defaultText: '127.0.0.1', meaning: 'address to listen on' },
  {
    flag: '--scenario NAME',
    variable: MOCK_ENV.scenario,
    defaultText: 'default',
    meaning: 'scenario served when a request names none',
  },
  {
    flag: '--scenario-dir DIR',
    variable: MOCK_ENV.scenarioDir,
    defaultText: 'none: the built-in ones (fixtures/scenarios)',
    meaning: 'a folder of more scenario files, served beside the built-in ones (one of the same name replaces it)',
  },
  {
    flag: '--token T',
    variable: MOCK_ENV.token,
    defaultText: 'adt-mock-token',
    meaning: 'the only bearer token accepted',
  },
  {
    flag: '--clock MODE',
    variable: MOCK_ENV.clock,
    defaultText: 'frozen',
    meaning: "frozen: time stands still until moved through /mock/clock; realtime: time flows from the scenario's now",
  },
  {
    flag: '--now TIME',
    variable: MOCK_ENV.now,
    defaultText: "the scenario's now",
    meaning: 'RFC 3339 start time for every scenario',
  },
  {
    flag: '--start-after-ms N',
    variable: MOCK_ENV.startAfterMs,
    defaultText: "the scenario's (2000)",
    meaning: 'how long a new job stays notstarted',
  },
  {
    flag: '--run-ms N',
    variable: MOCK_ENV.runMs,
    defaultText: "the scenario's (10000)",
    meaning: 'how long it then stays running',
  },
  {
    flag: '--fault SPEC',
    variable: MOCK_ENV.fault,
    defaultText: 'none',
    meaning: 'a fault for every request, e.g. status=503',
  },
  {
    flag: '--quirk NAME (repeatable)',
    variable: `${MOCK_ENV.quirks} (comma-separated)`,
    defaultText: 'none',
    meaning: 'defect modes and benign variants',
  },
  { flag: '--log on|off', variable: MOCK_ENV.log, defaultText: 'on', meaning: 'one line per request on stdout' },
  {
    flag: '--replay FILE',
    variable: MOCK_ENV.replay,
    defaultText: 'none',
    meaning:
      'serve a recording (HAR the suite wrote) instead of the stateful mock; unrecorded requests get MockReplayNotRecorded',
  },
  {
    flag: '--scenario-from FILE',
    variable: MOCK_ENV.scenarioFrom,
    defaultText: 'none',
    meaning:
      'seed the stateful mock with the jobs a recording saw, as the scenario `recording` (the default scenario unless --scenario names another)',
  },
  {
    flag: '--write-scenario NAME',
    variable: undefined,
    defaultText: '',
    meaning: 'with --scenario-from: write those jobs to <scenario-dir>/NAME.json and exit',
  },
  { flag: '--help', variable: undefined, defaultText: '', meaning: 'this text' },
];

export const USAGE = [
  `Usage: ${commandLine('mock', '[options]')}   (every option also reads the environment variable shown; the flag wins)`,
  ...MOCK_OPTIONS.map((option) => {
    const fallback = option.defaultText === '' ? '' : ` (default: ${option.defaultText})`;
    return `  ${option.flag.padEnd(26)} ${(option.variable ?? '').padEnd(36)} ${option.meaning}${fallback}`;
  }),
].join('\n');

/** A flag or variable the mock cannot use; the message names it and the fix. */
export class UsageError extends Error {}

export interface CliOptions {
  server: ServerOptions;
  /** A recording to serve instead of the stateful mock. */
  replay?: string;
  /** A recording whose jobs seed the stateful mock. */
  scenarioFrom?: string;
  /** With scenarioFrom: write the scenario file under this name and exit. */
  writeScenario?: string;
  logRequests: boolean;
  help: boolean;
}

type Env = Record<string, string | undefined>;

const PARSE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  scenario: { type: 'string' },
  'scenario-dir': { type: 'string' },
  token: { type: 'string' },
  clock: { type: 'string' },
  now: { type: 'string' },
  'start-after-ms': { type: 'string' },
  'run-ms': { type: 'string' },
  fault: { type: 'string' },
  quirk: { type: 'string', multiple: true },
  log: { type: 'string' },
  replay: { type: 'string' },
  'scenario-from': { type: 'string' },
  'write-scenario': { type: 'string' },
  help: { type: 'boolean' },
} as const;

function wholeNumber(text: string, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text) || Number(text) > max)
    throw new UsageError(`${name} must be a whole number from 0 to ${max}, got "${text}"`);
  return Number(text);
}

export function parseCli(argv: readonly string[], env: Env): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, options: PARSE_OPTIONS }).values;
  } catch (error) {
    const unknown = /^Unknown option '(-[^']*)'/.exec((error as Error).message)?.[1];
    const suggestion =
      unknown === undefined
        ? ''
        : didYouMean(
            unknown,
            Object.keys(PARSE_OPTIONS).map((name) => `--${name}`),
          );
    throw new UsageError(`${(error as Error).message}.${suggestion} Run with --help for the options.`);
  }
  const pick = (flag: string | undefined, variable: string): string | undefined => {
    const value = flag ?? env[variable];
    return value === '' ? undefined : value;
  };
  const options: ServerOptions = {
    port: wholeNumber(pick(parsed.port, MOCK_ENV.port) ?? '4010', `--port / ${MOCK_ENV.port}`, 65535),
    host: pick(parsed.host, MOCK_ENV.host) ?? '127.0.0.1',
  };
  const log = pick(parsed.log, MOCK_ENV.log) ?? 'on';
  if (log !== 'on' && log !== 'off')
    throw new UsageError(`--log / ${MOCK_ENV.log} must be on or off, got "${log}".${didYouMean(log, ['on', 'off'])}`);
  const scenario = pick(parsed.scenario, MOCK_ENV.scenario);
  if (scenario !== undefined) options.scenario = scenario;
  const scenarioDir = pick(parsed['scenario-dir'], MOCK_ENV.scenarioDir);
  if (scenarioDir !== undefined) options.scenarioDir = scenarioDir;
  const token = pick(parsed.token, MOCK_ENV.token);
  if (token !== undefined) options.token = token;
  const clock = pick(parsed.clock, MOCK_ENV.clock);
  if (clock !== undefined) {
    if (!CLOCK_MODES.includes(clock as ClockMode))
      throw new UsageError(
        `--clock / ${MOCK_ENV.clock} must be frozen or realtime, got "${clock}".${didYouMean(clock, CLOCK_MODES)}`,
      );
    options.clock = clock as ClockMode;
  }
  const now = pick(parsed.now, MOCK_ENV.now);
  if (now !== undefined) {
    const nowMs = parseRfc3339(now);
    if (nowMs === undefined)
      throw new UsageError(
        `--now / ${MOCK_ENV.now} must be an RFC 3339 time such as 2024-06-01T12:00:00Z, got "${now}"`,
      );
    options.nowMs = nowMs;
  }
  const startAfter = pick(parsed['start-after-ms'], MOCK_ENV.startAfterMs);
  const run = pick(parsed['run-ms'], MOCK_ENV.runMs);
  if (startAfter !== undefined || run !== undefined) {
    options.lifecycle = {
      ...(startAfter === undefined
        ? {}
        : { startAfterMs: wholeNumber(startAfter, `--start-after-ms / ${MOCK_ENV.startAfterMs}`) }),
      ...(run === undefined ? {} : { runMs: wholeNumber(run, `--run-ms / ${MOCK_ENV.runMs}`) }),
    };
  }
  const fault = pick(parsed.fault, MOCK_ENV.fault);
  if (fault !== undefined) options.fault = fault;
  const quirks =
    parsed.quirk ??
    pick(undefined, MOCK_ENV.quirks)
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean) ??
    [];
  if (quirks.length) options.quirks = quirks;
  const replay = pick(parsed.replay, MOCK_ENV.replay);
  const scenarioFrom = pick(parsed['scenario-from'], MOCK_ENV.scenarioFrom);
  const writeScenario = parsed['write-scenario'];
  if (replay !== undefined && scenarioFrom !== undefined)
    throw new UsageError(
      '--replay and --scenario-from exclude each other: replay serves the recorded answers, scenario-from seeds the stateful mock. Pick one.',
    );
  const ignored = [
    ['--quirk', options.quirks],
    ['--fault', options.fault],
    ['--scenario', options.scenario],
    ['--clock', options.clock],
    ['--now', options.nowMs],
  ]
    .filter(([, value]) => value !== undefined)
    .map(([flag]) => flag as string);
  if (replay !== undefined && ignored.length > 0)
    throw new UsageError(
      `--replay serves the recorded answers as they are, so ${ignored.join(', ')} (or its variable) would do nothing: drop it, or use --scenario-from to seed the stateful mock instead.`,
    );
  if (writeScenario !== undefined && scenarioFrom === undefined)
    throw new UsageError('--write-scenario NAME needs --scenario-from FILE: the recording whose jobs it writes.');
  return {
    server: options,
    logRequests: log === 'on',
    help: parsed.help ?? false,
    ...(replay === undefined ? {} : { replay }),
    ...(scenarioFrom === undefined ? {} : { scenarioFrom }),
    ...(writeScenario === undefined ? {} : { writeScenario }),
  };
}
