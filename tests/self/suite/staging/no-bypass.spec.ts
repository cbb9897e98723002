/**
 * The safety guard, pacing and retries live in the suite's HTTP client. A conformance spec that opened its
 * own connection would bypass all three, so specs may reach the target only through the `adt` fixture.
 */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CONFORMANCE_DIR = path.resolve(__dirname, '..', '..', '..', 'conformance');

const BYPASSES: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /from\s+['"](node:)?(http|https|http2|net|tls|dgram)['"]/, what: 'a Node network module' },
  { pattern: /require\(\s*['"](node:)?(http|https|http2|net|tls)['"]\s*\)/, what: 'a Node network module' },
  { pattern: /from\s+['"](undici|axios|node-fetch|got|superagent)['"]/, what: 'an HTTP library' },
  { pattern: /\bfetch\s*\(/, what: 'fetch()' },
  { pattern: /\{\s*[^}]*\brequest\b[^}]*\}\s*(,|\))/, what: "Playwright's `request` fixture" },
  { pattern: /\brequest\.newContext\s*\(|\bplaywright\.request\b/, what: "Playwright's APIRequestContext" },
];

function bypassesIn(source: string): string[] {
  return BYPASSES.filter(({ pattern }) => pattern.test(source)).map(({ what }) => what);
}

test('no conformance spec opens its own connection to the target', () => {
  const specs = readdirSync(CONFORMANCE_DIR).filter((name) => name.endsWith('.ts'));
  expect(specs.length, 'conformance specs found').toBeGreaterThan(0);
  const offenders = specs.flatMap((name) =>
    bypassesIn(readFileSync(path.join(CONFORMANCE_DIR, name), 'utf8')).map((what) => `${name}: ${what}`),
  );
  expect(offenders, 'specs must send through the adt fixture (safety guard, pacing, Retry-After)').toEqual([]);
});

test('the check recognises each way around the client', () => {
  const samples = [
    "import http from 'node:http';",
    "import { request } from 'https';",
    "const net = require('net');",
    "import { fetch } from 'undici';",
    'await fetch(url);',
    "test('x', async ({ request }) => {});",
    'const context = await request.newContext();',
  ];
  for (const sample of samples) expect(bypassesIn(sample), sample).not.toEqual([]);
  expect(bypassesIn("test('x', async ({ adt }) => { await adt.getById('a'); });"), 'the adt fixture is fine').toEqual(
    [],
  );
});
