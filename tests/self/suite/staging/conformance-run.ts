/** Runs the real conformance suite (playwright.config.ts) in a child process with a controlled environment. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const PLAYWRIGHT_CLI = path.join(REPO_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface ConformanceRun {
  code: number | null;
  output: string;
  outputDir: string;
}

/**
 * The child sees only `env` plus a PATH holding node alone and an empty HOME: no `az`, `pwsh` or `azd`,
 * no developer .env, no AZURE_* variables of the machine running the self tests.
 */
export function runConformance(env: Record<string, string>, args: readonly string[] = []): Promise<ConformanceRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'adt-staging-run-'));
  const outputDir = path.join(scratch, 'test-results');
  const childEnv = {
    PATH: path.dirname(process.execPath),
    HOME: scratch,
    DOTENV_CONFIG_PATH: path.join(scratch, 'no.env'),
    FORCE_COLOR: '0',
    ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', '--output', outputDir, '--reporter', 'list', ...args], { cwd: REPO_ROOT, env: childEnv });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => { resolve({ code, output, outputDir: scratch }); });
  });
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
