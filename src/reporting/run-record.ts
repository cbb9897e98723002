import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnownDeviation } from './known-deviations';

/** What a requirement verdict needs to know about one test; plain data so shards can be merged later. */
export type TestOutcome = 'passed' | 'failed' | 'skipped' | 'interrupted';

export interface TestRecord {
  /** Playwright's stable test id (file + title + project), used to de-duplicate across shards. */
  id: string;
  title: string;
  location: string;
  tags: string[];
  outcome: TestOutcome;
  /** True when an earlier attempt failed: retries never turn a failure into a pass here. */
  failedAttempt: boolean;
  skipReasons: string[];
  error?: string;
}

/** One Playwright run (one shard, or the whole suite), as written by the matrix reporter. */
export interface RunRecord {
  kind: 'adt-conformance-run';
  version: 1;
  shard: { current: number; total: number } | null;
  startedAt: string;
  /** Playwright's own status before the matrix reporter overrides it. */
  playwrightStatus: string;
  /** Errors outside any test: global setup, worker crashes, configuration. */
  runErrors: string[];
  deviationsFile: string | null;
  deviations: KnownDeviation[];
  environment: Record<string, string>;
  tests: TestRecord[];
  /** What chose the tests besides the shard (`--grep @DJ-404`, a file…); empty or absent: every test (selection.ts). */
  selectedBy?: string[];
  /** Set when the run stopped before any test (target unreachable, no credential): the reason in a few words. */
  unusableTarget?: string;
}

export const RUN_PARTS_DIR = 'matrix-parts';

export function runRecordFileName(shard: RunRecord['shard']): string {
  return shard ? `run-shard-${shard.current}-of-${shard.total}.json` : 'run.json';
}

export function writeRunRecord(reportsDir: string, record: RunRecord): string {
  const dir = join(reportsDir, RUN_PARTS_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, runRecordFileName(record.shard));
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
