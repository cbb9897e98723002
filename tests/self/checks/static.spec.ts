import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { expect, test } from '@playwright/test';
import { checkStatic } from '../../../scripts/check-static';

const TYPESCRIPT_ESLINT = pathToFileURL(require.resolve('typescript-eslint')).href;

/**
 * A project of one file with its own tsconfig.json and eslint.config.mjs: a typed rule but no type information in
 * the ESLint config, so the rule works only with the program the check hands over, and a rule that only warns.
 */
function project(source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'adt-check-static-'));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2022'], module: 'commonjs', types: [] },
      include: ['*.ts'],
    }),
  );
  writeFileSync(
    join(root, 'eslint.config.mjs'),
    `import tseslint from '${TYPESCRIPT_ESLINT}';
export default [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { '@typescript-eslint': tseslint.plugin },
  rules: { '@typescript-eslint/no-floating-promises': 'error', 'no-debugger': 'warn' },
}];
`,
  );
  writeFileSync(join(root, 'index.ts'), source);
  return root;
}

async function check(source: string): Promise<{ exitCode: number; output: string }> {
  const root = project(source);
  try {
    const { exitCode, output } = await checkStatic(root);
    // ESLint's formatter colours its output when the runner forces colour.
    return { exitCode, output: stripVTControlCharacters(output) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test.describe('check:static: typecheck and lint over one program', () => {
  test('a clean project passes both', async () => {
    const result = await check(
      'export async function later(): Promise<number> { return 1; }\nexport async function now(): Promise<void> { await later(); }\n',
    );
    expect(result.output, 'says both found nothing').toMatch(
      /typecheck: no problems; ESLint: no problems in \d+ files/,
    );
    expect(result.exitCode, 'exit code of a clean project').toBe(0);
  });

  test("a type error fails with the compiler's own message, and ESLint does not run", async () => {
    const result = await check('export const count: number = "three";\n');
    expect(result.exitCode, 'exit code of a type error').toBe(1);
    expect(result.output, "the compiler's diagnostic, with file, line and code").toMatch(
      /index\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
    expect(result.output, 'says lint was skipped and how to run it').toContain('ESLint was not run');
  });

  test('a typed lint rule sees the program: a floating promise fails', async () => {
    const result = await check(
      'async function later(): Promise<number> { return 1; }\nexport function now(): void { later(); }\n',
    );
    expect(result.exitCode, 'exit code of a lint error').toBe(1);
    expect(result.output, 'the rule that needs type information found it').toMatch(
      /2:31\s+error\s+Promises must be awaited.*@typescript-eslint\/no-floating-promises/,
    );
  });

  test('a warning fails too: zero warnings allowed', async () => {
    const result = await check('export function stop(): void {\n  debugger;\n}\n');
    expect(result.exitCode, 'exit code of a lint warning').toBe(1);
    expect(result.output, 'the warning and the rule').toMatch(
      /2:3\s+warning\s+Unexpected 'debugger' statement\s+no-debugger/,
    );
    expect(result.output, 'the summary says none are allowed').toContain('1 problem(s), zero allowed');
  });
});
