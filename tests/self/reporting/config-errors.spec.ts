import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, isolatedEnv, runTs, SUITE_CONFIG, test } from './harness';

/** The last good run's reports, as a folder of files with known content. */
function lastGoodReports(reportsDir: string): Record<string, string> {
  const files: Record<string, string> = {
    'allure-report/index.html': '<html>last good report</html>',
    'allure-report.html': '<html>last good single file</html>',
    'allure-results/1-result.json': '{"status":"passed"}',
    'matrix-parts/run.json': '{"kind":"adt-conformance-run"}',
    'conformance-matrix.json': '{"status":"passed"}',
    'conformance-matrix.md': '**Run verdict: PASSED**',
    'junit.xml': '<testsuites/>',
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(reportsDir, name, '..'), { recursive: true });
    writeFileSync(join(reportsDir, name), content);
  }
  return files;
}

function filesUnder(dir: string): Record<string, string> {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  return Object.fromEntries(names.map((path) => [path.slice(dir.length + 1), readFileSync(path, 'utf8')]));
}

const cases: { name: string; env: Record<string, string>; variable: string; fix: RegExp }[] = [
  {
    name: 'an api-version typo',
    env: { ADT_API_VERSION: 'latest' },
    variable: 'ADT_API_VERSION',
    fix: /Fix: unset it/,
  },
  {
    name: 'a URL carrying the Delete Jobs route',
    env: { AZURE_DIGITALTWINS_URL: 'https://x.api.weu.digitaltwins.azure.net/jobs/deletions' },
    variable: 'AZURE_DIGITALTWINS_URL',
    fix: /Fix: the base URL is the host: set AZURE_DIGITALTWINS_URL=https:\/\/x\.api\.weu\.digitaltwins\.azure\.net\./,
  },
  { name: 'a traffic setting that is not a number', env: { ADT_WORKERS: 'many' }, variable: 'ADT_WORKERS', fix: /./ },
];

for (const { name, env, variable, fix } of cases) {
  test(`${name}: npm run conformance exits 2 with one message naming ${variable} and touches no report`, async ({
    workDir,
  }) => {
    const reportsDir = join(workDir, 'reports');
    const before = lastGoodReports(reportsDir);
    const run = await runTs(
      'src/cli/conformance.ts',
      ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results')],
      isolatedEnv({ ADT_REPORTS_DIR: reportsDir, ...env }),
    );

    expect(run.code, `exit code of a configuration error\n${run.console}`).toBe(2);
    expect(run.console.match(/Configuration error:/g), `exactly one message\n${run.console}`).toHaveLength(1);
    expect(run.console, 'the message names the variable').toContain(`Configuration error: ${variable}`);
    expect(run.console, 'the message names the fix').toMatch(fix);
    expect(run.console, 'no stack trace').not.toMatch(/^\s+at /m);
    expect(run.console, 'nothing started: no test, no credential, no request').not.toMatch(
      /Running|Conformance run against|credential|ENOTFOUND|getaddrinfo/i,
    );
    expect(filesUnder(reportsDir), "the last run's reports are untouched").toEqual(before);
  });
}
