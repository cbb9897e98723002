/**
 * How the user types a command of this suite where the process runs: `npm run report -- --no-serve` in the
 * repository, `npx adt-conformance report --no-serve` from the installed package. Every message that names a command
 * as a fix goes through commandLine(), so an installed user is never told to run an npm script they do not have.
 */
import { COMPILED } from '../package-root';

/** The installed command (package.json `bin`). */
export const COMMAND = 'adt-conformance';

/** The npm scripts the installed command offers, and its name for each. */
export const SUBCOMMAND_OF_SCRIPT = {
  conformance: 'run',
  judge: 'judge',
  report: 'report',
  compare: 'compare',
  mock: 'mock',
} as const;

export type UserScript = keyof typeof SUBCOMMAND_OF_SCRIPT;

/** `commandLine('report', '--no-serve')`: `npm run report -- --no-serve`, or `npx adt-conformance report --no-serve`. */
export function commandLine(script: UserScript, args = '', installed = COMPILED): string {
  if (installed) return [`npx ${COMMAND}`, SUBCOMMAND_OF_SCRIPT[script], args].filter(Boolean).join(' ');
  return args === '' ? `npm run ${script}` : `npm run ${script} -- ${args}`;
}
