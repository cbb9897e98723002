/**
 * What a failed test carries, from `npm run conformance` against a URL target (the mock without x-ms-error-code on
 * its 404): the requirement then what came back, the HTTP evidence without the bundled mock's token note, and no
 * Playwright "error-context" prompt.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockServer } from '../../../../mock/server';
import type { Matrix } from '../../../../src/reporting/verdicts';
import { runNpmConformance } from './conformance-run';

const TOKEN = 'evidence-self-test-token';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name));
}

test('a failed test on a URL target: requirement then what came back, evidence without the mock note, no error-context', async () => {
  test.setTimeout(180_000);
  const mock = await startMockServer({ scenario: 'default', token: TOKEN, quirks: ['no-error-code-header-on-404'] });
  try {
    const run = await runNpmConformance(
      { AZURE_DIGITALTWINS_URL: mock.url, ADT_AUTH: 'token', ADT_ACCESS_TOKEN: TOKEN, ADT_MAX_RPS: '0' },
      ['--grep', 'DJ-404-02 x-ms-error-code equals error.code on the 404 for an unknown id'],
    );
    expect(run.code, `the defect fails the run\n${run.output}`).toBe(1);
    const reports = path.join(run.outputDir, 'reports');
    const matrix = JSON.parse(readFileSync(path.join(reports, 'conformance-matrix.json'), 'utf8')) as Matrix;
    const reason = matrix.requirements.find((row) => row.id === 'DJ-404-02')?.reason ?? '';
    expect
      .soft(reason, 'the requirement first, then what came back')
      .toMatch(
        /^DJ-404-02 Every error response other than 401 carries an x-ms-error-code header equal to error\.code\. \| Received: x-ms-error-code must be present and equal error\.code; got no x-ms-error-code header \(error\.code in the body is "DeleteJobNotFound"\)/,
      );
    expect.soft(reason).not.toContain('toBeUndefined');

    const files = filesUnder(run.outputDir);
    expect
      .soft(
        files.filter((file) => file.endsWith('error-context.md')),
        'no error-context file',
      )
      .toEqual([]);
    const results = files.filter((file) => file.endsWith('-result.json')).map((file) => readFileSync(file, 'utf8'));
    expect(results.length, 'the failed test has an Allure result').toBeGreaterThan(0);
    expect
      .soft(
        results.filter((text) => text.includes('"error-context"')),
        'no error-context attachment',
      )
      .toEqual([]);

    const evidence = files
      .filter((file) => file.endsWith('-attachment.txt'))
      .map((file) => readFileSync(file, 'utf8'))
      .filter((text) => text.includes('# Reproduce'));
    expect(evidence.length, 'the HTTP evidence is attached').toBeGreaterThan(0);
    expect
      .soft(
        evidence.filter((text) => text.includes('MOCK_DEFAULT_TOKEN')),
        "no note about the bundled mock's token on a URL target",
      )
      .toEqual([]);
  } finally {
    await mock.close();
  }
});
