import type { FullConfig } from '@playwright/test/reporter';
import { SELECTION_WITH_VALUE } from '../config';
import { COMPILED } from '../package-root';
import { selectionArgs } from './recording';

/** Options that stop a run early or split it rather than choose tests; a shard is recorded on its own. */
const NOT_A_CHOICE: ReadonlySet<string> = new Set(['--max-failures', '-x', '--shard']);

const matchesAll = (grep: RegExp | RegExp[]): boolean => [grep].flat().every((pattern) => pattern.source === '.*');

/**
 * What chose this run's tests, besides `--shard`: `--grep @DJ-404`, a file filter, `--project`, `--only-changed`,
 * `--last-failed`, a grep in the config. Playwright hands reporters only the suite it has already filtered (and
 * loads no file a file filter leaves out), so the choice is read from the runner's command line and config.
 * Empty: the run selected every test of the suite.
 */
export function selectedBy(config: Pick<FullConfig, 'argv' | 'projects'>): string[] {
  const args = selectionArgs(config.argv);
  const chosen: string[] = [];
  const files: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const name = arg.split('=')[0] ?? arg;
    if (!arg.startsWith('-')) files.push(arg);
    else {
      const withValue =
        SELECTION_WITH_VALUE.has(name) && !arg.includes('=') ? `${arg} ${args[(index += 1)] ?? ''}` : arg;
      if (!NOT_A_CHOICE.has(name)) chosen.push(withValue);
    }
  }
  if (files.length > 0) chosen.unshift(`file filter ${files.join(' ')}`);
  for (const project of config.projects) {
    if (project.name === RUN_LEVEL_PROJECT) continue;
    if (!matchesAll(project.grep)) chosen.push(`grep ${[project.grep].flat().map(String).join(', ')} in the config`);
    if (project.grepInvert !== null)
      chosen.push(`grepInvert ${[project.grepInvert].flat().map(String).join(', ')} in the config`);
  }
  return [...new Set(chosen)];
}

/** The project of the run-level requirements: the conformance project's teardown (playwright.config.ts). */
export const RUN_LEVEL_PROJECT = 'run-level';
const RUN_LEVEL_FILE = `tests/conformance/run-level.spec.${COMPILED ? 'js' : 'ts'}`;
const NOTHING = /$^/;

/** Playwright's reading of a --grep value (`/x/i` or a plain pattern). */
function grepPattern(value: string): RegExp {
  const literal = /^\/(.*)\/([gi]*)$/.exec(value);
  return literal ? new RegExp(literal[1] ?? '', (literal[2] ?? '').replace('g', '')) : new RegExp(value, 'i');
}

/**
 * Playwright runs a teardown project whatever --grep or a file filter chose: they select among the projects named
 * on the command line, not their teardowns. The run-level project applies the command line's choice itself, so
 * `--grep @DJ-404` or a file filter runs no run-level test it did not choose.
 */
export function runLevelSelection(argv: readonly string[]): { grep?: RegExp; grepInvert?: RegExp } {
  const args = selectionArgs(argv);
  // A sharded run judges the run level once, in its first shard (over that shard's reads), so a merge counts it once.
  const shard = argv.flatMap((arg, index) =>
    arg === '--shard' ? [argv[index + 1] ?? ''] : arg.startsWith('--shard=') ? [arg.slice('--shard='.length)] : [],
  )[0];
  if (shard !== undefined && !/^1\//.test(shard)) return { grep: NOTHING };
  const files = args.filter((arg, index) => !arg.startsWith('-') && !SELECTION_WITH_VALUE.has(args[index - 1] ?? ''));
  if (files.length > 0 && !files.some((filter) => new RegExp(filter.replace(/\\/g, '/')).test(RUN_LEVEL_FILE)))
    return { grep: NOTHING };
  const valueOf = (names: readonly string[]): string | undefined => {
    let found: string | undefined;
    args.forEach((arg, index) => {
      const [name, inline] = arg.split(/=(.*)/s);
      if (names.includes(name ?? '')) found = inline ?? args[index + 1];
    });
    return found;
  };
  const grep = valueOf(['--grep', '-g']);
  const grepInvert = valueOf(['--grep-invert']);
  return {
    ...(grep === undefined ? {} : { grep: grepPattern(grep) }),
    ...(grepInvert === undefined ? {} : { grepInvert: grepPattern(grepInvert) }),
  };
}
