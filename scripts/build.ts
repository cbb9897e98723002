/**
 * `npm run build`: compiles the suite to CommonJS JavaScript in dist/, the code the installed `adt-conformance`
 * command runs (nothing is transpiled when it starts). dist/ mirrors the repository's folders, so every path a
 * module builds from __dirname holds in both (src/package-root.ts): dist/src, dist/mock, dist/tests/conformance,
 * dist/playwright.config.js, dist/allurerc.cjs, plus the files they read beside them (the mock's scenarios, the
 * module hooks Playwright is started with). One file per module, not a bundle: Playwright loads the specs, the
 * config and the reporters as separate modules, and they must share one copy of each module in a process.
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
export const DIST = path.join(ROOT, 'dist');
/** The folders whose TypeScript is the product, and the top-level files Playwright loads. */
const SOURCE_FOLDERS = ['src', 'mock', 'tests/conformance'];
const TOP_LEVEL = ['playwright.config.ts'];
/** Read at run time from beside the code: copied as they are. */
const COPIED = ['src/cli/sync-module-hooks.cjs', 'fixtures/scenarios'];

function typescriptFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Stack traces and Playwright's test locations name the compiled files; the sources are not shipped.
  sourcemap: false,
};

export function build(): { files: number } {
  rmSync(DIST, { recursive: true, force: true });
  const entries = [...SOURCE_FOLDERS.flatMap(typescriptFiles), ...TOP_LEVEL];
  buildSync({ ...COMMON, entryPoints: entries, outdir: DIST, outbase: ROOT });
  // Allure imports a .js config as an ES module and takes its default export; CommonJS in a .cjs whose
  // module.exports is the config itself gives it that.
  buildSync({
    ...COMMON,
    entryPoints: ['allurerc.ts'],
    outfile: path.join(DIST, 'allurerc.cjs'),
    footer: { js: 'module.exports = module.exports.default;' },
  });
  // The mock's command in one file: it starts in a process of its own (the webServer of a run, `adt-conformance
  // mock`), where reading one module instead of about a hundred is most of its time to ready. Its modules stay
  // beside it for the code that starts a mock in process (startMockServer).
  buildSync({
    ...COMMON,
    entryPoints: ['mock/main.ts'],
    outfile: path.join(DIST, 'mock', 'main.js'),
    bundle: true,
    packages: 'external',
    allowOverwrite: true,
  });
  for (const copied of COPIED) {
    mkdirSync(path.dirname(path.join(DIST, copied)), { recursive: true });
    cpSync(path.join(ROOT, copied), path.join(DIST, copied), { recursive: true });
  }
  return { files: entries.length + 1 };
}

if (require.main === module) {
  const started = performance.now();
  const { files } = build();
  process.stdout.write(
    `Compiled ${files} modules to ${path.relative(process.cwd(), DIST) || DIST}/ in ${Math.round(performance.now() - started)} ms\n`,
  );
}
