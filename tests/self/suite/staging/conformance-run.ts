/** Runs the real conformance suite (playwright.config.ts) in a child process with a controlled environment. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { minimalEnvironment, spawnSuite } from '../../../../src/cli/spawn-suite';

export interface ConformanceRun {
  code: number | null;
  output: string;
  outputDir: string;
}

/**
 * The child sees only `env` plus a PATH holding node alone and an empty HOME: no `az`, `pwsh` or `azd`,
 * no developer .env, no AZURE_* variables of the machine running the self tests.
 */
export async function runWithNodeOnly(
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<ConformanceRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'adt-staging-run-'));
  const outputDir = path.join(scratch, 'test-results');
  const run = await spawnSuite({
    args: ['--output', outputDir, '--reporter', 'list', ...args],
    environment: minimalEnvironment(scratch, env),
  });
  if (run.startError !== undefined) throw new Error(run.startError);
  return { code: run.exitCode, output: run.console, outputDir: scratch };
}

/** `npm run conformance -- <args>` exactly as a user types it, with the same bare environment; reports in the scratch folder. */
export async function runNpmConformance(
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<ConformanceRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'adt-staging-npm-'));
  const run = await spawnSuite({
    entry: { command: 'npm' },
    args: ['run', '--silent', 'conformance', '--', '--output', path.join(scratch, 'test-results'), ...args],
    environment: minimalEnvironment(scratch, {
      ADT_REPORTS_DIR: path.join(scratch, 'reports'),
      ADT_HTML_REPORT: 'off',
      ...env,
    }),
  });
  if (run.startError !== undefined) throw new Error(run.startError);
  return { code: run.exitCode, output: run.console, outputDir: scratch };
}

/** Every file under `dir` whose content contains `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const file = path.join(current, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (readFileSync(file).includes(needle)) found.push(file);
    }
  };
  walk(dir);
  return found;
}
