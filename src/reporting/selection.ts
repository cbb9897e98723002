import type { FullConfig } from '@playwright/test/reporter';
import { SELECTION_WITH_VALUE } from '../config';
import { COMPILED } from '../package-root';
import { selectionArgs } from './recording';

/** Options that stop a run early or split it rather than choose tests; a shard is recorded on its own. */
const NOT_A_CHOICE: ReadonlySet<string> = new Set(['--max-failures', '-x', '--shard']);

const matchesAll = (grep: RegExp | RegExp[]): boolean => [grep].flat().every((pattern) => pattern.source === '.*');

interface SelectionOption {
  readonly name: string;
  readonly value: string | undefined;
  /** As typed: `--grep @DJ-404`, `--grep=@DJ-404`, `--last-failed`. */
  readonly text: string;
}

/** The runner's command line, its test-selecting part: file filters, and options with their values. */
function parsedSelection(argv: readonly string[]): { files: string[]; options: SelectionOption[] } {
  const args = selectionArgs(argv);
  const files: string[] = [];
  const options: SelectionOption[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const [name = arg, inline] = arg.split(/=(.*)/s);
    if (inline !== undefined || !SELECTION_WITH_VALUE.has(name)) options.push({ name, value: inline, text: arg });
    else {
      const value = args[(index += 1)];
      options.push({ name, value, text: `${arg} ${value ?? ''}` });
    }
  }
  return { files, options };
}

/**
 * What chose this run's tests, besides `--shard`: `--grep @DJ-404`, a file filter, `--project`, `--only-changed`,
 * `--last-failed`, a grep in the config. Playwright hands reporters only the suite it has already filtered (and
 * loads no file a file filter leaves out), so the choice is read from the runner's command line and config.
 * Empty: the run selected every test of the suite.
 */
export function selectedBy(config: Pick<FullConfig, 'argv' | 'projects'>): string[] {
  const { files, options } = parsedSelection(config.argv);
  const chosen = options.filter(({ name }) => !NOT_A_CHOICE.has(name)).map(({ text }) => text);
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
  const { files, options } = parsedSelection(argv);
  const valueOf = (names: readonly string[]): string | undefined =>
    options.filter(({ name }) => names.includes(name)).at(-1)?.value;
  // A sharded run judges the run level once, in its first shard (over that shard's reads), so a merge counts it once.
  const shard = valueOf(['--shard']);
  if (shard !== undefined && !/^1\//.test(shard)) return { grep: NOTHING };
  if (files.length > 0 && !files.some((filter) => new RegExp(filter.replace(/\\/g, '/')).test(RUN_LEVEL_FILE)))
    return { grep: NOTHING };
  const grep = valueOf(['--grep', '-g']);
  const grepInvert = valueOf(['--grep-invert']);
  return {
    ...(grep === undefined ? {} : { grep: grepPattern(grep) }),
    ...(grepInvert === undefined ? {} : { grepInvert: grepPattern(grepInvert) }),
  };
}
