import { expect, test } from '@playwright/test';
import { checkSteps, LANES, stepEnvironment } from '../../../scripts/test-plan';
import { VARIABLES } from '../../../src/config';

const conformanceStep = LANES.flat().find((step) => step.script === 'conformance');

/** A staging user's shell: a target, a token and a .env of their own. */
const USER_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/bin',
  CI: 'true',
  AZURE_DIGITALTWINS_URL: 'https://staging.api.weu.digitaltwins.azure.net',
  ADT_AUTH: 'token',
  ADT_ACCESS_TOKEN: 'a-staging-token',
  [VARIABLES.dotenvPath.name]: '/home/qa/staging.env',
  CHROMIUM_PATH: '/opt/chromium/chrome',
};

test("npm test runs the steps of npm run check, then the self tests beside verify:suite and the README's conformance run", () => {
  expect(
    checkSteps().map((step) => step.script),
    'the check steps, read from package.json',
  ).toEqual(['check:static', 'check:drift', 'check:catalogue', 'check:docs', 'check:format']);
  expect(
    LANES.map((lane) => lane.map((step) => step.script)),
    'the two lanes',
  ).toEqual([['test:self'], ['verify:suite', 'conformance']]);
});

test("npm test's conformance run ignores the user's target, credentials and .env, and keeps CI", () => {
  expect(conformanceStep?.isolated, 'the conformance step is isolated').toBe(true);
  const env = stepEnvironment(conformanceStep ?? { script: 'conformance', live: false, isolated: true }, USER_ENV);
  expect(env.AZURE_DIGITALTWINS_URL, 'no target: the run goes to the bundled mock').toBeUndefined();
  expect(env.ADT_AUTH, 'no auth mode of the user').toBeUndefined();
  expect(env.ADT_ACCESS_TOKEN, 'no token of the user').toBeUndefined();
  expect(env[VARIABLES.dotenvPath.name], 'no .env of the user').toMatch(/no-such\.env$/);
  expect(env.CI, 'CI stays, so a stray test.only still fails in CI').toBe('true');
  expect(env.PATH, 'the rest of the environment stays').toBe('/usr/bin');
});

test("the other steps keep the user's environment, e.g. CHROMIUM_PATH for the report checks", () => {
  for (const step of [...checkSteps(), ...LANES.flat()].filter((candidate) => candidate.isolated !== true)) {
    expect(stepEnvironment(step, USER_ENV), `${step.script} gets the environment as it is`).toBe(USER_ENV);
  }
});
