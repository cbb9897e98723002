import type { SuiteConfig } from './index';

/** Options of `playwright test` that decide which tests run: those that take a value, and flags. */
export const SELECTION_WITH_VALUE: ReadonlySet<string> = new Set([
  '--grep',
  '-g',
  '--grep-invert',
  '--max-failures',
  '--shard',
  '--project',
  '--test-list',
  '--test-list-invert',
]);
export const SELECTION_FLAGS: ReadonlySet<string> = new Set(['-x', '--only-changed', '--last-failed']);

/** `--grep`, `--grep=@DJ-404`, `-x`…: an argument that picks tests, with or without its `=value`. */
export function isSelectionOption(arg: string): boolean {
  const name = arg.split('=')[0] ?? arg;
  return SELECTION_WITH_VALUE.has(name) || SELECTION_FLAGS.has(name);
}

/** A replay runs the tests the recorded run ran, unless the user picks tests himself. */
export function replaySelectionArgs(config: Pick<SuiteConfig, 'replay'>, args: readonly string[]): string[] {
  if (!config.replay || args.some(isSelectionOption)) return [...args];
  return [...config.replay.run.selection, ...args];
}
