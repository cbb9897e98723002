import { join, relative, resolve } from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestError,
  TestResult,
} from '@playwright/test/reporter';
import { handOver, loadConfig, resolveBaseUrl } from '../config';
import { JUNIT_XML, STOPPED_BEFORE_ANY_TEST } from './constants';
import { environmentInfo, suiteVersion } from './environment';
import { GENERATED_PROBES } from '../checks/equivalence';
import { addMatrixToJunit } from './junit-matrix';
import { KnownDeviationsError, knownDeviationsIn, type KnownDeviation } from './known-deviations';
import { matrixSummary, truncate, truncateMiddle, writeMatrix } from './matrix-output';
import { writeRunRecord, type RunRecord, type TestOutcome, type TestRecord } from './run-record';
import { appendUncheckedToJunit } from './junit-unchecked';
import { buildRecording, readParts, recordedRunSettings, writeRecording } from './recording';
import { selectedBy } from './selection';
import { computeMatrix, exitCodeOf, type Matrix } from './verdicts';

export interface MatrixReporterOptions {
  /** Where the matrix and the run record go; default ADT_REPORTS_DIR or reports/. */
  outputDir?: string;
  /** Print the summary table at the end (src/cli/conformance.ts prints it itself, after the HTML report). */
  printSummary?: boolean;
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control sequences by definition
const ANSI = /\u001b\[[0-9;]*m/g;
const clean = (text: string): string => text.replace(ANSI, '');

/** At least this much of the message's first line stays in a summary, however long what came back is. */
const HEAD_KEPT = 120;

/** The assertion's own message plus Expected/Received, on one line: what a matrix reader needs to see. */
export function errorSummary(message: string, max = 400): string {
  const lines = clean(message)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const head = (lines[0] ?? '').replace(/^Error: /, '');
  const values = lines.filter((l) => /^(Expected|Received)( [a-z ]+)?:/.test(l)).slice(0, 2);
  if (values.length === 0) return truncate(head, max);
  // What came back is the news; a long requirement statement gives way to it (the block prints the statement whole).
  const tail = truncateMiddle(` | ${values.join(' | ')}`, max - HEAD_KEPT);
  return `${truncate(head, max - tail.length)}${tail}`;
}

/**
 * globalSetup's one paragraph (`Preflight: the connection to … was refused (ECONNREFUSED). Meaning: … Fix: …`) in
 * a few words: its first sentence, without the paragraph's prefix. The paragraph itself is printed as it is.
 */
export function unusableTargetReason(message: string): string | undefined {
  const lines = clean(message).trim().split('\n');
  if (lines[0]?.replace(/^Error: /, '') !== STOPPED_BEFORE_ANY_TEST) return undefined;
  const sentence = (lines[1] ?? '').split(/\.(?:\s|$)/)[0] ?? '';
  const words = sentence
    .replace(/^Preflight: /, '')
    .replace(/, so no test ran$/, '')
    .trim();
  return truncate(words === '' ? 'see the message above' : words, 160);
}

function outcomeOf(result: TestResult | undefined): TestOutcome {
  switch (result?.status) {
    case 'passed':
      return 'passed';
    case 'failed':
    case 'timedOut':
      return 'failed';
    case 'skipped':
      return 'skipped';
    default:
      return 'interrupted';
  }
}

const failedStatus = (r: TestResult): boolean => r.status === 'failed' || r.status === 'timedOut';

function skipReasons(test: TestCase, result: TestResult | undefined): string[] {
  const annotations = [...test.annotations, ...(result?.annotations ?? [])];
  const reasons = annotations
    .filter((a) => a.type === 'skip' || a.type === 'fixme')
    .map((a) => a.description?.trim() || `${a.type} without a reason`);
  return [...new Set(reasons)];
}

export class MatrixReporter implements Reporter {
  private readonly outputDir: string;
  private readonly printSummary: boolean;
  private config: FullConfig | undefined;
  private suite: Suite | undefined;
  private readonly runErrors: string[] = [];
  private deviations: KnownDeviation[] = [];
  private unusableTarget: string | undefined;
  private readonly startedAt = new Date();

  constructor(options: MatrixReporterOptions = {}) {
    this.outputDir = resolve(options.outputDir ?? loadConfig().reports.dir);
    this.printSummary = options.printSummary ?? !handOver.matrixSummaryOff();
  }

  printsToStdio(): boolean {
    return this.printSummary;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.suite = suite;
    try {
      this.deviations = [...knownDeviationsIn(loadConfig().reports.knownDeviationsFile).values()];
    } catch (error) {
      if (!(error instanceof KnownDeviationsError)) throw error;
      this.runErrors.push(error.message);
      process.stderr.write(`\n${error.message}\n\n`);
    }
  }

  onError(error: TestError): void {
    const message = error.message ?? error.value ?? 'unknown error';
    this.unusableTarget ??= unusableTargetReason(message);
    this.runErrors.push(errorSummary(message));
  }

  private record(test: TestCase): TestRecord {
    const last = test.results.at(-1);
    const outcome = outcomeOf(last);
    const rootDir = this.config?.rootDir ?? process.cwd();
    const record: TestRecord = {
      id: test.id,
      title: test.titlePath().slice(3).join(' › '),
      location: `${relative(process.cwd(), test.location.file) || relative(rootDir, test.location.file)}:${test.location.line}`,
      tags: test.tags,
      outcome,
      failedAttempt: test.results.slice(0, -1).some(failedStatus),
      skipReasons: outcome === 'skipped' ? skipReasons(test, last) : [],
    };
    const error = [...test.results].reverse().find(failedStatus)?.errors[0];
    if (error) record.error = errorSummary(error.message ?? error.value ?? 'failed without a message');
    return record;
  }

  /** The run's exchanges (every process's part file) as one HAR with the verdicts; undefined when recording is off. */
  private writeRecording(matrix: Matrix): string | undefined {
    const config = loadConfig();
    const file = config.reports.recording.file;
    const outputDir = this.config?.projects[0]?.outputDir;
    if (file === undefined || outputDir === undefined) return undefined;
    let baseUrl: string | undefined;
    try {
      baseUrl = resolveBaseUrl(config);
    } catch {
      baseUrl = undefined;
    }
    writeRecording(
      file,
      buildRecording(readParts(outputDir), recordedRunSettings(config, baseUrl, process.argv), matrix, suiteVersion()),
    );
    return file;
  }

  /**
   * What the generated probes of this run were (the `generated-probes` attachments of its equivalence tests): how
   * many inputs were sent and the seed that reproduces them. Empty when none ran.
   */
  private generatedProbes(): Record<string, string> {
    let sent = 0;
    let seed: unknown;
    let budget: unknown;
    for (const test of this.suite?.allTests() ?? []) {
      for (const attachment of test.results.at(-1)?.attachments ?? []) {
        if (attachment.name !== GENERATED_PROBES || attachment.body === undefined) continue;
        const facts = JSON.parse(attachment.body.toString('utf8')) as {
          seed?: unknown;
          budget?: unknown;
          inputs?: unknown;
        };
        sent += Array.isArray(facts.inputs) ? facts.inputs.length : 0;
        seed = facts.seed;
        budget = facts.budget;
      }
    }
    if (sent === 0) return {};
    return {
      'Generated probes': `${sent} sent (budget ${String(budget)}), seed ${String(seed)}: ADT_PROBE_SEED=${String(seed)} sends them again`,
    };
  }

  onEnd(result: FullResult): Promise<{ status: FullResult['status'] }> {
    const tests = (this.suite?.allTests() ?? []).map((t) => this.record(t));
    const runErrors = [...this.runErrors];
    if (
      result.status === 'failed' &&
      runErrors.length === 0 &&
      !tests.some((t) => t.outcome === 'failed' || t.failedAttempt)
    ) {
      runErrors.push('Playwright reported the run as failed without a failing test; see the output above');
    }
    const runRecord: RunRecord = {
      kind: 'adt-conformance-run',
      version: 1,
      shard: this.config?.shard ?? null,
      startedAt: this.startedAt.toISOString(),
      playwrightStatus: result.status,
      runErrors,
      deviationsFile: loadConfig().reports.knownDeviationsFile ?? null,
      deviations: this.deviations,
      environment: { ...environmentInfo(loadConfig()), ...this.generatedProbes() },
      tests,
      selectedBy: this.config ? selectedBy(this.config) : [],
      ...(this.unusableTarget === undefined ? {} : { unusableTarget: this.unusableTarget }),
    };
    writeRunRecord(this.outputDir, runRecord);
    // playwright.config.ts rejected an invalid value before the run started.
    const matrix = computeMatrix([runRecord], { acceptIncomplete: loadConfig().reports.acceptIncomplete });
    writeMatrix(this.outputDir, matrix);
    // Playwright's JUnit reporter, configured before this one, has written its file by now.
    appendUncheckedToJunit(join(this.outputDir, JUNIT_XML), matrix);
    addMatrixToJunit(join(this.outputDir, JUNIT_XML), matrix);
    const recording = this.writeRecording(matrix);
    const shown = relative(process.cwd(), this.outputDir) || '.';
    if (this.printSummary)
      process.stdout.write(matrixSummary(matrix, shown, recording === undefined ? [] : [recordingLine(recording)]));
    // Interrupted and timed-out runs keep Playwright's status: their verdicts are incomplete.
    // Playwright can only exit 0 or 1: an INCOMPLETE run exits 1 here, and 3 through `npm run conformance`.
    const keepsOwnStatus = result.status === 'interrupted' || result.status === 'timedout';
    return Promise.resolve({ status: keepsOwnStatus ? result.status : exitCodeOf(matrix) === 0 ? 'passed' : 'failed' });
  }
}

/** The console line that names the recording; conformance.ts prints the same. */
export function recordingLine(file: string): string {
  return `Recording of every HTTP exchange (HAR, scrubbed): ${relative(process.cwd(), file) || file}`;
}

export default MatrixReporter;
