import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { startMockServer, type RunningMock, type ServerOptions } from '../../../mock/server';
import { isolatedEnvironment, spawnSuite, type SuiteEntry } from '../../../src/cli/spawn-suite';
import { developmentSettings } from '../../../src/config';
import { MATRIX_JSON } from '../../../src/reporting/matrix-output';
import type { Matrix, RequirementRow } from '../../../src/reporting/verdicts';

export { expect } from '@playwright/test';
export type { RunningMock } from '../../../mock/server';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const FIXTURE_CONFIG = join(REPO_ROOT, 'tests', 'self', 'reporting', 'fixtures', 'playwright.fixture.config.ts');
export const SUITE_CONFIG = join(REPO_ROOT, 'playwright.config.ts');

export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, as a person at the console would see them. */
  console: string;
}

/**
 * The environment of a nested run: nothing from this self-test worker (Playwright's TEST_* variables) and nothing
 * from the developer's shell or .env that would point the run elsewhere. Unpaced unless a test says otherwise: the
 * targets here are loopback mocks without a rate limit, and the 1 request/s default of a URL target only makes a
 * nested run sleep (pacing is staging/rate-limit.spec.ts's subject).
 */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return isolatedEnvironment({ ADT_MAX_RPS: '0', ...extra });
}

const RUN_TIMEOUT_MS = 240_000;

async function run(entry: SuiteEntry, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunOutput> {
  const child = await spawnSuite({ entry, args, environment: env, timeoutMs });
  const what = `${entry === 'playwright' ? 'playwright test' : 'script' in entry ? entry.script : entry.command} ${args.join(' ')}`;
  if (child.startError !== undefined) throw new Error(`${what}: ${child.startError}`);
  if (child.timedOut) throw new Error(`${what} did not finish within ${timeoutMs / 1000} s`);
  return { code: child.exitCode, stdout: child.stdout, stderr: child.stderr, console: child.console };
}

/** Runs a TypeScript entry point of the repo (e.g. src/cli/conformance.ts) in a child process and collects its output. */
export function runTs(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = RUN_TIMEOUT_MS,
): Promise<RunOutput> {
  return run({ script }, args, env, timeoutMs);
}

/** `npm run <script> -- <args>`, exactly as a user types it (the npm script's own arguments included). */
export function runNpm(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = RUN_TIMEOUT_MS,
): Promise<RunOutput> {
  return run({ command: 'npm' }, ['run', script, '--', ...args], env, timeoutMs);
}

/** `playwright test` with the given arguments, as the runner itself (no wrapper). */
export function runPlaywright(args: string[], env: NodeJS.ProcessEnv, timeoutMs = RUN_TIMEOUT_MS): Promise<RunOutput> {
  return run('playwright', args, env, timeoutMs);
}

export function readMatrix(reportsDir: string): Matrix {
  return JSON.parse(readFileSync(join(reportsDir, MATRIX_JSON), 'utf8')) as Matrix;
}

export function row(matrix: Matrix, id: string): RequirementRow {
  const found = matrix.requirements.find((r) => r.id === id);
  if (!found) throw new Error(`${id} is not in the matrix`);
  return found;
}

export function makeWorkDir(): string {
  return mkdtempSync(join(tmpdir(), 'adt-reports-self-'));
}

/** ADT_SELF_KEEP_OUTPUT=1 keeps what nested runs wrote, for a look after the tests. */
export const KEEP_OUTPUT = developmentSettings().keepSelfTestOutput;

/**
 * Self tests get a fresh folder outside the repo for everything a nested run writes. No worker-scoped fixture here:
 * Playwright gives each set of worker fixtures workers of its own, and every extra worker loads all the self tests.
 */
export const test = base.extend<{ workDir: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring: none.
  workDir: async ({}, use) => {
    const dir = makeWorkDir();
    await use(dir);
    if (!KEEP_OUTPUT) rmSync(dir, { recursive: true, force: true });
  },
});

/** The bundled mock, in this process on an ephemeral loopback port: a real server that dies with the worker. */
export async function startMock(options: ServerOptions): Promise<RunningMock> {
  return startMockServer({ host: '127.0.0.1', port: 0, ...options });
}
