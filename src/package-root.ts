/**
 * Where this code runs from. In the repository tsx runs the TypeScript sources; the installed package runs the
 * compiled JavaScript in dist/ (scripts/build.ts), which mirrors the repository's folders (dist/src, dist/mock,
 * dist/tests/conformance, dist/playwright.config.js). Paths to code go through CODE_ROOT and codeFile(); package.json
 * and schemas/ sit in PACKAGE_ROOT; what the user names (reports, .env, recordings) resolves against process.cwd().
 */
import path from 'node:path';

/** True in dist/ (compiled JavaScript), false when tsx runs the TypeScript sources. */
export const COMPILED = path.extname(__filename) === '.js';
/** The folder holding src/, mock/, tests/conformance/ and playwright.config: the repository, or dist/. */
export const CODE_ROOT = path.resolve(__dirname, '..');
/** The folder holding package.json and schemas/: the repository, or the installed package. */
export const PACKAGE_ROOT = COMPILED ? path.resolve(CODE_ROOT, '..') : CODE_ROOT;

/** A TypeScript file of the code tree as this process runs it: `<repo>/src/cli/report.ts`, or `<dist>/src/cli/report.js`. */
export function codeFile(relativeTs: string): string {
  return path.join(CODE_ROOT, COMPILED ? relativeTs.replace(/\.ts$/, '.js') : relativeTs);
}
