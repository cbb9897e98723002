/** Tables that mirror code are generated; the check in npm test fails when a committed one is stale. */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BLOCKS, DocsError, QUIRK_FOLDERS, quirksIn, regenerate, REPO_ROOT, runDocs } from '../../../scripts/docs';
import { VARIABLES } from '../../../src/config';

function copyOfDocs(): string {
  const root = test.info().outputPath('repo');
  for (const file of new Set(BLOCKS.map((block) => block.file))) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(path.join(REPO_ROOT, file), path.join(root, file));
  }
  return root;
}

test('the committed tables match what the code generates', () => {
  expect(runDocs('check').stale, 'files whose generated tables are stale (run npm run docs)').toEqual([]);
});

test('a quirk registered without regenerating the docs makes the check fail, and npm run docs mends it', () => {
  const root = copyOfDocs();
  const mock = path.join(root, 'docs/mock.md');
  const text = readFileSync(mock, 'utf8');
  const withoutOneQuirk = text.replace(/^\| `capitalised-status` \|.*\n/m, '');
  expect(withoutOneQuirk, 'the quirk row was removed, as if the quirk were new').not.toBe(text);
  writeFileSync(mock, withoutOneQuirk);
  expect(runDocs('check', root).stale, 'the stale file is named').toEqual(['docs/mock.md']);
  expect(runDocs('write', root).written, 'npm run docs rewrites it').toEqual(['docs/mock.md']);
  expect(readFileSync(mock, 'utf8'), 'and restores the row').toBe(text);
});

test('a hand edit inside a generated requirements table is caught', () => {
  const root = copyOfDocs();
  const readme = path.join(root, 'README.md');
  writeFileSync(readme, readFileSync(readme, 'utf8').replace('| DJ-404-03 | MUST |', '| DJ-404-03 | SHOULD |'));
  expect(runDocs('check', root).stale, 'the edited file is stale').toEqual(['README.md']);
});

test('the exit codes are one table in the README, running.md and reports.md: a row missing from one page is caught', () => {
  const root = copyOfDocs();
  const pages = BLOCKS.filter((block) => block.name === 'exit-codes').map((block) => block.file);
  expect(pages, 'the pages that show the exit codes').toEqual(['README.md', 'docs/running.md', 'docs/reports.md']);
  for (const page of pages)
    expect(readFileSync(path.join(root, page), 'utf8'), `${page} shows exit 3 and exit 130`).toMatch(
      /^\| 3 \| INCOMPLETE \|[^]*^\| 130 \| INTERRUPTED \|/m,
    );
  const running = path.join(root, 'docs/running.md');
  writeFileSync(running, readFileSync(running, 'utf8').replace(/^\| 3 \| INCOMPLETE \|.*\n/m, ''));
  expect(runDocs('check', root).stale, 'the page that lost a row is stale').toEqual(['docs/running.md']);
});

test('a page that lost its markers gets one message naming the lines to add', () => {
  expect(() => regenerate('docs/mock.md', 'no markers here'), 'missing markers are a DocsError').toThrow(DocsError);
  expect(() => regenerate('docs/mock.md', 'no markers here'), 'the message names the marker and the fix').toThrow(
    /<!-- BEGIN GENERATED: mock-options .*\n.*END GENERATED: mock-options -->\nwhere it belongs, then run npm run docs/,
  );
});

test('.env.example shows every variable a user sets (all but the internal and development ones)', () => {
  const example = readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
  const userFacing = Object.values(VARIABLES).filter(
    (variable) => variable.audience !== 'internal' && variable.audience !== 'development',
  );
  expect(
    userFacing.filter((variable) => !example.includes(`${variable.name}=`)).map((variable) => variable.name),
    'declared variables missing from .env.example',
  ).toEqual([]);
});

test("a quirk file missing from its folder's generated index makes the check fail, and npm run docs mends it", () => {
  const root = copyOfDocs();
  const index = path.join(root, 'mock/quirks/defects/index.ts');
  const text = readFileSync(index, 'utf8');
  writeFileSync(index, text.replace(/^.*\bfebruary30\b.*\n/gm, ''));
  expect(runDocs('check', root).stale, 'the stale index is named').toEqual(['mock/quirks/defects/index.ts']);
  runDocs('write', root);
  expect(readFileSync(index, 'utf8'), 'the index lists the quirk again').toBe(text);
});

test('a quirk file whose name or kind does not match its place gets one message naming the fix', () => {
  const root = test.info().outputPath('quirks');
  const [defects] = QUIRK_FOLDERS;
  if (defects === undefined) throw new Error('no quirk folder');
  mkdirSync(path.join(root, defects.folder), { recursive: true });
  const write = (file: string, quirk: string): void => {
    writeFileSync(path.join(root, defects.folder, file), `export const quirk = ${quirk};\nexport const helper = 1;\n`);
  };
  write('helper.ts', '"not a quirk"');
  expect(quirksIn(defects, root), 'a module without a quirk is a helper').toEqual([]);
  write('renamed.ts', "{ name: 'other-name', kind: 'defect' }");
  expect(() => quirksIn(defects, root), 'name and file differ').toThrow(
    'mock/quirks/defects/renamed.ts exports the quirk "other-name": name the file other-name.ts, or the quirk "renamed".',
  );
  rmSync(path.join(root, defects.folder, 'renamed.ts'));
  write('misplaced.ts', "{ name: 'misplaced', kind: 'benign' }");
  expect(() => quirksIn(defects, root), 'kind and folder differ').toThrow(
    "mock/quirks/defects/misplaced.ts exports a benign quirk: move it to the benign folder, or make its kind 'defect'.",
  );
  rmSync(path.join(root, defects.folder, 'misplaced.ts'));
  write('fine.ts', "{ name: 'fine', kind: 'defect' }");
  expect(quirksIn(defects, root), 'found by its export').toEqual([{ file: 'fine', exported: 'quirk' }]);
});
