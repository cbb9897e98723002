import type { FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { loadConfig } from '../config';
import { environmentInfo } from './environment';
import { pacingLine } from './pacing';

const MARK: Record<TestResult['status'], string> = {
  passed: '✓',
  failed: '✘',
  timedOut: '✘',
  skipped: '-',
  interrupted: '!',
};

const duration = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${ms}ms`);

/**
 * The console of a conformance run, for a person: first what is tested and how it authenticates, then one line
 * per test. Failures are not dumped here: the matrix summary that follows gives one block per failed requirement,
 * and stacks and HTTP evidence stay in the Allure report. `--reporter list` still gives Playwright's raw output.
 */
export class ConsoleReporter implements Reporter {
  private done = 0;
  private total = 0;
  private readonly counts = { passed: 0, failed: 0, skipped: 0, interrupted: 0 };
  private readonly seenErrors = new Set<string>();

  constructor() {
    // Before the mock starts and the preflight runs, so even a run that stops there says what it was aimed at.
    const config = loadConfig();
    const env = environmentInfo(config);
    process.stdout.write(
      `\nConformance run against ${env.Target} (auth: ${env['Auth mode']}, api-version ${env['api-version']})\n`,
    );
    if (config.auth.kind === 'token' && config.auth.implied) {
      process.stdout.write(
        'Auth: the token in ADT_ACCESS_TOKEN, because ADT_AUTH is unset (set ADT_AUTH=azure to use your Azure sign-in instead).\n',
      );
    }
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: { workers: number }, suite: Suite): void {
    const tests = suite.allTests();
    this.total = tests.length;
    // No test loaded: globalSetup stopped the run, and its message says why.
    if (this.total === 0) return;
    process.stdout.write(`${this.total} test(s), ${config.workers} worker(s)\n`);
    const pacing = pacingLine(loadConfig(), tests);
    process.stdout.write(pacing === undefined ? '\n' : `${pacing}\n\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.done += 1;
    const kind = result.status === 'timedOut' ? 'failed' : result.status;
    this.counts[kind] += 1;
    const width = String(this.total).length;
    const time = result.status === 'skipped' ? '' : ` (${duration(result.duration)})`;
    process.stdout.write(
      `  ${MARK[result.status]} ${String(this.done).padStart(width)} ${test.titlePath().slice(3).join(' › ')}${time}\n`,
    );
  }

  onStdErr(chunk: string | Buffer): void {
    process.stderr.write(chunk);
  }

  /** Errors outside any test (global setup, a crashed worker): each distinct message once, without a stack. */
  onError(error: TestError): void {
    const message = (error.message ?? error.value ?? 'unknown error').trim();
    if (this.seenErrors.has(message)) return;
    this.seenErrors.add(message);
    process.stderr.write(`\n${message}\n`);
  }

  /** One count per line, as Playwright's own reporters print them (the bench reads "N passed" from the log). */
  onEnd(result: FullResult): void {
    // A run stopped before any test: the one message above is all there is to say.
    if (this.done === 0 && this.seenErrors.size > 0) return;
    const lines = Object.entries(this.counts)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `  ${n} ${kind}`);
    if (lines.length === 0) lines.push('  no test ran');
    process.stdout.write(`\n${lines.join('\n')} (${duration(Math.round(result.duration))})\n`);
  }
}

export default ConsoleReporter;
