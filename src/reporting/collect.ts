import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALLURE_RESULTS_DIR } from './constants';
import { RUN_PARTS_DIR, type RunRecord } from './run-record';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'allure-report']);

function walkDirectories(roots: string[], visit: (dir: string, name: string) => void): void {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      visit(path, entry.name);
      walk(path);
    }
  };
  for (const root of roots) {
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) continue;
    visit(root, root.split(/[\\/]/).at(-1) ?? root);
    walk(root);
  }
}

function isRunRecord(value: unknown): value is RunRecord {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'adt-conformance-run';
}

/** Every run record under the given folders; collected shard artifacts may keep their own sub-folders. */
export function findRunRecords(roots: string[]): { file: string; record: RunRecord }[] {
  const found: { file: string; record: RunRecord }[] = [];
  walkDirectories(roots, (dir, name) => {
    if (name === RUN_PARTS_DIR) found.push(...recordsIn(dir));
  });
  return found;
}

function recordsIn(partsDir: string): { file: string; record: RunRecord }[] {
  return readdirSync(partsDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const record: unknown = JSON.parse(readFileSync(join(partsDir, file), 'utf8'));
      return isRunRecord(record) ? [{ file: join(partsDir, file), record }] : [];
    });
}

/** The run records of the last run in one reports folder: its own matrix-parts, never those of sub-folders. */
export function lastRunRecords(reportsDir: string): { file: string; record: RunRecord }[] {
  const dir = join(reportsDir, RUN_PARTS_DIR);
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? recordsIn(dir) : [];
}

/** Every allure-results folder under the given folders. */
export function findAllureResults(roots: string[]): string[] {
  const found: string[] = [];
  walkDirectories(roots, (dir, name) => {
    if (name === ALLURE_RESULTS_DIR) found.push(dir);
  });
  return found;
}
