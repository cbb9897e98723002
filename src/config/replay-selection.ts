import type { SuiteConfig } from './index';

const SELECTION = /^(-g|--grep|--grep-invert|--max-failures|-x|--shard|--project|--only-changed|--last-failed)(=|$)/;

/** A replay runs the tests the recorded run ran, unless the user picks tests himself. */
export function replaySelectionArgs(config: Pick<SuiteConfig, 'replay'>, args: readonly string[]): string[] {
  if (!config.replay || args.some((arg) => SELECTION.test(arg))) return [...args];
  return [...config.replay.run.selection, ...args];
}
