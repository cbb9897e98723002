import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Every command's exit code for a mistake on its command line, the same as for a configuration error. */
export const USAGE_EXIT = 2;

/** A command-line mistake: the command prints `<command>: <message>` and its usage, never a stack, and exits 2. */
export class UsageError extends Error {}

/** `node:util` parseArgs, strict unless the config says otherwise; what it rejects becomes a UsageError. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ strict: true, ...config });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Prints a UsageError with the command's usage and gives the exit code. */
export function usageFailure(command: string, error: UsageError, usage: string): number {
  process.stderr.write(`${command}: ${error.message}\n${usage}\n`);
  return USAGE_EXIT;
}
