/** What `npm test` runs (scripts/test.ts runs it): the check steps, the two lanes, and each step's environment. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnvironment } from '../src/cli/spawn-suite';
import { ciValue } from '../src/config';

export interface Step {
  readonly script: string;
  readonly live: boolean;
  /** Run without the user's target, credentials and .env: npm test proves the README's run against the mock. */
  readonly isolated?: boolean;
}

/** The steps of `npm run check`, read from package.json so the two never drift apart. */
export function checkSteps(): Step[] {
  const scripts = (
    JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const steps = (scripts.check ?? '').split('&&').map((part) => /^\s*npm run (\S+)\s*$/.exec(part)?.[1]);
  if (steps.length === 0 || steps.some((step) => step === undefined))
    throw new Error('package.json: "check" must be a chain of `npm run <script>` steps joined by &&');
  return steps.map((script) => ({ script: script ?? '', live: false }));
}

/** The self tests are the long lane; the README's run follows the proof in the short one instead of lengthening it. */
export const LANES: readonly (readonly Step[])[] = [
  [{ script: 'test:self', live: true }],
  [
    { script: 'verify:suite', live: false },
    { script: 'conformance', live: false, isolated: true },
  ],
];

/**
 * The user's environment, except for an isolated step: no target, credentials or .env of the user's reach it (a
 * staging .env would otherwise point npm test at staging), and CI stays, so a stray test.only still fails in CI.
 */
export function stepEnvironment(step: Step, parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (step.isolated !== true) return parent;
  const ci = ciValue('CI', parent);
  return isolatedEnvironment(ci === undefined ? {} : { CI: ci }, parent);
}
