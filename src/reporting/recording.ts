import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ADT_RECORDING_KIND,
  ADT_RECORDING_VERSION,
  HAR_VERSION,
  HOST_PLACEHOLDER,
  replayKeyOf,
  type HarEntry,
  type HarFile,
  type RecordedVerdict,
} from '../../mock/replay/har-format';
import { SELECTION_FLAGS, SELECTION_WITH_VALUE, type SuiteConfig } from '../config';
import { readDiscovery } from '../suite/discovery';
import { EXCHANGE_PARTS_DIR, type RecordedLine } from '../suite/recording/recorder';
import { CATALOGUE_SIZE } from './environment';
import { runVerdictText } from './matrix-output';
import type { Matrix } from './verdicts';

/**
 * Assembles the run's recording at its end (matrix reporter, onEnd): every process's part file, in the order
 * requests started, numbered per replay key, with the run's settings and verdicts, as one HAR 1.2 file.
 */

const keyOf = (entry: HarEntry): string =>
  replayKeyOf(entry.request.method, entry._adt.pathAsSent, entry._adt.credential, entry.request.headers);

/** A reused response adds its test to the entry that was sent; every other line is an entry of its own. */
export function entriesOfPart(lines: readonly RecordedLine[]): HarEntry[] {
  const entries: HarEntry[] = [];
  const lastSent = new Map<string, HarEntry>();
  for (const { reused, entry } of lines) {
    const key = keyOf(entry);
    const original = reused ? lastSent.get(key) : undefined;
    if (original) {
      for (const test of entry._adt.tests) if (!original._adt.tests.includes(test)) original._adt.tests.push(test);
      for (const id of entry._adt.requirementIds)
        if (!original._adt.requirementIds.includes(id)) original._adt.requirementIds.push(id);
      continue;
    }
    entries.push(entry);
    lastSent.set(key, entry);
  }
  return entries;
}

/** Setup first, then by start time; identical requests numbered 0, 1, 2… in that order. */
export function sequenced(entries: readonly HarEntry[]): HarEntry[] {
  const ordered = [...entries].sort(
    (a, b) =>
      Number(a._adt.phase === 'test') - Number(b._adt.phase === 'test') ||
      a.startedDateTime.localeCompare(b.startedDateTime),
  );
  const counts = new Map<string, number>();
  return ordered.map((entry) => {
    const key = keyOf(entry);
    const sequence = counts.get(key) ?? 0;
    counts.set(key, sequence + 1);
    return { ...entry, _adt: { ...entry._adt, sequence } };
  });
}

export function readParts(outputDir: string): HarEntry[] {
  const dir = join(outputDir, EXCHANGE_PARTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ndjson'))
    .sort()
    .flatMap((name) => {
      const lines = readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as RecordedLine);
      return entriesOfPart(lines);
    });
}

const OTHER_WITH_VALUE = new Set([
  '--reporter',
  '--output',
  '--workers',
  '-j',
  '--config',
  '-c',
  '--timeout',
  '--retries',
  '--repeat-each',
  '--trace',
  '--global-timeout',
  '--tsconfig',
]);

/** The options of `playwright test` that decide which tests run (grep, max failures, shard, file filters). */
export function selectionArgs(argv: readonly string[]): string[] {
  const start = argv.indexOf('test');
  const args = start === -1 ? [] : argv.slice(start + 1);
  const kept: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const name = arg.startsWith('-') ? (arg.split('=')[0] ?? arg) : undefined;
    if (name === undefined) kept.push(arg);
    else if (SELECTION_FLAGS.has(name)) kept.push(arg);
    else if (SELECTION_WITH_VALUE.has(name)) {
      kept.push(arg);
      if (!arg.includes('=') && index + 1 < args.length) kept.push(args[(index += 1)] ?? '');
    } else if (OTHER_WITH_VALUE.has(name) && !arg.includes('=')) index += 1;
  }
  return kept;
}

/** `_adt.run`: what decides which tests run and how (see src/config/replay.ts, which reads it back). */
export function recordedRunSettings(
  config: SuiteConfig,
  baseUrl: string | undefined,
  argv: readonly string[],
): Record<string, string> {
  const recorded = config.replay?.run;
  const prefix =
    recorded?.pathPrefix ??
    (config.target.kind === 'url' ? new URL(config.target.baseUrl).pathname.replace(/\/+$/, '') : '');
  return {
    target: recorded?.target ?? config.target.kind,
    pathPrefix: prefix,
    apiVersion: config.apiVersion,
    auth: recorded?.auth ?? config.auth.kind,
    deleteJobId: config.deleteJobId ?? '',
    allowCreateDeleteJob: config.safety.allowCreateDeleteJob ? '1' : '0',
    latencySamples: String(config.latency.samples),
    latencyBudgetMs: String(config.latency.budgetMs),
    probeSeed: String(readDiscovery()?.probeSeed ?? config.probes.seed ?? ''),
    probeBudget: String(config.probes.budget),
    maxRps: config.traffic.maxRps === undefined ? '' : String(config.traffic.maxRps),
    workers: config.traffic.workers === undefined ? '' : String(config.traffic.workers),
    selection: JSON.stringify(selectionArgs(argv)),
    host: config.reports.recording.keepHost ? 'kept' : 'placeholder',
    ...(baseUrl === undefined
      ? {}
      : {
          recordedOrigin: config.reports.recording.keepHost
            ? new URL(baseUrl).origin
            : `${new URL(baseUrl).protocol}//${HOST_PLACEHOLDER}`,
        }),
  };
}

export function verdictsOf(matrix: Matrix): RecordedVerdict[] {
  return matrix.requirements.map((row) => ({ id: row.id, verdict: row.verdict, reason: row.reason }));
}

/** The api-version and the catalogue's size, from the run's environment (a matrix read from disk may have none). */
function creatorComment(matrix: Matrix): string {
  const environment = (matrix.environment as Readonly<Record<string, string>> | undefined) ?? {};
  return `api-version ${environment['api-version'] ?? 'unknown'}, ${environment[CATALOGUE_SIZE] ?? 'unknown'} requirements`;
}

export function buildRecording(
  entries: readonly HarEntry[],
  run: Record<string, string>,
  matrix: Matrix,
  suiteVersion: string,
): HarFile {
  return {
    log: {
      version: HAR_VERSION,
      creator: {
        name: 'adt-conformance',
        version: suiteVersion,
        comment: creatorComment(matrix),
      },
      entries: sequenced(entries),
      _adt: {
        kind: ADT_RECORDING_KIND,
        version: ADT_RECORDING_VERSION,
        run,
        status: matrix.status,
        verdict: runVerdictText(matrix),
        verdicts: verdictsOf(matrix),
      },
    },
  };
}

/** Written beside and renamed, so a reader never sees half a file. */
export function writeRecording(file: string, recording: HarFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(recording, null, 1)}\n`);
  renameSync(partial, file);
}
