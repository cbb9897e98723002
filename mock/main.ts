import { MockConfigError } from './app';
import { readyLine } from './contract';
import { MOCK_ENV } from './defaults';
import { parseCli, USAGE, UsageError, type CliOptions } from './options';
import { UnknownQuirkError } from './quirks';
import { RecordingError } from './replay/har-format';
import { readRecording } from './replay/recording-file';
import { createReplayApp } from './replay/replay-app';
import { RECORDED_SCENARIO, scenarioFromRecording, writeScenarioFile } from './replay/scenario-from';
import { DEFAULT_SCENARIO_DIR, loadScenarios, ScenarioError } from './scenarios';
import { startMockServer, type ServerOptions, type RunningMock } from './server';

interface RequestLog {
  line: (text: string) => void;
  flush: () => void;
}

// Batched on a short timer, not per event-loop turn: at low concurrency each request had a turn (and a
// write) of its own, which cost the mock a tenth of its throughput. Flushed on exit so no line is lost.
const LOG_FLUSH_MS = 25;
const LOG_FLUSH_BYTES = 64 * 1024;

function bufferedStdout(): RequestLog {
  let pending = '';
  let stampedAt = 0;
  let stamp = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending !== '') process.stdout.write(pending);
    pending = '';
  };
  const line = (text: string): void => {
    const now = Date.now();
    if (now !== stampedAt) {
      stampedAt = now;
      stamp = new Date(now).toISOString();
    }
    pending += `${stamp} ${text}\n`;
    if (pending.length >= LOG_FLUSH_BYTES) flush();
    else timer ??= setTimeout(flush, LOG_FLUSH_MS).unref();
  };
  return { line, flush };
}

const KNOWN_ERRORS = [UsageError, MockConfigError, ScenarioError, UnknownQuirkError, RecordingError];

function note(line: string): void {
  process.stderr.write(`ADT mock: ${line}\n`);
}

/** One line for an error of listen(): a port in use names the port and the way out. */
function listenProblem(error: NodeJS.ErrnoException & { address?: string; port?: number }): string | undefined {
  if (error.code === 'EADDRINUSE') {
    return `port ${error.port ?? '?'} on ${error.address ?? 'this host'} is already in use (EADDRINUSE): stop what listens there, choose another with --port N (or ${MOCK_ENV.port}), or pass --port 0 to pick a free one`;
  }
  return undefined;
}

/** --replay serves the recording itself; --scenario-from seeds the stateful mock with its jobs (or writes them). */
function fromRecording(options: CliOptions, log: ((line: string) => void) | undefined): ServerOptions | 'written' {
  if (options.replay !== undefined) {
    return {
      ...options.server,
      app: createReplayApp(readRecording(options.replay), {
        ...(options.server.token === undefined ? {} : { token: options.server.token }),
        ...(log ? { log } : {}),
      }),
    };
  }
  if (options.scenarioFrom === undefined)
    return { ...options.server, scenarios: loadScenarios(options.server.scenarioDir, note) };
  const seeded = scenarioFromRecording(readRecording(options.scenarioFrom), options.scenarioFrom);
  for (const skipped of seeded.skipped)
    process.stderr.write(`ADT mock: a recorded job is left out (the mock cannot serve it): ${skipped}\n`);
  if (options.writeScenario !== undefined) {
    const file = writeScenarioFile(
      options.server.scenarioDir ?? DEFAULT_SCENARIO_DIR,
      options.writeScenario,
      seeded.file,
    );
    process.stdout.write(
      `Wrote ${seeded.file.jobs.length} job(s) to ${file}; serve them with --scenario ${options.writeScenario}\n`,
    );
    return 'written';
  }
  const scenarios = loadScenarios(options.server.scenarioDir, note);
  scenarios.set(RECORDED_SCENARIO, seeded.scenario);
  return { ...options.server, scenarios, scenario: options.server.scenario ?? RECORDED_SCENARIO };
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const running: { mock?: RunningMock } = {};
  const requestLog = options.logRequests ? bufferedStdout() : undefined;
  const serverOptions = fromRecording(options, requestLog?.line);
  if (serverOptions === 'written') return;
  // Handlers go in before the ready line: a caller may signal the moment it reads that line.
  const stop = (): void => {
    const exit = (): never => {
      requestLog?.flush();
      return process.exit(0);
    };
    if (!running.mock) exit();
    else void running.mock.close().then(exit);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const mock = await startMockServer({ ...serverOptions, ...(requestLog ? { log: requestLog.line } : {}) });
  running.mock = mock;
  process.stdout.write(`${readyLine(mock.url)}\n`);
}

main().catch((error: unknown) => {
  const known = KNOWN_ERRORS.some((kind) => error instanceof kind);
  const coded = (error as { code?: string }).code !== undefined;
  const message =
    listenProblem(error as NodeJS.ErrnoException) ??
    (known || coded ? (error as Error).message : String((error as Error).stack ?? error));
  process.stderr.write(`ADT mock cannot start: ${message}\n`);
  process.exit(2);
});
