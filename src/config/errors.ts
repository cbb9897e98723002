import { EXIT_CODES } from '../reporting/exit-codes';

/** An error whose message is the whole story: printed without a stack trace, by Playwright too. */
export class OneMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
    this.stack = message;
  }
}

/** A configuration problem the user fixes by changing one variable: one message naming it and the fix, exit 2. */
export class ConfigError extends OneMessageError {
  constructor(
    readonly variable: string,
    problem: string,
    readonly fix: string,
  ) {
    super(`${variable}: ${problem}\nFix: ${fix}`);
  }
}

export const CONFIG_ERROR_EXIT = EXIT_CODES.configuration.code;

/** The one exit path of configuration errors: the message, exit code 2, nothing started. */
export function exitOnConfigError<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`\nConfiguration error: ${error.message}\n\n`);
    process.exit(CONFIG_ERROR_EXIT);
  }
}
