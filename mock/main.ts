import { MockConfigError } from './app';
import { READY_LINE_PREFIX } from './defaults';
import { parseCli, USAGE, UsageError } from './options';
import { UnknownQuirkError } from './quirks';
import { ScenarioError } from './scenarios';
import { startMockServer, type RunningMock } from './server';

/** Request log lines are batched per event-loop turn: one write per burst, not one per request. */
function bufferedStdout(): (line: string) => void {
  let pending = '';
  let stampedAt = 0;
  let stamp = '';
  const flush = (): void => {
    process.stdout.write(pending);
    pending = '';
  };
  return (line) => {
    const now = Date.now();
    if (now !== stampedAt) {
      stampedAt = now;
      stamp = new Date(now).toISOString();
    }
    if (pending === '') setImmediate(flush);
    pending += `${stamp} ${line}\n`;
  };
}

const KNOWN_ERRORS = [UsageError, MockConfigError, ScenarioError, UnknownQuirkError];

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const running: { mock?: RunningMock } = {};
  // Handlers go in before the ready line: a caller may signal the moment it reads that line.
  const stop = (): void => {
    if (!running.mock) process.exit(0);
    void running.mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const mock = await startMockServer({ ...options.server, ...(options.logRequests ? { log: bufferedStdout() } : {}) });
  running.mock = mock;
  process.stdout.write(`${READY_LINE_PREFIX}${mock.url}\n`);
}

main().catch((error: unknown) => {
  const known = KNOWN_ERRORS.some((kind) => error instanceof kind);
  const listenError = (error as { code?: string }).code;
  const message = known || listenError ? (error as Error).message : String((error as Error).stack ?? error);
  process.stderr.write(`ADT mock cannot start: ${message}\n`);
  process.exit(2);
});
