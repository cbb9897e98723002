import { MockConfigError } from './app';
import { readyLine } from './contract';
import { parseCli, USAGE, UsageError } from './options';
import { UnknownQuirkError } from './quirks';
import { ScenarioError } from './scenarios';
import { startMockServer, type RunningMock } from './server';

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

const KNOWN_ERRORS = [UsageError, MockConfigError, ScenarioError, UnknownQuirkError];

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const running: { mock?: RunningMock } = {};
  const requestLog = options.logRequests ? bufferedStdout() : undefined;
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
  const mock = await startMockServer({ ...options.server, ...(requestLog ? { log: requestLog.line } : {}) });
  running.mock = mock;
  process.stdout.write(`${readyLine(mock.url)}\n`);
}

main().catch((error: unknown) => {
  const known = KNOWN_ERRORS.some((kind) => error instanceof kind);
  const listenError = (error as { code?: string }).code;
  const message = known || listenError ? (error as Error).message : String((error as Error).stack ?? error);
  process.stderr.write(`ADT mock cannot start: ${message}\n`);
  process.exit(2);
});
