/**
 * What the mock and the suite agree on, and the only module of mock/ that src/ may import (the lint enforces it):
 * the default token, and the ready line whose URL Playwright's webServer hands to the suite.
 */
export const MOCK_DEFAULT_TOKEN = 'adt-mock-token';

/** Playwright exposes a named group of the webServer's `wait.stdout` pattern as the upper-cased environment variable. */
export const MOCK_URL_ENV = 'ADT_MOCK_URL';

/** The one line the mock prints when it is ready. */
export const READY_LINE_PREFIX = 'ADT mock listening on ';
export const READY_LINE_PATTERN = new RegExp(`${READY_LINE_PREFIX}(?<${MOCK_URL_ENV.toLowerCase()}>http://\\S+)`);

export function readyLine(url: string): string {
  return `${READY_LINE_PREFIX}${url}`;
}
