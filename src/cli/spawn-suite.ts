/**
 * The one way this project starts a suite run (or one of its CLIs) in a child process: the conformance wrapper,
 * verify:suite, the bench and the self tests all come through here. The child leads its own process group, so a
 * run that overstays is stopped with its Playwright workers and webServer mock.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { MOCK_ENV, MOCK_URL_ENV } from '../../mock/contract';
import { DECLARED_NAMES, VARIABLES } from '../config';
import { CODE_ROOT, codeFile, COMPILED } from '../package-root';

/** The folder of the code: the repository, or the installed package's dist/ (src/package-root.ts). */
export const REPO_ROOT = CODE_ROOT;
const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');
/** The suite's Playwright config; the installed command names it, as the user's folder has none. */
export const PLAYWRIGHT_CONFIG = codeFile('playwright.config.ts');

/**
 * How node runs a TypeScript entry point of this repo. The repo is CommonJS, so tsx's CommonJS hook is all it needs:
 * `--import tsx` also starts an ESM loader thread and costs about three times the CPU per process (and the `tsx` CLI
 * a second process on top), which adds up over the hundred-odd processes `npm test` starts. The installed package is
 * compiled JavaScript: nothing to add.
 */
export const TYPESCRIPT_NODE_ARGS: readonly string[] = COMPILED ? [] : ['--require', 'tsx/cjs'];

/** Node's arguments before Playwright's CLI: the CommonJS module hooks Playwright uses on newer Node (see the file). */
export const PLAYWRIGHT_NODE_ARGS: readonly string[] = [
  '--require',
  path.join(REPO_ROOT, 'src', 'cli', 'sync-module-hooks.cjs'),
];

/** `playwright test <args>` as this project starts it, for a caller that spawns it itself (e.g. synchronously). */
export function playwrightTestCommand(args: readonly string[]): [string, string[]] {
  // In the repository Playwright finds playwright.config.ts in its working folder; the installed command runs in
  // the user's folder and names its config.
  const named = args.some((arg) => arg === '-c' || arg === '--config' || arg.startsWith('--config='));
  const config = COMPILED && !named ? ['--config', PLAYWRIGHT_CONFIG] : [];
  return [process.execPath, [...PLAYWRIGHT_NODE_ARGS, PLAYWRIGHT_CLI, 'test', ...config, ...args]];
}

/**
 * `playwright`: `playwright test` with the repo's config; a script: a TypeScript entry point of the repo; a command:
 * any program, e.g. `npm run conformance` exactly as a user types it (the bench times that).
 */
export type SuiteEntry = 'playwright' | { readonly script: string } | { readonly command: string };

export interface SpawnSuiteOptions {
  readonly entry?: SuiteEntry;
  readonly args?: readonly string[];
  /** The child's whole environment: usually isolatedEnvironment(...) or minimalEnvironment(...). */
  readonly environment: NodeJS.ProcessEnv;
  /** `capture` (default) collects stdout and stderr; `inherit` shows them; a file gets both. */
  readonly output?: 'capture' | 'inherit' | { readonly file: string };
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Called with the child's pid (= its process group), e.g. so Ctrl-C can stop it. */
  readonly onStart?: (pid: number) => void;
  /**
   * The child leads its own process group (default: unless output is `inherit`). A wrapper that forwards Ctrl-C
   * itself wants this with `inherit`: the terminal's SIGINT then reaches the wrapper alone, which sends ONE to the
   * group, as Playwright expects (a SIGINT more than a second after the first kills it before it stops its webServer).
   */
  readonly group?: boolean;
}

export interface SuiteProcess {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together, as a person at the console would see them. */
  readonly console: string;
  readonly wallMs: number;
  /** Set when the child could not be started at all. */
  readonly startError?: string;
}

/** Every variable the project declares (src/config and the mock's), so nothing of the parent steers the child. */
const PROJECT_VARIABLES = new Set<string>([...DECLARED_NAMES, ...Object.values(MOCK_ENV), MOCK_URL_ENV]);
/** Playwright's and the test runner's own, Azure credentials, and colour and CI switches. */
const RUNNER_VARIABLES = /^(TEST_|PW_|PLAYWRIGHT_|AZURE_|FORCE_COLOR$|NO_COLOR$|CI$)/;

/**
 * The parent's environment without anything that would point a child run elsewhere or change its verdicts (every
 * declared variable, Azure credentials, Playwright's worker variables, CI), no .env, and `extra` on top.
 */
export function isolatedEnvironment(
  extra: Readonly<Record<string, string>> = {},
  parent: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (!PROJECT_VARIABLES.has(name) && !RUNNER_VARIABLES.test(name)) env[name] = value;
  }
  return { ...env, [VARIABLES.dotenvPath.name]: path.join(REPO_ROOT, 'no-such.env'), NO_COLOR: '1', ...extra };
}

/** Only node on PATH and an empty HOME: no `az`, `pwsh` or `azd`, no developer .env, no Azure variables. */
export function minimalEnvironment(scratch: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    PATH: path.dirname(process.execPath),
    HOME: scratch,
    [VARIABLES.dotenvPath.name]: path.join(scratch, 'no.env'),
    FORCE_COLOR: '0',
    ...extra,
  };
}

function commandOf(entry: SuiteEntry, args: readonly string[]): [string, string[]] {
  if (entry === 'playwright') return playwrightTestCommand(args);
  if ('command' in entry) return [entry.command, [...args]];
  return [process.execPath, [...TYPESCRIPT_NODE_ARGS, codeFile(entry.script), ...args]];
}

/** The process groups of the runs this process started that are still going: what interruptRuns() stops. */
const runningGroups = new Set<number>();
/** How long a run gets, after its one SIGINT, to stop its workers and webServer and write its results. */
const STOP_GRACE_MS = 20_000;
let interrupted = false;

/**
 * Ctrl-C for every run this process started in a group of its own: ONE SIGINT to each group, as a terminal sends
 * it (Playwright then stops its workers and its webServer mock); SIGKILL for a group still there after the grace.
 */
export function interruptRuns(graceMs = STOP_GRACE_MS): void {
  // And none starts after it (e.g. verify:suite's replay of a run just stopped).
  interrupted = true;
  for (const pid of runningGroups) {
    stopGroup(pid, true, 'SIGINT');
    setTimeout(() => {
      if (runningGroups.has(pid)) stopGroup(pid, true);
    }, graceMs).unref();
  }
}

/**
 * Ctrl-C (or SIGTERM) stops every run this process started, once: interruptRuns() on the first signal. Returns what
 * the entry point asks after each await: the first signal, or undefined while none came.
 */
export function interruptRunsOnSignal(): () => NodeJS.Signals | undefined {
  let first: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (first !== undefined) return;
    first = signal;
    interruptRuns();
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  return () => first;
}

export function spawnSuite(options: SpawnSuiteOptions): Promise<SuiteProcess> {
  if (interrupted) {
    return Promise.resolve({
      exitCode: null,
      signal: 'SIGINT',
      timedOut: false,
      stdout: '',
      stderr: '',
      console: '',
      wallMs: 0,
      startError: 'not started: the run was interrupted',
    });
  }
  const output = options.output ?? 'capture';
  const started = performance.now();
  const fd = typeof output === 'object' ? openSync(output.file, 'w') : undefined;
  const stdio: StdioOptions =
    output === 'inherit' ? 'inherit' : fd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd];
  const grouped = options.group ?? output !== 'inherit';
  return new Promise((resolve) => {
    const [command, args] = commandOf(options.entry ?? 'playwright', options.args ?? []);
    const child = spawn(command, args, {
      // The installed command works in the user's folder (its ./reports, its .env), never inside the package.
      cwd: options.cwd ?? (COMPILED ? process.cwd() : REPO_ROOT),
      env: options.environment,
      stdio,
      detached: grouped,
    });
    if (fd !== undefined) closeSync(fd);
    const pid = child.pid;
    if (pid !== undefined && grouped) runningGroups.add(pid);
    if (pid !== undefined) options.onStart?.(pid);
    let stdout = '';
    let stderr = '';
    let both = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      both += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      both += chunk.toString();
    });
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) stopGroup(child.pid, grouped);
          }, options.timeoutMs);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, startError?: string): void => {
      if (timer !== undefined) clearTimeout(timer);
      if (pid !== undefined) runningGroups.delete(pid);
      const wallMs = performance.now() - started;
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout,
        stderr,
        console: both,
        wallMs,
        ...(startError === undefined ? {} : { startError }),
      });
    };
    child.on('error', (error) => {
      finish(null, null, `the suite could not be started: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      finish(code, signal);
    });
  });
}

/** Kills the child's whole process group (its Playwright workers, its webServer mock) when it has one. */
export function stopGroup(pid: number, grouped: boolean, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(grouped ? -pid : pid, signal);
  } catch {
    /* already gone */
  }
}
