/**
 * The package a user installs: `npm pack` (which builds dist/), the tarball installed into an empty temporary folder
 * with dependencies from the registry, and there `npx adt-conformance` as a user types it: --version, a run against
 * the bundled mock (PASSED), a run against a quirk mock reached by URL (FAILED, naming the quirk's requirement),
 * report, mock, and a usage error. One install serves every check; a run from the repository (`npm run conformance`)
 * goes on beside it and must give the same matrix.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MOCK_DEFAULT_TOKEN, READY_LINE_PATTERN } from '../../../mock/contract';
import { startMockServer } from '../../../mock/server';
import { isolatedEnvironment, REPO_ROOT, spawnSuite, stopGroup, type SuiteProcess } from '../../../src/cli/spawn-suite';
import { DEFAULT_API_VERSION } from '../../../src/config';
import { REQUIREMENTS } from '../../../src/requirements';
import type { Matrix } from '../../../src/reporting/verdicts';

const PACKAGE = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const QUIRK_TOKEN = 'package-self-test-token';
/** What the tarball must never hold: the project's own tests, its benches and its CI files. */
const NOT_SHIPPED = /^package\/(tests\/self|scripts\/bench|ci-templates)\//;

/**
 * The environment of every command here: nothing of the project's or Playwright's (isolatedEnvironment), no npm_*
 * variables of the `npm test` that started this worker (they would steer npm in the child), no HTML report unless a
 * check is about it, unpaced requests to the loopback mocks.
 */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = isolatedEnvironment({ ADT_HTML_REPORT: 'off', ADT_MAX_RPS: '0', ...extra });
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

async function command(
  program: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = environment(),
): Promise<SuiteProcess> {
  const run = await spawnSuite({ entry: { command: program }, args, cwd, environment: env, timeoutMs: 300_000 });
  if (run.startError !== undefined) throw new Error(`${program} ${args.join(' ')}: ${run.startError}`);
  if (run.timedOut) throw new Error(`${program} ${args.join(' ')} did not finish within 300 s`);
  return run;
}

function verdicts(file: string): Record<string, string> {
  const matrix = JSON.parse(readFileSync(file, 'utf8')) as Matrix;
  return Object.fromEntries(matrix.requirements.map((row) => [row.id, row.verdict]));
}

/** `npx adt-conformance mock`: the time from spawn to its ready line, and its first answer. */
async function firstAnswerOfMock(cwd: string): Promise<{ url: string; readyMs: number; status: number }> {
  const started = performance.now();
  const child = spawn('npx', ['adt-conformance', 'mock', '--port', '0', '--host', '127.0.0.1'], {
    cwd,
    env: environment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => {
        reject(new Error(`no ready line within 30 s:\n${seen}`));
      }, 30_000);
      const read = (chunk: Buffer): void => {
        seen += chunk.toString();
        const match = READY_LINE_PATTERN.exec(seen);
        if (match?.groups?.adt_mock_url === undefined) return;
        clearTimeout(timer);
        resolve(match.groups.adt_mock_url);
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => {
        reject(new Error(`the mock exited (${code}) before its ready line:\n${seen}`));
      });
    });
    const readyMs = performance.now() - started;
    const response = await fetch(`${url}/jobs/deletions?api-version=${DEFAULT_API_VERSION}`, {
      headers: { authorization: `Bearer ${MOCK_DEFAULT_TOKEN}` },
    });
    return { url, readyMs, status: response.status };
  } finally {
    if (child.pid !== undefined) stopGroup(child.pid, true, 'SIGTERM');
  }
}

test('the packed tarball, installed into an empty folder, runs as a user runs it', async () => {
  test.setTimeout(900_000);
  const scratch = mkdtempSync(path.join(tmpdir(), 'adt-package-'));
  const tarballs = path.join(scratch, 'tarball');
  const app = path.join(scratch, 'app');
  mkdirSync(tarballs);
  mkdirSync(app);
  try {
    let tarball = '';
    await test.step('npm pack builds dist/ and ships no self test, bench or CI file', async () => {
      const pack = await command('npm', ['pack', '--pack-destination', tarballs], REPO_ROOT);
      expect(pack.exitCode, `npm pack\n${pack.console}`).toBe(0);
      tarball = path.join(tarballs, readdirSync(tarballs).find((name) => name.endsWith('.tgz')) ?? 'none.tgz');
      const listing = await command('tar', ['-tzf', tarball], scratch);
      const files = listing.stdout.split('\n').filter((line) => line !== '');
      expect(files, 'the tarball holds the compiled command').toContain('package/dist/src/cli/adt-conformance.js');
      expect(files, 'and the compiled conformance specs').toContain('package/dist/tests/conformance/not-found.spec.js');
      expect(
        files.filter((file) => NOT_SHIPPED.test(file)),
        'no file under tests/self/, scripts/bench/ or ci-templates/',
      ).toEqual([]);
      expect(
        files.filter((file) => file.endsWith('.ts')),
        'no TypeScript: nothing is transpiled at start',
      ).toEqual([]);
    });

    // The install and a run from the repository overlap: both mostly wait (on the registry, on the mock).
    const repoReports = path.join(scratch, 'repo-reports');
    const fromRepository = command(
      'npm',
      ['run', '--silent', 'conformance'],
      REPO_ROOT,
      environment({ ADT_REPORTS_DIR: repoReports }),
    );
    await test.step('npm install <tarball> into an empty folder, dependencies from the registry', async () => {
      // A package.json of its own, so npm installs here and looks for no project above the folder.
      writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'adt-user', private: true })}\n`);
      const install = await command('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
      expect(install.exitCode, `npm install\n${install.console}`).toBe(0);
    });

    await test.step('--version: the suite version, the api-version and the catalogue size', async () => {
      const version = await command('npx', ['adt-conformance', '--version'], app);
      expect(version.exitCode, version.console).toBe(0);
      expect(version.stdout.trim()).toBe(
        `adt-conformance ${PACKAGE.version} (Delete Jobs api-version ${DEFAULT_API_VERSION}, ${REQUIREMENTS.length} requirements)`,
      );
    });

    await test.step('a usage error is one line and exit 2; judge of a missing file too; mock --help', async () => {
      const usage = await command('npx', ['adt-conformance', 'conform'], app);
      expect(usage.exitCode, usage.console).toBe(2);
      expect(usage.stderr.trim().split('\n'), 'one line naming the commands').toEqual([
        expect.stringMatching(/^conform is not a command of adt-conformance: use run, judge, report, compare or mock/),
      ]);
      const judge = await command('npx', ['adt-conformance', 'judge', 'no-such.har'], app);
      expect(judge.exitCode, judge.console).toBe(2);
      expect(judge.stderr.trim()).toBe('judge: no-such.har cannot be read (no such file, or not readable).');
      const mockHelp = await command('npx', ['adt-conformance', 'mock', '--help'], app);
      expect(mockHelp.stdout, 'the mock names its usage as the installed command').toContain(
        'Usage: npx adt-conformance mock [options]',
      );
    });

    const reports = path.join(app, 'reports');
    await test.step('run against the bundled mock: PASSED, reports in ./reports of the current folder', async () => {
      const run = await command('npx', ['adt-conformance', 'run'], app);
      expect(run.exitCode, `adt-conformance run\n${run.console}`).toBe(0);
      expect(run.stdout).toContain('Run verdict: PASSED');
      expect(run.stdout, 'a fix names the installed command').toContain(
        '`npx adt-conformance report` builds it from reports/allure-results',
      );
      expect(run.console, 'and never an npm script the user does not have').not.toMatch(/npm run /);
      const matrix = JSON.parse(readFileSync(path.join(reports, 'conformance-matrix.json'), 'utf8')) as Matrix;
      expect(matrix.environment, 'the matrix names the suite that judged').toMatchObject({
        'Suite version': PACKAGE.version,
        'api-version': DEFAULT_API_VERSION,
        Requirements: String(REQUIREMENTS.length),
      });
      const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
      expect(junit, 'so does the JUnit file').toContain(`<property name="suite version" value="${PACKAGE.version}"/>`);
      expect(junit).toContain(`<property name="requirements" value="${REQUIREMENTS.length}"/>`);
      const har = JSON.parse(readFileSync(path.join(reports, 'exchanges.har'), 'utf8')) as {
        log: { creator: { name: string; version: string; comment?: string } };
      };
      expect(har.log.creator, 'and the HAR').toEqual({
        name: PACKAGE.name,
        version: PACKAGE.version,
        comment: `api-version ${DEFAULT_API_VERSION}, ${REQUIREMENTS.length} requirements`,
      });
      const installed = path.join(app, 'node_modules', PACKAGE.name);
      expect(existsSync(path.join(installed, 'reports')), 'nothing written inside the installed package').toBe(false);

      const repository = await fromRepository;
      expect(repository.exitCode, `npm run conformance\n${repository.console}`).toBe(0);
      expect(
        verdicts(path.join(reports, 'conformance-matrix.json')),
        'adt-conformance run and npm run conformance: the same matrix against the bundled mock',
      ).toEqual(verdicts(path.join(repoReports, 'conformance-matrix.json')));
    });

    await test.step('run --grep @DJ-404 against a quirk mock by URL: FAILED, naming the quirk’s requirement', async () => {
      const mock = await startMockServer({
        scenario: 'default',
        token: QUIRK_TOKEN,
        quirks: ['no-error-code-header-on-404'],
      });
      try {
        // The 404 tests only: a whole run is the step above, and its options reach Playwright as they do here.
        const run = await command(
          'npx',
          ['adt-conformance', 'run', '--grep', '@DJ-404'],
          app,
          environment({
            AZURE_DIGITALTWINS_URL: mock.url,
            ADT_AUTH: 'token',
            ADT_ACCESS_TOKEN: QUIRK_TOKEN,
            ADT_REPORTS_DIR: 'reports-quirk',
          }),
        );
        expect(run.exitCode, `adt-conformance run against the quirk\n${run.console}`).toBe(1);
        expect(run.console, 'the console names the failed requirement').toMatch(/DJ-404-02\s+MUST\s+failed/);
        expect(run.stdout).toContain('Run verdict: FAILED');
        expect(verdicts(path.join(app, 'reports-quirk', 'conformance-matrix.json'))['DJ-404-02']).toBe('failed');
      } finally {
        await mock.close();
      }
    });

    await test.step('report --no-serve builds the HTML report of the last run', async () => {
      const report = await command('npx', ['adt-conformance', 'report', '--no-serve'], app, environment());
      expect(report.exitCode, `adt-conformance report --no-serve\n${report.console}`).toBe(0);
      expect(existsSync(path.join(reports, 'allure-report.html')), 'the single-file report').toBe(true);
      expect(readFileSync(path.join(reports, 'allure-report', 'index.html'), 'utf8')).toContain(
        'Delete Jobs conformance: PASSED',
      );
    });

    await test.step("judge of the run's own recording: its verdicts again", async () => {
      const judged = await command(
        'npx',
        ['adt-conformance', 'judge', path.join('reports', 'exchanges.har')],
        app,
        environment({ ADT_REPORTS_DIR: 'reports-judged' }),
      );
      expect(judged.exitCode, `adt-conformance judge reports/exchanges.har\n${judged.console}`).toBe(0);
      expect(judged.stdout, 'the verdicts of the recorded run').toContain(
        'Replay parity: every requirement got the verdict',
      );
    });

    await test.step("compare -- --grep @DJ-404: the bundled mock and a quirk of it differ on the quirk's requirement", async () => {
      const compared = await command(
        'npx',
        ['adt-conformance', 'compare', 'mock', 'mock+no-error-code-header-on-404', '--', '--grep', '@DJ-404'],
        app,
        environment({ ADT_REPORTS_DIR: 'reports-compare' }),
      );
      expect(compared.exitCode, `adt-conformance compare\n${compared.console}`).toBe(1);
      expect(compared.stdout, 'the requirement whose verdicts differ').toMatch(/DJ-404-02/);
      expect(existsSync(path.join(app, 'reports-compare')), "the comparison is written in the user's folder").toBe(
        true,
      );
    });

    await test.step('mock: answers its first request', async () => {
      const mock = await firstAnswerOfMock(app);
      expect(mock.status, `GET List on ${mock.url}`).toBe(200);
      test.info().annotations.push({ type: 'mock ready', description: `${Math.round(mock.readyMs)} ms through npx` });
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
