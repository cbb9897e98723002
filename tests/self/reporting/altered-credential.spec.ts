import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { alteredToken, type CredentialAlteration } from '../../../src/suite/auth/altered-credential';
import { expect, isolatedEnv, readMatrix, row, runTs, startMock, SUITE_CONFIG, test } from './harness';

/**
 * DJ-AUTH-03 sends the configured credential altered. The altered tokens are as secret as the real one: after a
 * real `npm run conformance` against a mock whose gateway lets them through (so the failure message, the curl and
 * the recording of a failing test are all written), neither the token nor any altered form is under reports/,
 * test-results/ or in the console.
 */

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nonce = (): string => randomBytes(9).toString('hex');

const CASES: readonly { kind: string; quirk: string; token: string; alterations: readonly CredentialAlteration[] }[] = [
  {
    kind: 'an opaque token',
    quirk: 'token-prefix-match',
    token: `opaque-self-test-token-${nonce()}`,
    alterations: ['last-character'],
  },
  {
    kind: 'a JWT',
    quirk: 'jwt-claims-only',
    token: `${base64url({ typ: 'JWT', alg: 'RS256', kid: nonce() })}.${base64url({ aud: 'https://digitaltwins.azure.net', sub: nonce() })}.${randomBytes(64).toString('base64url')}`,
    alterations: ['changed-signature', 'alg-none'],
  },
];

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

for (const { kind, quirk, token, alterations } of CASES) {
  test(`with ${kind}, DJ-AUTH-03 fails on ${quirk} and neither the token nor its altered forms appear in reports, test results or the console`, async ({
    workDir,
  }) => {
    const altered = alterations.map((alteration) => alteredToken(token, alteration) ?? '');
    expect(
      altered.every((form) => form !== '' && form !== token),
      'every alteration changes the token',
    ).toBe(true);
    const mock = await startMock({ token, quirks: [quirk] });
    const reportsDir = join(workDir, 'reports');
    let run;
    try {
      run = await runTs(
        'src/cli/conformance.ts',
        ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results'), '--grep', '@DJ-AUTH-03(?!\\d)'],
        isolatedEnv({
          ADT_REPORTS_DIR: reportsDir,
          AZURE_DIGITALTWINS_URL: mock.url,
          ADT_AUTH: 'token',
          ADT_ACCESS_TOKEN: token,
          ADT_HTML_REPORT: 'off',
        }),
      );
    } finally {
      await mock.close();
    }
    expect(
      row(readMatrix(reportsDir), 'DJ-AUTH-03').verdict,
      `the gateway's defect is caught, so the failure path wrote its evidence\n${run.console}`,
    ).toBe('failed');

    // Each form as sent, and as a report could encode it.
    const forms = [token, ...altered].flatMap((form) => [
      form,
      Buffer.from(form).toString('base64'),
      encodeURIComponent(form),
    ]);
    const leaking = (content: Buffer): string[] => forms.filter((form) => content.includes(form));
    expect(
      leaking(Buffer.from(`authorization: Bearer ${altered[0] ?? ''}`)),
      'the search finds a planted altered token',
    ).not.toEqual([]);
    const files = allFiles(workDir);
    expect(
      files.some((file) => file.endsWith('exchanges.har')),
      'the run wrote its recording',
    ).toBe(true);
    expect(
      files.filter((file) => leaking(readFileSync(file)).length > 0),
      'files containing the token or an altered form',
    ).toEqual([]);
    expect(leaking(Buffer.from(run.console)), 'forms of the token in the console output').toEqual([]);
    const curls = files
      .filter((file) => file.endsWith('-attachment.txt'))
      .map((file) => readFileSync(file, 'utf8'))
      .filter((text) => text.includes('curl '));
    expect(
      curls.some((text) => /authorization: Bearer <redacted>/i.test(text)),
      'the curl of an altered request shows its Authorization header, redacted',
    ).toBe(true);
  });
}
