/**
 * One run per folder. Two runs writing one reports folder (and its test-results, where the discovery file is)
 * would delete each other's files and mix their results, so every command that writes there holds this lock: the
 * second refuses at once, naming the holder. A lock whose holder died (kill -9, a crash) is taken over silently.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_ERROR_EXIT, VARIABLES } from '../config';

interface Holder {
  pid: number;
  command: string;
  since: string;
}

/** The second run's one message and exit 2: who holds the folder, since when, and the two ways out. */
export class FolderBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number'
      ? { pid: holder.pid, command: String(holder.command), since: String(holder.since) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The folder shown as the user typed it, and a sibling to suggest instead. */
export function otherFolder(folder: string): { shown: string; other: string } {
  const shown = path.relative(process.cwd(), folder) || '.';
  return { shown, other: `${shown.replace(/[\\/]+$/, '')}-2` };
}

function busyMessage(folder: string, holder: Holder, command: string, elsewhere: string | undefined): string {
  const { shown, other } = otherFolder(folder);
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(holder.since)) / 1000));
  return [
    `${shown}/ is in use by another run: ${holder.command} (pid ${holder.pid}), running since ${holder.since} (${seconds} s ago).`,
    `Fix: wait for it to finish, or give this run a folder of its own: ${elsewhere ?? `${VARIABLES.reportsDir.name}=${other} ${command} (its reports and Playwright's test-results then go to ${other}/)`}.`,
  ].join('\n');
}

export interface LockOptions {
  /** The lock's name, for a command that owns other files of the folder than a run does (default `run`). */
  readonly name?: string;
  /** How to run it in another folder, when that is not ADT_REPORTS_DIR. */
  readonly elsewhere?: string;
}

/**
 * Takes `<folder>/.adt-<name>.lock` for this process until it exits, or throws FolderBusyError when a live process
 * holds it. The lock file appears complete or not at all (written aside, then hard-linked into place).
 */
export function acquireRunLock(folder: string, command: string, options: LockOptions = {}): () => void {
  const name = options.name ?? 'run';
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `.adt-${name}.lock`);
  const mine: Holder = { pid: process.pid, command, since: new Date().toISOString() };
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, `${JSON.stringify(mine)}\n`);
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        linkSync(draft, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      }
      const holder = readHolder(file);
      if (holder !== undefined && holder.pid !== process.pid && alive(holder.pid))
        throw new FolderBusyError(busyMessage(folder, holder, command, options.elsewhere));
      // The holder is gone (or is us): its lock is stale.
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(draft, { force: true });
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  process.once('exit', release);
  return release;
}

/** The one exit path of a refused run: the message and exit 2, nothing started or touched. */
export function exitWhenBusy<T>(take: () => T): T {
  try {
    return take();
  } catch (error) {
    if (!(error instanceof FolderBusyError)) throw error;
    process.stderr.write(`\n${error.message}\n\n`);
    process.exit(CONFIG_ERROR_EXIT);
  }
}

const hasFlag = (argv: readonly string[], flag: string): boolean =>
  argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`));

/**
 * What a `playwright test` of the conformance config writes, read from its command line: `--list` writes nothing,
 * `--reporter` replaces the reporters that write the reports folder, `--output` moves test-results elsewhere.
 */
export function playwrightRunWrites(argv: readonly string[]): {
  listing: boolean;
  reports: boolean;
  testResults: boolean;
} {
  const listing = hasFlag(argv, '--list');
  return {
    listing,
    reports: !listing && !hasFlag(argv, '--reporter'),
    testResults: !listing && !hasFlag(argv, '--output'),
  };
}
