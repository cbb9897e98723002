import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Allure appends an entry to the history file on every `allure generate`, so rebuilding a run's report (npm run
 * report) would add the same run again. A run is recognised by what Allure itself records of it: the ids of its
 * test results, which @allurereport/core derives from each result file's uuid (md5 of it), in the history and in the
 * report's file names. A build reads the history without the entry of its own run, so a rebuild shows what the first
 * build showed, and the file keeps one entry per run.
 */

interface HistoryLine {
  testResults?: Record<string, { id?: string }>;
}

function resultIdsOf(resultsDirs: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const dir of resultsDirs) {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('-result.json')) continue;
      const { uuid } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { uuid?: string };
      if (uuid !== undefined) ids.add(createHash('md5').update(uuid).digest('hex'));
    }
  }
  return ids;
}

function idsOfEntry(line: string): string[] {
  try {
    return Object.values((JSON.parse(line) as HistoryLine).testResults ?? {}).flatMap((result) =>
      result.id === undefined ? [] : [result.id],
    );
  } catch {
    return [];
  }
}

const sameIds = (a: string, b: string): boolean => idsOfEntry(a).sort().join() === idsOfEntry(b).sort().join();
const linesOf = (file: string): string[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
    : [];

export interface HistoryBuild {
  /** The history Allure reads and appends to in this build: the target's history without this run's entry. */
  readonly file: string;
  /** After a successful build: keeps the target's history as it is when it already holds this run, else takes the build's. */
  commit(): void;
}

export function historyBuild(historyFile: string, resultsDirs: readonly string[], scratchDir: string): HistoryBuild {
  const ids = resultIdsOf(resultsDirs);
  const lines = linesOf(historyFile);
  const ofThisRun = (line: string): boolean => idsOfEntry(line).some((id) => ids.has(id));
  const previous = lines.filter(ofThisRun);
  const file = join(scratchDir, 'allure-history.jsonl');
  mkdirSync(scratchDir, { recursive: true });
  writeFileSync(
    file,
    lines
      .filter((line) => !ofThisRun(line))
      .map((line) => `${line}\n`)
      .join(''),
  );
  return {
    file,
    commit: () => {
      const added = linesOf(file).at(-1);
      // A rebuild of the same results: the run is in the history already.
      if (added !== undefined && previous.some((line) => sameIds(line, added))) return;
      mkdirSync(dirname(historyFile), { recursive: true });
      renameSync(file, historyFile);
    },
  };
}

/** Whether the report folder was built from these results (Allure names each result's page data/test-results/<id>.json). */
export function reportShowsResults(reportDir: string, resultsDirs: readonly string[]): boolean {
  if (!existsSync(join(reportDir, 'index.html'))) return false;
  return [...resultIdsOf(resultsDirs.filter((dir) => existsSync(dir)))].every((id) =>
    existsSync(join(reportDir, 'data', 'test-results', `${id}.json`)),
  );
}
