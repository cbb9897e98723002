import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_DEVIATION_LABEL } from './constants';

const REPO_ROOT = join(__dirname, '..', '..');
const ALLURE_CLI = join(REPO_ROOT, 'node_modules', 'allure', 'cli.js');
const ALLURE_CONFIG = join(REPO_ROOT, 'allurerc.ts');

interface AllureResult {
  status?: string;
  labels?: { name: string; value: string }[];
  statusDetails?: { known?: boolean };
}

/**
 * Sets Allure's own "known" flag on failed results of requirements listed as known deviations, so the report shows
 * them as accepted (Resolution filter) besides the "Known deviations" category. The status stays failed: nothing
 * is turned green. Idempotent, so merged shard folders can be processed again.
 */
export function markKnownDeviations(resultsDir: string): number {
  let marked = 0;
  for (const name of readdirSync(resultsDir)) {
    if (!name.endsWith('-result.json')) continue;
    const file = join(resultsDir, name);
    const result = JSON.parse(readFileSync(file, 'utf8')) as AllureResult;
    const failed = result.status === 'failed' || result.status === 'broken';
    const listed = result.labels?.some((l) => l.name === KNOWN_DEVIATION_LABEL) ?? false;
    if (!failed || !listed || result.statusDetails?.known === true) continue;
    result.statusDetails = { ...result.statusDetails, known: true };
    writeFileSync(file, JSON.stringify(result));
    marked += 1;
  }
  return marked;
}

export interface GenerateResult {
  ok: boolean;
  output: string;
}

/** Builds the Allure 3 HTML report (no Java) from one or more allure-results folders, with allurerc.ts. */
export function generateAllureReport(resultsDirs: string[], outputDir: string, env: NodeJS.ProcessEnv = process.env): GenerateResult {
  const existing = resultsDirs.filter((dir) => existsSync(dir));
  if (existing.length === 0) return { ok: false, output: `no Allure results found in ${resultsDirs.join(', ')}` };
  for (const dir of existing) markKnownDeviations(dir);
  const run = spawnSync(process.execPath, [ALLURE_CLI, 'generate', '--config', ALLURE_CONFIG, '--output', outputDir, ...existing], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
  });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}
