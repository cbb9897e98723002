/**
 * One run per folder, Ctrl-C, and listing, through `npm run conformance` exactly as a user types it, with signals
 * sent to the npm process's pid the way a user's `kill` sends them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireRunLock } from '../../../src/cli/run-lock';
import { expect, isolatedEnv, test } from '../reporting/harness';
import { exitWithin, folderHashes, startNpm, type NpmRun } from './support/npm-run';
import { descendantsOf, isRunning } from '../../../scripts/bench/processes';

/** A few tests only: a complete run to keep as "the last report", in seconds. */
const NARROW = ['--grep', '@DJ-404-02'];
/** A test line of the console reporter: the run is past its preflight, the mock and the workers are up. */
const TEST_LINE = /^\s+[✓✘-]\s+\d+ DJ-/m;

function conformance(reportsDir: string, args: readonly string[] = []): NpmRun {
  const env = isolatedEnv({ ADT_REPORTS_DIR: reportsDir, ADT_HTML_REPORT: 'off' });
  return startNpm('npm', ['run', 'conformance', ...(args.length === 0 ? [] : ['--', ...args])], env);
}

async function completeRun(reportsDir: string): Promise<void> {
  const run = conformance(reportsDir, NARROW);
  expect(await run.exited, `the first, complete run:\n${run.output()}`).toBe(0);
}

test.describe.configure({ timeout: 240_000 });

test('two npm run conformance 1 s apart in one folder: the second refuses at once with exit 2 and one message, the first keeps its own results', async ({
  workDir,
}) => {
  const reportsDir = join(workDir, 'reports');
  const first = conformance(reportsDir, NARROW);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const second = conformance(reportsDir, NARROW);
  try {
    const refused = await Promise.race([first.exited.then(() => 'first'), second.exited.then(() => 'second')]);
    const [winner, loser] = refused === 'second' ? [first, second] : [second, first];
    expect(await loser.exited, `the refused run:\n${loser.output()}`).toBe(2);
    expect(loser.output(), 'one message naming the holder and the fix').toMatch(
      /is in use by another run: npm run conformance \(pid \d+\), running since .*\nFix: wait for it to finish, or give this run a folder of its own: ADT_REPORTS_DIR=/,
    );
    expect(loser.output().match(/in use by another run/g), 'said once').toHaveLength(1);
    expect(await winner.exited, `the run that holds the folder:\n${winner.output()}`).toBe(0);
    for (const run of [first, second])
      expect(run.output(), 'neither run blames the target').not.toMatch(/FAILED|ENOENT|ENOTEMPTY/);
    const record = JSON.parse(readFileSync(join(reportsDir, 'matrix-parts', 'run.json'), 'utf8')) as {
      tests: unknown[];
    };
    const results = readdirSync(join(reportsDir, 'allure-results')).filter((name) => name.endsWith('-result.json'));
    expect(results.length, 'one Allure result per test of the one run: nothing of the refused run mixed in').toBe(
      record.tests.length,
    );
    expect(
      readdirSync(reportsDir).filter((name) => name.startsWith('.')),
      'no lock or private folder left behind',
    ).toEqual([]);
  } finally {
    first.cleanup();
    second.cleanup();
  }
});

/** `kill -INT <npm pid>`, `kill -TERM <npm pid>`, and Ctrl-C at a terminal (SIGINT to npm's whole process group). */
const STOPS = [
  { signal: 'SIGINT', how: 'kill -INT to the npm pid', group: false },
  { signal: 'SIGTERM', how: 'kill -TERM to the npm pid', group: false },
  { signal: 'SIGINT', how: 'Ctrl-C (SIGINT to the process group of npm)', group: true },
] as const;

// One complete run, copied into a folder per way of stopping: each stopped run must leave that report as it was.
test(`${STOPS.map((stop) => stop.how).join(', ')} of a running conformance: exit 130 within 10 s, INTERRUPTED, no process left, the last report intact`, async ({
  workDir,
}) => {
  const completed = join(workDir, 'completed');
  await completeRun(completed);
  for (const [index, { signal, how, group }] of STOPS.entries()) {
    await test.step(how, async () => {
      const reportsDir = join(workDir, `stopped-${index + 1}`);
      cpSync(completed, reportsDir, { recursive: true });
      const before = folderHashes(reportsDir);
      const run = conformance(reportsDir);
      try {
        await run.waitFor(TEST_LINE);
        // npm, the wrapper, Playwright, its workers and the webServer mock (a process group of its own).
        const tree = descendantsOf(run.pid);
        expect(tree.length, 'the run started its processes').toBeGreaterThanOrEqual(3);
        process.kill(group ? -run.pid : run.pid, signal);
        expect(await exitWithin(run, 10), run.output()).toBe(130);
        expect(run.output(), 'the verdict says what happened').toContain('Run verdict: INTERRUPTED');
        expect(run.output(), 'no verdict about the target').not.toMatch(/Run verdict: (FAILED|PASSED|INCOMPLETE)/);
        expect(tree.filter(isRunning), 'processes the run started that are still running').toEqual([]);
        expect(folderHashes(reportsDir), 'the last complete report, byte for byte').toEqual(before);
      } finally {
        run.cleanup();
      }
    });
  }
});

test('--list shows the titles and leaves the reports folder byte-identical, through npm run conformance and npx playwright test', async ({
  workDir,
}) => {
  const reportsDir = join(workDir, 'reports');
  await completeRun(reportsDir);
  const before = folderHashes(reportsDir);
  const env = isolatedEnv({ ADT_REPORTS_DIR: reportsDir });
  for (const [command, args] of [
    ['npm', ['run', 'conformance', '--', '--list']],
    ['npx', ['playwright', 'test', '--list']],
  ] as const) {
    const listing = startNpm(command, args, env);
    try {
      expect(await listing.exited, listing.output()).toBe(0);
      expect(listing.output(), `${command}: the titles`).toContain(
        'DJ-APIV-01 GetById without api-version answers 400 with an ErrorResponse',
      );
      expect(listing.output(), `${command}: Playwright's count`).toMatch(/Total: \d+ tests in \d+ files/);
      expect(folderHashes(reportsDir), `${command}: nothing under the reports folder changed`).toEqual(before);
    } finally {
      listing.cleanup();
    }
  }
});

test("a folder held by a live run: npx playwright test and npm run report refuse with exit 2 and touch nothing; a dead holder's lock is taken over", async ({
  workDir,
}) => {
  const reportsDir = join(workDir, 'reports');
  const release = acquireRunLock(reportsDir, 'the self test');
  try {
    const env = isolatedEnv({ ADT_REPORTS_DIR: reportsDir });
    for (const [command, args] of [
      ['npx', ['playwright', 'test']],
      ['npm', ['run', 'report', '--', '--no-serve']],
    ] as const) {
      const refused = startNpm(command, args, env);
      expect(await refused.exited, refused.output()).toBe(2);
      expect(refused.output(), `${command}: who holds the folder, and the fix`).toMatch(
        new RegExp(
          `is in use by another run: the self test \\(pid ${process.pid}\\)[^\\n]*\\nFix: wait for it to finish, or give this run a folder of its own: ADT_REPORTS_DIR=`,
        ),
      );
      expect(readdirSync(reportsDir), `${command}: nothing written beside the lock`).toEqual(['.adt-run.lock']);
    }
  } finally {
    release();
  }
  // A holder that died without letting go (kill -9): its pid no longer runs.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(
    join(reportsDir, '.adt-run.lock'),
    JSON.stringify({ pid: Number(dead.stdout), command: 'npm run conformance', since: new Date().toISOString() }),
  );
  const takeOver = acquireRunLock(reportsDir, 'the self test');
  expect(
    JSON.parse(readFileSync(join(reportsDir, '.adt-run.lock'), 'utf8')),
    'the stale lock is ours now',
  ).toMatchObject({ pid: process.pid });
  takeOver();
  expect(readdirSync(reportsDir), 'released').toEqual([]);
});
