/**
 * What the mock and the suite agree on, and the only module of mock/ that src/ may import (the lint enforces it):
 * the default token, and the ready line whose URL Playwright's webServer hands to the suite.
 */
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
