import { MockConfigError } from './app';
import { READY_LINE_PREFIX } from './defaults';
import { parseCli, USAGE, UsageError } from './options';
import { UnknownQuirkError } from './quirks';
import { ScenarioError } from './scenarios';
import { startMockServer } from './server';

/** Request log lines are batched per event-loop turn: one write per burst, not one per request. */
function bufferedStdout(): (line: string) => void {
  let pending: string[] = [];
  const flush = (): void => {
    process.stdout.write(`${pending.join('\n')}\n`);
    pending = [];
  };
  return (line) => {
    if (pending.push(`${new Date().toISOString()} ${line}`) === 1) setImmediate(flush);
  };
}

const KNOWN_ERRORS = [UsageError, MockConfigError, ScenarioError, UnknownQuirkError];

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const mock = await startMockServer({ ...options.server, ...(options.logRequests ? { log: bufferedStdout() } : {}) });
  process.stdout.write(`${READY_LINE_PREFIX}${mock.url}\n`);
  const stop = (): void => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const known = KNOWN_ERRORS.some((kind) => error instanceof kind);
  const listenError = (error as { code?: string }).code;
  const message = known || listenError ? (error as Error).message : String((error as Error).stack ?? error);
  process.stderr.write(`ADT mock cannot start: ${message}\n`);
  process.exit(2);
});
