import type { FullConfig } from '@playwright/test/reporter';
import { SELECTION_WITH_VALUE } from '../config';
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
      const withValue = SELECTION_WITH_VALUE.has(name) && !arg.includes('=') ? `${arg} ${args[(index += 1)] ?? ''}` : arg;
      if (!NOT_A_CHOICE.has(name)) chosen.push(withValue);
    }
  }
  if (files.length > 0) chosen.unshift(`file filter ${files.join(' ')}`);
  for (const project of config.projects) {
    if (!matchesAll(project.grep)) chosen.push(`grep ${[project.grep].flat().map(String).join(', ')} in the config`);
    if (project.grepInvert !== null) chosen.push(`grepInvert ${[project.grepInvert].flat().map(String).join(', ')} in the config`);
  }
  return [...new Set(chosen)];
}
