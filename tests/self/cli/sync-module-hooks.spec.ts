import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PLAYWRIGHT_NODE_ARGS } from '../../../src/cli/spawn-suite';

/** Runs `code` in a fresh node, started the way spawnSuite starts Playwright unless `withHooks` is false. */
function node(code: string, cwd: string, withHooks = true): { stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [...(withHooks ? PLAYWRIGHT_NODE_ARGS : []), '-e', code], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { stdout: run.stdout.trim(), stderr: run.stderr };
}

/** A folder in this test's output with a TypeScript file and a plain JavaScript file to require. */
function modules(): string {
  const dir = test.info().outputPath('modules');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'typed.ts'), 'export const answer: number = 41;\n');
  writeFileSync(join(dir, 'plain.js'), 'module.exports = "plain";\n');
  return dir;
}

const NATIVE = 'Node has module.registerHooks itself (22.15 and later); the file then changes nothing';
const nodeHasRegisterHooks = (dir: string): boolean =>
  node("process.stdout.write(typeof require('node:module').registerHooks)", dir, false).stdout === 'function';

test.describe('sync-module-hooks.cjs: the CommonJS half of module.registerHooks, for Playwright on Node 20', () => {
  test('a load hook supplies the source that require compiles, and a declined file loads as it is', () => {
    const dir = modules();
    test.skip(nodeHasRegisterHooks(dir), NATIVE);
    const run = node(
      `
      require('node:module').registerHooks({ load: (url, context, next) => url.endsWith('.ts') ? { format: 'commonjs', source: 'module.exports = 42;', shortCircuit: true } : next(url, context) });
      console.log(require('./typed.ts'), require('./plain.js'));`,
      dir,
    );
    expect(run.stderr, 'nothing on stderr').toBe('');
    expect(
      run.stdout,
      'the .ts file compiled from what the hook returned; the .js file the hook declined, from disk',
    ).toBe('42 plain');
  });

  test('a resolve hook redirects a require', () => {
    const dir = modules();
    test.skip(nodeHasRegisterHooks(dir), NATIVE);
    const run = node(
      `
      const target = require('node:url').pathToFileURL(require('node:path').join(process.cwd(), 'plain.js')).href;
      require('node:module').registerHooks({ resolve: (specifier, context, next) => specifier === 'alias' ? { url: target, shortCircuit: true } : next(specifier, context) });
      console.log(require('alias'));`,
      dir,
    );
    expect(run.stderr, 'nothing on stderr').toBe('');
    expect(run.stdout, 'require("alias") loaded the file the hook named').toBe('plain');
  });

  test("Playwright's processes have it: this self-test worker was started with it", () => {
    expect(
      typeof (Module as { registerHooks?: unknown }).registerHooks,
      'module.registerHooks in a Playwright worker started by npm run test:self',
    ).toBe('function');
  });
});
