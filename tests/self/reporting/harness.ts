import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { startMockServer, type RunningMock, type ServerOptions } from '../../../mock/server';
import { MATRIX_JSON } from '../../../src/reporting/matrix-output';
import type { Matrix, RequirementRow } from '../../../src/reporting/verdicts';

export { expect } from '@playwright/test';
export type { RunningMock } from '../../../mock/server';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const FIXTURE_CONFIG = join(REPO_ROOT, 'tests', 'self', 'reporting', 'fixtures', 'playwright.fixture.config.ts');
export const SUITE_CONFIG = join(REPO_ROOT, 'playwright.config.ts');
const TSX_CLI = require.resolve('tsx/cli');

export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, as a person at the console would see them. */
  console: string;
}

/**
 * The environment of a nested run: nothing from this self-test worker (Playwright's TEST_* variables) and nothing
 * from the developer's shell or .env that would point the run elsewhere.
 */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(TEST_|PW_|PLAYWRIGHT_|ADT_|AZURE_|FORCE_COLOR$|CI$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, DOTENV_CONFIG_PATH: join(REPO_ROOT, 'no-such-dotenv-for-self-tests'), NO_COLOR: '1', ...extra };
}

const RUN_TIMEOUT_MS = 240_000;

/**
 * Runs a TypeScript entry point of the repo (e.g. src/cli/conformance.ts) in a child process and collects its output.
 * The child leads its own process group, so a run that overstays is killed with everything it started.
 */
export function runTs(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = RUN_TIMEOUT_MS): Promise<RunOutput> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TSX_CLI, join(REPO_ROOT, script), ...args], { cwd: REPO_ROOT, env, detached: true });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      fail(new Error(`${script} ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    let stdout = '';
    let stderr = '';
    let both = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      both += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      both += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, console: both });
    });
  });
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

/** Self tests get a fresh folder outside the repo for everything a nested run writes; ADT_SELF_KEEP_OUTPUT=1 keeps it. */
export const test = base.extend<{ workDir: string }, { keepOutput: boolean }>({
  keepOutput: [Boolean(process.env.ADT_SELF_KEEP_OUTPUT), { option: true, scope: 'worker' }],
  workDir: async ({ keepOutput }, use) => {
    const dir = makeWorkDir();
    await use(dir);
    if (!keepOutput) rmSync(dir, { recursive: true, force: true });
  },
});

/** The bundled mock, in this process on an ephemeral loopback port: a real server that dies with the worker. */
export async function startMock(options: ServerOptions): Promise<RunningMock> {
  return startMockServer({ host: '127.0.0.1', port: 0, ...options });
}
