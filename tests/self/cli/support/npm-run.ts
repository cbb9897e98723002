/** `npm run <script>` exactly as a user starts it, with the npm process's pid for a user's `kill`. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../../src/cli/spawn-suite';
import { signalGroup } from '../../../../scripts/bench/processes';

export interface NpmRun {
  /** The npm process: what `kill <pid>` of a user hits. */
  readonly pid: number;
  output(): string;
  readonly exited: Promise<number | null>;
  /** Resolves when the output matches (rejects when the process ends first). */
  waitFor(pattern: RegExp): Promise<void>;
  /** Kills whatever is left of it, other process groups below it included (the test's cleanup, never the thing tested). */
  cleanup(): void;
}

/** Starts `npx`/`npm` with the args in a process group of its own, as a terminal would. */
export function startNpm(command: 'npm' | 'npx', args: readonly string[], environment: NodeJS.ProcessEnv): NpmRun {
  const child = spawn(command, [...args], {
    cwd: REPO_ROOT,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  const watchers = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const watch of watchers) watch();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      resolve(code);
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
    for (const watch of watchers) watch();
  });
  const pid = child.pid ?? 0;
  return {
    pid,
    output: () => text,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const watch = (): void => {
          if (pattern.test(text)) resolve();
          else if (done) reject(new Error(`ended before printing ${String(pattern)}:\n${text}`));
          else return;
          watchers.delete(watch);
        };
        watchers.add(watch);
        watch();
      }),
    cleanup: () => {
      signalGroup(pid, 'SIGKILL');
    },
  };
}

/** The exit code, or what to say when it is still running after `seconds`: for a test where a hang is the defect. */
export function exitWithin(run: NpmRun, seconds: number): Promise<number | null | string> {
  const late = new Promise<string>((resolve) => {
    setTimeout(() => {
      resolve(`still running ${seconds} s after the signal`);
    }, seconds * 1000).unref();
  });
  return Promise.race([run.exited, late]);
}

/** One hash per file under `dir` (relative path → sha256): byte-identical folders give equal maps. */
export function folderHashes(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hashes[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return hashes;
}
