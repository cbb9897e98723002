/** The architecture's import boundaries are lint rules: a wrong-way import fails `npm run lint`, naming the rule. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import { expect, test } from '@playwright/test';
import tseslint from 'typescript-eslint';
import { TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';

const ROOT = path.resolve(__dirname, '../../..');

// The boundary rules need no type information; without it a lint takes milliseconds instead of seconds.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-properties',
]);

/** Lints `code` with the project's config as if it were the existing file `file`; returns the boundary messages. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((message) => BOUNDARY_RULES.has(message.ruleId ?? ''))
    .map((message) => message.message);
}

const WRONG_WAY: [string, string, string, RegExp][] = [
  [
    'mock imports the suite',
    'mock/contract.ts',
    "import { REQUIREMENTS } from '../src/requirements';",
    /mock\/ stands alone/,
  ],
  [
    'mock imports a self test',
    'mock/quirks/index.ts',
    "import { API } from '../../tests/self/mock/fixtures';",
    /mock\/ stands alone/,
  ],
  [
    'src imports from tests',
    'src/suite/json.ts',
    "import { test } from '../../tests/conformance/fixtures';",
    /src\/ never imports from tests\//,
  ],
  [
    'src imports mock internals',
    'src/suite/config.ts',
    "import { createMockApp } from '../../mock/app';",
    /of mock\/ only mock\/contract/,
  ],
  [
    'a check imports Playwright',
    'src/checks/list.ts',
    "import { expect } from '@playwright/test';",
    /are pure; they return verdicts and load no Playwright/,
  ],
  [
    "the engine imports the suite's expect",
    'src/engine/verdict.ts',
    "import { expect } from '../suite/expect';",
    /are pure; they return verdicts and load no Playwright/,
  ],
  [
    'the judge imports from tests',
    'src/judge/recording.ts',
    "import { API } from '../../tests/self/mock/fixtures';",
    /src\/ never imports from tests\//,
  ],
  [
    'src/verify imports from tests',
    'src/verify/variants.ts',
    "import { API } from '../../tests/self/mock/fixtures';",
    /src\/ never imports from tests\//,
  ],
  [
    'a spec imports another spec',
    'tests/conformance/auth.spec.ts',
    "import { x } from './list.spec';",
    /a spec imports only \.\/fixtures and src\//,
  ],
  [
    'a spec imports the mock',
    'tests/conformance/auth.spec.ts',
    "import { QUIRKS } from '../../mock/quirks';",
    /a spec imports only \.\/fixtures and src\//,
  ],
  [
    'a script imports from tests',
    'scripts/check-catalogue.ts',
    "import { test } from '../tests/conformance/fixtures';",
    /never from tests\//,
  ],
  [
    'a top-level config imports from tests',
    'playwright.config.ts',
    "import { test } from './tests/conformance/fixtures';",
    /never from tests\//,
  ],
  [
    'a suite module reads process.env',
    'src/suite/json.ts',
    'export const auth = process.env.ADT_AUTH;',
    /Configuration boundary: read variables through src\/config/,
  ],
  ['the mock app reads process.env', 'mock/app.ts', 'export const port = process.env.PORT;', /Configuration boundary/],
  [
    'a spec reads process.env',
    'tests/conformance/auth.spec.ts',
    'export const url = process.env.AZURE_DIGITALTWINS_URL;',
    /Configuration boundary/,
  ],
];

for (const [what, file, code, message] of WRONG_WAY) {
  test(`lint fails when ${what}`, async () => {
    const errors = await boundaryErrors(file, `${code}\n`);
    expect(errors, `${file}: the boundary rule reports the import`).toHaveLength(1);
    expect(errors[0], 'the message names the boundary').toMatch(message);
  });
}

const RIGHT_WAY: [string, string, string][] = [
  ['src imports the mock contract', 'src/suite/config.ts', "import { MOCK_DEFAULT_TOKEN } from '../../mock/contract';"],
  [
    'src imports the recording format',
    'src/suite/config.ts',
    "import { HOST_PLACEHOLDER } from '../../mock/replay/har-format';",
  ],
  ['src/verify imports the mock quirks', 'src/verify/variants.ts', "import { QUIRKS } from '../../mock/quirks';"],
  ['a check imports a reporter type', 'src/checks/list.ts', "import type { TestInfo } from '@playwright/test';"],
  [
    'a spec imports its fixtures and src',
    'tests/conformance/auth.spec.ts',
    "import { test } from './fixtures';\nimport { REQUIREMENTS } from '../../src/requirements';",
  ],
  ['a self test imports the mock', 'tests/self/mock/app.spec.ts', "import { QUIRKS } from '../../../mock/quirks';"],
  ['the config module reads process.env', 'src/config/index.ts', 'export const auth = process.env.ADT_AUTH;'],
  ['an entry point reads process.env', 'src/cli/conformance.ts', 'export const env = { ...process.env };'],
];

for (const [what, file, code] of RIGHT_WAY) {
  test(`lint allows it when ${what}`, async () => {
    expect(await boundaryErrors(file, `${code}\n`), `${file}: no boundary error`).toEqual([]);
  });
}

/** What the conformance wrapper, the judge and the in-process proof load: none of it may pull Playwright in. */
const PURE_ENTRIES = [
  'src/checks/index.ts',
  'src/engine/run-in-process.ts',
  'src/judge/recording.ts',
  'src/reporting/matrix-reporter.ts',
];

test('the checks, the engine, the judge and the matrix load no Playwright, not even through another module', () => {
  const probe = `
    const Module = require('node:module');
    const load = Module._load;
    const seen = [];
    Module._load = function (request, parent) {
      if (/(^|\\/)(@playwright|playwright(-core)?)(\\/|$)/.test(request)) seen.push(request + ' from ' + parent?.filename);
      return load.apply(this, arguments);
    };
    for (const entry of ${JSON.stringify(PURE_ENTRIES)}) require(require('node:path').join(${JSON.stringify(ROOT)}, entry));
    process.stdout.write(JSON.stringify(seen));
    process.exit(0);`;
  const result = spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, '-e', probe], { cwd: ROOT, encoding: 'utf8' });
  expect(result.status, `the probe ran\n${result.stderr}`).toBe(0);
  expect(JSON.parse(result.stdout) as string[], 'Playwright modules loaded, with the module that asked').toEqual([]);
});
