import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import playwright from 'eslint-plugin-playwright';

/** One import boundary of the architecture: `from` may not import what `regex` matches. */
function boundary(files, regex, message, ignores = []) {
  return {
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message: `Import boundary: ${message}` }] }] },
  };
}

const INTO_TESTS = '^(\\.\\.?/)+tests(/|$)';

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', 'test-results/', 'playwright-report/', '.tmp/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['tests/conformance/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/valid-expect': ['error', { minArgs: 1, maxArgs: 2 }],
      'playwright/require-to-throw-message': 'error',
    },
  },
  // The fixtures file turns "not applicable" into a skip with its reason; the specs themselves may not skip.
  { files: ['tests/conformance/fixtures.ts'], rules: { 'playwright/no-skipped-test': 'off' } },
  { files: ['**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // A .cjs file is loaded with `node --require` before any TypeScript hook exists, so it is CommonJS by necessity.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  boundary(
    ['mock/**/*.ts'],
    '^(\\.\\./)+(src|tests|scripts)(/|$)',
    'mock/ stands alone and imports nothing from src/, tests/ or scripts/.',
  ),
  boundary(
    ['src/**/*.ts'],
    `${INTO_TESTS}|^(\\.\\./)+mock/(?!contract$|replay/har-format$)`,
    'src/ never imports from tests/, and of mock/ only mock/contract and mock/replay/har-format (src/verify may use the mock).',
    ['src/verify/**'],
  ),
  boundary(['src/verify/**/*.ts'], INTO_TESTS, 'src/ never imports from tests/.'),
  {
    // The checks are pure: the wrapper, the judge and the in-process proof load them without Playwright (~0.4 s).
    files: ['src/checks/**/*.ts', 'src/engine/**/*.ts', 'src/judge/**/*.ts', 'src/suite/checks.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `${INTO_TESTS}|^(\\.\\./)+mock/(?!contract$|replay/har-format$)`,
              message:
                'Import boundary: src/ never imports from tests/, and of mock/ only mock/contract and mock/replay/har-format.',
            },
            {
              regex: '^@?playwright(/|$)|^playwright-core|(^|/)expect$',
              allowTypeImports: true,
              message:
                'Import boundary: the checks, the engine and the judge are pure; they return verdicts and load no Playwright.',
            },
          ],
        },
      ],
      'no-restricted-imports': 'off',
    },
  },
  boundary(
    ['tests/conformance/**/*.spec.ts'],
    '^(?!\\./fixtures$)(?!(\\.\\./)+src/)\\.',
    'a spec imports only ./fixtures and src/.',
  ),
  boundary(
    ['scripts/**/*.ts', '*.ts'],
    INTO_TESTS,
    'scripts and top-level configs import from src/, never from tests/.',
  ),
  {
    // Configuration is read in one place (src/config) and by entry points, which pass typed values on.
    files: ['src/**/*.ts', 'mock/**/*.ts', 'tests/conformance/**/*.ts'],
    ignores: [
      'src/config/**',
      'src/cli/**',
      'src/suite/global-setup.ts',
      'src/verify/verify-suite.ts',
      'src/verify/run-variant.ts',
      'mock/main.ts',
      'tests/conformance/fixtures.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Configuration boundary: read variables through src/config (declared in src/config/variables.ts); only entry points touch process.env.',
        },
      ],
    },
  },
);
