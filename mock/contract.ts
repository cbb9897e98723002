/**
 * What the mock and the suite agree on, and the only module of mock/ that src/ may import (the lint enforces it):
 * the default token, the ready line whose URL Playwright's webServer hands to the suite, and how the user types a
 * command of either.
 */
import path from 'node:path';

export const MOCK_DEFAULT_TOKEN = 'adt-mock-token';

/** Playwright exposes a named group of the webServer's `wait.stdout` pattern as the upper-cased environment variable. */
export const MOCK_URL_ENV = 'ADT_MOCK_URL';

/** The mock CLI's environment variables (when the matching flag is absent); a suite run's webServer mock reads them too. */
export const MOCK_ENV = {
  port: 'ADT_MOCK_PORT',
  host: 'ADT_MOCK_HOST',
  scenario: 'ADT_MOCK_SCENARIO',
  scenarioDir: 'ADT_MOCK_SCENARIO_DIR',
  token: 'ADT_MOCK_TOKEN',
  clock: 'ADT_MOCK_CLOCK',
  now: 'ADT_MOCK_NOW',
  startAfterMs: 'ADT_MOCK_START_AFTER_MS',
  runMs: 'ADT_MOCK_RUN_MS',
  fault: 'ADT_MOCK_FAULT',
  quirks: 'ADT_MOCK_QUIRKS',
  log: 'ADT_MOCK_LOG',
  replay: 'ADT_MOCK_REPLAY',
  scenarioFrom: 'ADT_MOCK_SCENARIO_FROM',
} as const;

/** The one line the mock prints when it is ready. */
export const READY_LINE_PREFIX = 'ADT mock listening on ';
export const READY_LINE_PATTERN = new RegExp(`${READY_LINE_PREFIX}(?<${MOCK_URL_ENV.toLowerCase()}>http://\\S+)`);

export function readyLine(url: string): string {
  return `${READY_LINE_PREFIX}${url}`;
}

/** The installed command (package.json `bin`). */
export const COMMAND = 'adt-conformance';

/** The npm scripts the installed command offers, and its name for each. */
export const SUBCOMMAND_OF_SCRIPT = {
  conformance: 'run',
  judge: 'judge',
  report: 'report',
  compare: 'compare',
  mock: 'mock',
} as const;

export type UserScript = keyof typeof SUBCOMMAND_OF_SCRIPT;

/** Compiled JavaScript runs from the installed package (dist/); in the repository tsx runs the TypeScript sources. */
const INSTALLED = path.extname(__filename) === '.js';

/**
 * How the user types a command where this process runs: `commandLine('report', '--no-serve')` is `npm run report --
 * --no-serve` in the repository and `npx adt-conformance report --no-serve` from the installed package. Every message
 * that names a command as a fix goes through it, so an installed user is never told to run an npm script they do not
 * have.
 */
export function commandLine(script: UserScript, args = '', installed = INSTALLED): string {
  if (installed) return [`npx ${COMMAND}`, SUBCOMMAND_OF_SCRIPT[script], args].filter(Boolean).join(' ');
  return args === '' ? `npm run ${script}` : `npm run ${script} -- ${args}`;
}
