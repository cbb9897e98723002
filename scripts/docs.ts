/**
 * Docs from code: every table in README.md and docs/ that mirrors code is generated here, between
 * `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`; so is the index.ts of each quirk folder of the
 * mock, whole (a list of imports, so a bundled mock keeps every quirk: a bundle has no folder to read at run time).
 *   npm run docs          rewrites the tables
 *   npm run check:docs    exit 1 when a committed table differs from what the code generates (part of npm test)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CATALOGUE } from '../mock/errors';
import { MOCK_OPTIONS } from '../mock/options';
import { QUIRKS } from '../mock/quirks';
import { VARIABLES, type Audience } from '../src/config';
import { EXIT_CODES } from '../src/reporting/exit-codes';
import { AREAS, REQUIREMENTS, type Applicability } from '../src/requirements';

export const REPO_ROOT = path.resolve(__dirname, '..');

/** One line per npm script; the table in docs/contributing.md is generated from this and package.json together. */
export const SCRIPT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  conformance:
    'runs the conformance suite (Playwright options after `--`), builds the Allure HTML report, prints the conformance matrix, records every exchange in `reports/exchanges.har`; exit code = verdict. `-- --replay FILE` runs it against a recording and checks every verdict against the recorded one (see [Replaying a recording](mock.md#replaying-a-recording))',
  test: 'the whole proof (`scripts/test.ts`): `check` first (`check:static` runs on beside the rest), then `test:self` side by side with `verify:suite` followed by `conformance` against the mock (never a target or .env of the user; `scripts/test-plan.ts`); ends with a table of steps and times',
  check: '`check:static`, `check:drift`, `check:catalogue`, `check:docs` and `check:format` in turn',
  mock: 'starts the bundled mock server (options after `--`, see [Options](mock.md#options))',
  build:
    "compiles the suite with esbuild to `dist/` (`scripts/build.ts`), the JavaScript the installed `adt-conformance` command runs; the repository's own scripts keep running from source",
  prepack: '`build` before `npm pack` or `npm publish`, so a package never ships a stale `dist/`',
  report:
    "serves the last report as it is on loopback (interactive), or rebuilds the HTML reports and the matrix from the last run's own results (`--no-serve`, CI); `--merge DIR` combines shards",
  compare:
    'the suite once per target (`mock`, `mock+QUIRK`, a URL, a `.har` recording), then one requirement matrix, an exchange diff and one Allure report under `reports/compare/`; exit 0 same verdicts, 1 different, 2 configuration (see [compare.md](compare.md))',
  judge:
    "judges a HAR 1.2 file from any tool (a browser, a proxy, this suite's own recording) against every requirement its traffic can decide; same reports and exit codes as `conformance`, 2 for a file it cannot judge (see [judge.md](judge.md))",
  'verify:suite':
    "the mutation proof: the suite against the mock's baseline, every defect mode and the benign variants",
  bench:
    'benchmarks: mock throughput and time to ready, suite overhead, scaling, profiles, the npm test loop (--only loop); a full run publishes docs/bench-results.md',
  'test:self':
    "the project's own tests (`tests/self`); first ensures Chromium for the report check (`scripts/ensure-chromium.sh`). Playwright starts with `src/cli/sync-module-hooks.cjs`, as every suite run does (see that file)",
  typecheck: '`tsc --noEmit` (TypeScript strict)',
  lint: 'ESLint, zero warnings allowed, import boundaries included',
  'check:static':
    '`typecheck` and `lint` in one process over one TypeScript program (about a third less CPU than the two); a type error stops it before ESLint',
  'check:drift':
    'compares `schemas/` with the shipped snapshot of the official OpenAPI file (`schemas/upstream/`); `-- <official.json>` compares with a current official file and lists where upstream moved, `--update-snapshot` refreshes the snapshot',
  'check:catalogue':
    'every requirement has a test; every test names exactly one known requirement, as a tag and at the start of its title; every defect targets catalogue ids and every MUST requirement has a defect',
  'check:docs':
    "fails when a generated table in README.md or docs/, or a quirk folder's generated `index.ts`, differs from what the code generates",
  'check:format':
    'Prettier decides the layout of code (`.prettierrc.json`, 120 columns); fails when a file differs from it',
  format:
    'rewrites code files as Prettier lays them out (prose, data and generated files keep theirs: `.prettierignore`)',
  docs: "regenerates the tables in README.md and docs/ that mirror code, and the quirk folders' `index.ts`",
};

function npmScripts(): Record<string, string> {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Problems that stop the docs step: a marker or a description missing (one message, naming the fix). */
export class DocsError extends Error {}

interface Block {
  file: string;
  name: string;
  render(): string;
  /** The whole file is generated (a quirk folder's index.ts), not a table between markers. */
  whole?: true;
}

const AUDIENCE_TITLE: Record<Audience, string> = {
  target: 'the target (everyone)',
  reports: 'reports and verdicts',
  staging: 'staging: traffic, latency, safety',
  development: "development: the project's own tests",
  internal: 'internal: set by the suite itself for its own processes',
};

function configurationTable(): string {
  const declarations = Object.values(VARIABLES);
  return (Object.keys(AUDIENCE_TITLE) as Audience[])
    .map((audience) =>
      [
        `### ${AUDIENCE_TITLE[audience]}`,
        '',
        table(
          ['variable', 'meaning', 'default'],
          declarations.filter((d) => d.audience === audience).map((d) => [`\`${d.name}\``, d.meaning, d.defaultText]),
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

function exitCodesTable(): string {
  return table(
    ['exit', 'run verdict', 'meaning'],
    Object.values(EXIT_CODES).map((exit) => [String(exit.code), exit.verdict ?? '—', exit.meaning]),
  );
}

export interface QuirkFolder {
  kind: 'defect' | 'benign';
  folder: string;
  list: string;
  type: string;
  doc: string;
}

export const QUIRK_FOLDERS: readonly QuirkFolder[] = [
  {
    kind: 'defect',
    folder: 'mock/quirks/defects',
    list: 'DEFECTS',
    type: 'DefectQuirk',
    doc: 'Every defect mode: each breaks the requirements it targets and, as far as possible, nothing else.',
  },
  {
    kind: 'benign',
    folder: 'mock/quirks/benign',
    list: 'BENIGN',
    type: 'BenignQuirk',
    doc: 'Every benign variant: correct but unusual behaviour that a careless suite would flag.',
  },
];

const isQuirk = (value: unknown): value is { name: string; kind: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { name?: unknown }).name === 'string' &&
  typeof (value as { kind?: unknown }).kind === 'string';

/**
 * The quirks of one folder, by file name: every module there that exports a quirk (the others are helpers). A
 * quirk's name is its file's name and its kind its folder's, so `--quirk NAME` always says where to look.
 */
export function quirksIn(folder: QuirkFolder, root = REPO_ROOT): { file: string; exported: string }[] {
  const files = readdirSync(path.join(root, folder.folder))
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .sort();
  return files.flatMap((file) => {
    const base = file.slice(0, -'.ts'.length);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- which modules exist is what is being found out
    const exports = require(path.join(root, folder.folder, base)) as Record<string, unknown>;
    const quirks = Object.entries(exports).filter(([, value]) => isQuirk(value));
    const where = `${folder.folder}/${file}`;
    if (quirks.length > 1)
      throw new DocsError(`${where} exports ${quirks.length} quirks: keep one quirk per file, named as the file.`);
    const [entry] = quirks;
    if (entry === undefined) return [];
    const [exported, quirk] = entry as [string, { name: string; kind: string }];
    if (quirk.name !== base)
      throw new DocsError(
        `${where} exports the quirk "${quirk.name}": name the file ${quirk.name}.ts, or the quirk "${base}".`,
      );
    if (quirk.kind !== folder.kind)
      throw new DocsError(
        `${where} exports a ${quirk.kind} quirk: move it to the ${quirk.kind} folder, or make its kind '${folder.kind}'.`,
      );
    return [{ file: base, exported }];
  });
}

function quirkIndex(folder: QuirkFolder): string {
  const quirks = quirksIn(folder);
  return [
    `// Generated by npm run docs from this folder's quirk files: do not edit (check:docs fails when it is stale).`,
    ...quirks.map((quirk) => `import { ${quirk.exported} } from './${quirk.file}';`),
    `import type { ${folder.type} } from '../quirk';`,
    '',
    `/** ${folder.doc} */`,
    `export const ${folder.list}: readonly ${folder.type}[] = [`,
    ...quirks.map((quirk) => `  ${quirk.exported},`),
    '];',
    '',
  ].join('\n');
}

export const BLOCKS: readonly Block[] = [
  ...QUIRK_FOLDERS.map((folder): Block => ({
    file: `${folder.folder}/index.ts`,
    name: `${folder.kind}-index`,
    render: () => quirkIndex(folder),
    whole: true,
  })),
  { file: 'README.md', name: 'exit-codes', render: exitCodesTable },
  { file: 'docs/running.md', name: 'exit-codes', render: exitCodesTable },
  { file: 'docs/reports.md', name: 'exit-codes', render: exitCodesTable },
  { file: 'docs/configuration.md', name: 'configuration', render: configurationTable },
  {
    file: 'docs/mock.md',
    name: 'mock-options',
    render: () =>
      table(
        ['flag', 'variable', 'default', 'meaning'],
        MOCK_OPTIONS.map((o) => [
          `\`${o.flag}\``,
          o.variable === undefined ? '' : `\`${o.variable}\``,
          o.defaultText,
          o.meaning,
        ]),
      ),
  },
  {
    file: 'docs/contributing.md',
    name: 'npm-scripts',
    render: () =>
      table(
        ['script', 'what it does'],
        Object.keys(npmScripts()).map((name) => {
          const description = SCRIPT_DESCRIPTIONS[name];
          if (description === undefined)
            throw new DocsError(
              `package.json has the script "${name}" but SCRIPT_DESCRIPTIONS in scripts/docs.ts does not describe it: add one line there.`,
            );
          return [name === 'test' ? '`npm test`' : `\`npm run ${name}\``, description];
        }),
      ),
  },
  {
    file: 'README.md',
    name: 'requirements-summary',
    render: () =>
      table(
        ['id', 'level', 'requirement'],
        REQUIREMENTS.map((r) => [r.id, r.level, r.text]),
      ),
  },
  {
    file: 'docs/requirements.md',
    name: 'requirements',
    render: () =>
      table(
        ['id', 'level', 'area', 'requirement', 'checked', 'source'],
        REQUIREMENTS.map((r) => [r.id, r.level, AREAS[r.area], r.text, checkedText(r.applies), r.source.kind]),
      ),
  },
  {
    file: 'docs/mock.md',
    name: 'mock-errors',
    render: () =>
      table(
        ['code', 'status', 'when'],
        Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [`\`${code}\``, String(entry.status), entry.when]),
      ),
  },
  {
    file: 'docs/mock.md',
    name: 'quirks',
    render: () =>
      table(
        ['quirk', 'kind', 'breaks (its targets)', 'what the server does'],
        QUIRKS.map((q) => [`\`${q.name}\``, q.kind, q.kind === 'defect' ? q.targets.join(', ') : '—', q.description]),
      ),
  },
];

function checkedText(applies: Applicability): string {
  if (applies.kind === 'conditional') return applies.condition;
  return applies.needs === 'job' ? 'always (needs a delete job)' : 'always';
}

const begin = (name: string): string => `<!-- BEGIN GENERATED: ${name} (npm run docs; do not edit by hand) -->`;
const end = (name: string): string => `<!-- END GENERATED: ${name} -->`;

/** The file's text with every block of `blocks` that lives in it regenerated. */
export function regenerate(file: string, text: string, blocks: readonly Block[] = BLOCKS): string {
  let result = text;
  for (const block of blocks.filter((b) => b.file === file)) {
    if (block.whole) {
      result = block.render();
      continue;
    }
    const start = result.indexOf(begin(block.name));
    const stop = result.indexOf(end(block.name));
    if (start === -1 || stop === -1 || stop < start) {
      throw new DocsError(
        `${file} has no place for the generated table "${block.name}": add the lines\n${begin(block.name)}\n${end(block.name)}\nwhere it belongs, then run npm run docs.`,
      );
    }
    result = `${result.slice(0, start)}${begin(block.name)}\n${block.render()}\n${result.slice(stop)}`;
  }
  return result;
}

export interface DocsOutcome {
  stale: string[];
  written: string[];
}

export function runDocs(mode: 'write' | 'check', root = REPO_ROOT): DocsOutcome {
  const outcome: DocsOutcome = { stale: [], written: [] };
  for (const file of [...new Set(BLOCKS.map((block) => block.file))]) {
    const full = path.join(root, file);
    const text = readFileSync(full, 'utf8');
    const fresh = regenerate(file, text);
    if (fresh === text) continue;
    outcome.stale.push(file);
    if (mode === 'write') {
      writeFileSync(full, fresh);
      outcome.written.push(file);
    }
  }
  return outcome;
}

export function main(args: readonly string[]): number {
  const mode = args.includes('--check') ? 'check' : 'write';
  try {
    const { stale, written } = runDocs(mode);
    if (mode === 'write') {
      console.log(
        written.length === 0
          ? 'docs: every generated table is up to date.'
          : `docs: regenerated ${written.join(', ')}.`,
      );
      return 0;
    }
    if (stale.length === 0) {
      console.log(
        `Docs check: the generated tables in ${[...new Set(BLOCKS.map((b) => b.file))].join(', ')} match the code.`,
      );
      return 0;
    }
    console.error(
      `Docs check: ${stale.join(', ')} differ from what the code generates. Run npm run docs and commit the result.`,
    );
    return 1;
  } catch (error) {
    if (error instanceof DocsError) {
      console.error(`docs: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
