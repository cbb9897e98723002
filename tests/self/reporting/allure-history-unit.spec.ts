import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyBuild } from '../../../src/reporting/allure-history';
import { expect, test } from './harness';

/**
 * The history rule behind `npm run report` (report-serve.spec.ts runs it for real): Allure reads the history
 * without the build's own run, and the target's file gets one entry per run. Allure's appending is played here by
 * writing the line Allure would write: an entry listing the ids of the build's results (md5 of their uuids).
 */

const idOf = (uuid: string): string => createHash('md5').update(uuid).digest('hex');
const entry = (name: string, uuids: string[]): string =>
  JSON.stringify({
    uuid: name,
    testResults: Object.fromEntries(uuids.map((uuid) => [`h-${uuid}`, { id: idOf(uuid) }])),
  });

function resultsDir(dir: string, uuids: string[]): string {
  mkdirSync(dir, { recursive: true });
  for (const uuid of uuids) writeFileSync(join(dir, `${uuid}-result.json`), JSON.stringify({ uuid, status: 'passed' }));
  return dir;
}

function build(workDir: string, history: string, uuids: string[], name: string): string[] {
  const results = resultsDir(join(workDir, name), uuids);
  const run = historyBuild(history, [results], join(workDir, `${name}.build`));
  const read = readFileSync(run.file, 'utf8');
  appendFileSync(run.file, `${entry(name, uuids)}\n`);
  run.commit();
  return read
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { uuid: string }).uuid);
}

const entries = (history: string): string[] =>
  existsSync(history)
    ? readFileSync(history, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { uuid: string }).uuid)
    : [];

test('a new run is added; rebuilding it reads the history without it and leaves the file byte for byte', ({
  workDir,
}) => {
  const history = join(workDir, 'history', 'target', 'allure-history.jsonl');
  expect(build(workDir, history, ['a1', 'a2'], 'run-a'), 'the first run reads an empty history').toEqual([]);
  expect(build(workDir, history, ['b1', 'b2'], 'run-b'), 'the second run reads the first').toEqual(['run-a']);
  expect(entries(history), 'one entry per run').toEqual(['run-a', 'run-b']);
  const before = readFileSync(history, 'utf8');

  expect(
    build(workDir, history, ['b1', 'b2'], 'run-b-rebuilt'),
    'a rebuild of run b reads the history without run b',
  ).toEqual(['run-a']);
  expect(readFileSync(history, 'utf8'), 'the rebuild leaves the history as it was').toBe(before);
});

test('a merge of shards replaces the entry of a shard built in the same history with the merged run', ({ workDir }) => {
  const history = join(workDir, 'history', 'target', 'allure-history.jsonl');
  build(workDir, history, ['old1'], 'earlier-run');
  build(workDir, history, ['s1', 's2'], 'shard-1');
  expect(
    build(workDir, history, ['s1', 's2', 's3', 's4'], 'merged'),
    'the merge reads the history without its shard',
  ).toEqual(['earlier-run']);
  expect(entries(history), 'the merged run stands for the shard').toEqual(['earlier-run', 'merged']);
});
