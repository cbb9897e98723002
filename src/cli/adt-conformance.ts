#!/usr/bin/env node
/**
 * `adt-conformance`: the installed command (package.json `bin`, compiled to dist/ by `npm run build`). Each
 * subcommand is one of the repository's npm scripts, run in this process with the arguments after it, so exit
 * codes and messages are theirs; outputs go under ./reports of the current folder (ADT_REPORTS_DIR), never
 * inside the package. Nothing but the subcommand's own module is loaded, so `mock` starts as fast as the mock.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codeFile, PACKAGE_ROOT } from '../package-root';
import { COMMAND, SUBCOMMAND_OF_SCRIPT, type UserScript } from '../../mock/contract';

interface Subcommand {
  /** The module it runs, as a TypeScript path of the repository (codeFile maps it into dist/). */
  readonly script: string;
  /** Arguments put before the user's, as the npm script does. */
  readonly prefix: readonly string[];
  readonly usage: string;
  readonly npmScript: UserScript;
}

export const SUBCOMMANDS: Readonly<Record<(typeof SUBCOMMAND_OF_SCRIPT)[UserScript], Subcommand>> = {
  run: {
    script: 'src/cli/conformance.ts',
    prefix: [],
    usage: 'run [playwright options]   the conformance run against AZURE_DIGITALTWINS_URL, or the bundled mock',
    npmScript: 'conformance',
  },
  judge: {
    script: 'src/cli/conformance.ts',
    prefix: ['--judge'],
    usage: 'judge FILE.har             the verdicts of a recording (HAR 1.2) of Delete Jobs traffic',
    npmScript: 'judge',
  },
  report: {
    script: 'src/cli/report.ts',
    prefix: [],
    usage: 'report [--no-serve ...]    rebuild (and serve) the HTML report of the last run',
    npmScript: 'report',
  },
  compare: {
    script: 'src/cli/compare.ts',
    prefix: ['--'],
    usage: 'compare TARGET TARGET ...  one run per target, one matrix side by side (compare --help)',
    npmScript: 'compare',
  },
  mock: {
    script: 'mock/main.ts',
    prefix: [],
    usage: 'mock [--port N ...]        the bundled stateful mock server (mock --help)',
    npmScript: 'mock',
  },
};

export const USAGE = [
  `Usage: ${COMMAND} <command> [options]`,
  '',
  'Commands:',
  ...Object.values(SUBCOMMANDS).map((command) => `  ${command.usage}`),
  '',
  'Options:',
  '  --version, -v              the suite version, the api-version and the number of requirements',
  '  --help, -h                 this text',
  '',
  'Configuration: environment variables, or a .env file in the current folder (docs/configuration.md).',
  'Reports: ./reports of the current folder (ADT_REPORTS_DIR).',
].join('\n');

class UsageError extends Error {}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** `adt-conformance 0.2.0 (Delete Jobs api-version 2023-10-31, 51 requirements)`. */
export function versionLine(): string {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded for --version only: `mock` must start fast */
  const { REQUIREMENTS } = require('../requirements') as typeof import('../requirements');
  const { DEFAULT_API_VERSION } = require('../config/variables') as typeof import('../config/variables');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return `${COMMAND} ${packageVersion()} (Delete Jobs api-version ${DEFAULT_API_VERSION}, ${REQUIREMENTS.length} requirements)`;
}

type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'command'; command: Subcommand; args: string[] };

/** The command's own options come before the subcommand; everything after it is the subcommand's. */
export function parseCommandLine(argv: readonly string[]): Parsed {
  const first = argv.findIndex((arg) => !arg.startsWith('-'));
  const own = first === -1 ? [...argv] : argv.slice(0, first);
  let values: { version?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: own,
      options: { version: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? own.join(' ');
    throw new UsageError(`${option} is not an option of ${COMMAND}: see ${COMMAND} --help.`);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const name = first === -1 ? undefined : argv[first];
  if (name === undefined)
    throw new UsageError(`${COMMAND} needs a command (run, judge, report, compare, mock): see ${COMMAND} --help.`);
  const command = (SUBCOMMANDS as Readonly<Record<string, Subcommand | undefined>>)[name];
  if (command === undefined || !Object.hasOwn(SUBCOMMANDS, name))
    throw new UsageError(
      `${name} is not a command of ${COMMAND}: use run, judge, report, compare or mock (see ${COMMAND} --help).`,
    );
  return { kind: 'command', command, args: [...command.prefix, ...argv.slice(first + 1)] };
}

function main(): void {
  let parsed: Parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${versionLine()}\n`);
    return;
  }
  // The subcommand's module reads process.argv as its npm script gives it, and runs when loaded.
  const script = codeFile(parsed.command.script);
  process.argv = [process.argv[0] ?? process.execPath, script, ...parsed.args];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one module the subcommand needs, loaded on demand
  require(script);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${COMMAND}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
