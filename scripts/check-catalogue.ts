/**
 * Catalogue check: every requirement in src/requirements.ts has a test, every test names exactly one known
 * requirement (as a tag and at the start of its title), the catalogue itself is well formed, every defect of the
 * mock targets catalogue ids, and every MUST requirement has a defect.
 *
 * Usage: tsx scripts/check-catalogue.ts [--config <playwright config>] [--listing <listing.json>]
 *   default: lists the conformance suite with `playwright test --list --reporter=json --config playwright.config.ts`
 *   (list mode loads the spec files only: no webServer, no globalSetup, no server needed);
 *   --listing reads a JSON listing produced that way instead.
 * Exit 0: all good. Exit 1: problems (listed). Exit 2: the tests could not be listed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFECTS } from '../mock/quirks/defects';
import {
  AREAS,
  type DeclaredTargets,
  mustWithoutDefectProblems,
  REQUIREMENTS,
  type Requirement,
  unknownTargetProblems,
} from '../src/requirements';
import { playwrightTestCommand } from '../src/cli/spawn-suite';
import { parseCommandLine, USAGE_EXIT, UsageError } from '../src/cli/usage';

export interface ListedTest {
  title: string;
  /** Tags with their leading '@'. */
  tags: string[];
  location: string;
}

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_CONFIG = 'playwright.config.ts';
const ID_PATTERN = /^DJ-([A-Z0-9]+)-\d{2}$/;
const LEVELS: readonly string[] = ['MUST', 'SHOULD'];
const NO_TESTS_FOUND = 'Error: No tests found';

class SetupError extends Error {}

/** Problems in the catalogue itself: duplicate ids, malformed ids, empty text, unknown level or area, a condition without words. */
export function checkRequirements(requirements: readonly Requirement[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, requirement] of requirements.entries()) {
    const label = `catalogue entry #${index + 1} (${requirement.id || 'no id'})`;
    if (seen.has(requirement.id)) problems.push(`${label}: duplicate id ${requirement.id}`);
    seen.add(requirement.id);
    const match = ID_PATTERN.exec(requirement.id);
    if (!match) problems.push(`${label}: id must look like DJ-<AREA>-<two digits>`);
    else if (match[1] !== requirement.area)
      problems.push(`${label}: id names area ${match[1] ?? ''} but area is ${requirement.area}`);
    if (!(requirement.area in AREAS)) problems.push(`${label}: unknown area ${requirement.area}`);
    if (!LEVELS.includes(requirement.level))
      problems.push(`${label}: level must be MUST or SHOULD, got ${JSON.stringify(requirement.level)}`);
    if (requirement.text.trim() === '') problems.push(`${label}: empty text`);
    if (requirement.source.ref.trim() === '') problems.push(`${label}: empty source`);
    if (requirement.applies.kind === 'conditional' && !/^only (where|when) \S/.test(requirement.applies.condition)) {
      problems.push(
        `${label}: a conditional requirement needs its condition in one sentence starting "only where" or "only when"`,
      );
    }
  }
  return problems;
}

/** Problems between the catalogue and the tests: untagged, unknown ids, titles, uncovered requirements. */
export function checkTests(requirements: readonly Requirement[], tests: readonly ListedTest[]): string[] {
  const problems: string[] = [];
  const known = new Set(requirements.map((r) => r.id));
  const covered = new Set<string>();
  for (const test of tests) {
    const label = `test "${test.title}" (${test.location})`;
    const ids = test.tags.filter((tag) => /^@DJ-/i.test(tag)).map((tag) => tag.slice(1));
    if (ids.length === 0) {
      problems.push(`${label}: has no requirement tag; add { tag: '@DJ-…' } naming the requirement it checks`);
      continue;
    }
    for (const id of ids) {
      if (known.has(id)) covered.add(id);
      else problems.push(`${label}: tag @${id} names an unknown requirement id (not in src/requirements.ts)`);
    }
    const [id] = ids;
    if (ids.length > 1)
      problems.push(`${label}: tags ${ids.length} requirements (${ids.join(', ')}); one behaviour per test`);
    else if (id !== undefined && known.has(id) && !new RegExp(`^${id}(\\s|$)`).test(test.title)) {
      problems.push(`${label}: title must start with "${id} ", the requirement it tags`);
    }
  }
  for (const requirement of requirements) {
    if (!covered.has(requirement.id)) {
      problems.push(`requirement ${requirement.id} (${requirement.level}) has no test: "${requirement.text}"`);
    }
  }
  return problems;
}

interface JsonSpec {
  title?: unknown;
  tags?: unknown;
  file?: unknown;
  line?: unknown;
}

interface JsonSuite {
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

interface JsonListing {
  suites?: JsonSuite[];
  errors?: { message?: unknown }[];
}

/** Reads the tests out of a `playwright test --list --reporter=json` report (one entry per test, across projects). */
export function testsFromListing(listing: unknown): ListedTest[] {
  const report = listing as JsonListing;
  if (typeof report !== 'object' || !Array.isArray(report.suites)) {
    throw new SetupError('the listing is not a Playwright JSON report (no "suites" array)');
  }
  const loadErrors = (report.errors ?? []).map((e) => String(e.message)).filter((m) => m !== NO_TESTS_FOUND);
  if (loadErrors.length > 0) throw new SetupError(`Playwright could not load the tests:\n  ${loadErrors.join('\n  ')}`);
  const byLocation = new Map<string, ListedTest>();
  const visit = (suite: JsonSuite): void => {
    for (const spec of suite.specs ?? []) {
      const location = `${String(spec.file)}:${String(spec.line)}`;
      const title = String(spec.title);
      const tags = Array.isArray(spec.tags)
        ? spec.tags.map((tag) => (String(tag).startsWith('@') ? String(tag) : `@${String(tag)}`))
        : [];
      byLocation.set(`${location} ${title}`, { title, tags, location });
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return [...byLocation.values()];
}

function readListingFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SetupError(
      `cannot read listing ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); produce it with \`PLAYWRIGHT_JSON_OUTPUT_FILE=${file} npx playwright test --list --reporter=json\``,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SetupError(`listing ${file} is not JSON (${(error as Error).message})`);
  }
}

/** Runs Playwright in list mode (no webServer, no globalSetup) and returns its JSON report. */
function listWithPlaywright(config: string): unknown {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'check-catalogue-'));
  const outputFile = path.join(dir, 'listing.json');
  try {
    const [command, args] = playwrightTestCommand(['--list', '--reporter=json', '--config', config]);
    const result = spawnSync(command, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: outputFile },
    });
    try {
      return JSON.parse(readFileSync(outputFile, 'utf8'));
    } catch {
      const detail = `${result.stderr}${result.stdout}`.trim().split('\n').slice(0, 10).join('\n  ');
      throw new SetupError(
        `\`playwright test --list --config ${config}\` produced no listing (exit ${String(result.status)}):\n  ${detail}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const USAGE = 'Usage: npm run check:catalogue -- [--config <playwright config> | --listing <listing.json>]';

function parseOptions(args: readonly string[]): { config?: string; listing?: string } {
  const { values } = parseCommandLine({
    args: [...args],
    options: { config: { type: 'string' }, listing: { type: 'string' } },
  });
  if (values.config !== undefined && values.listing !== undefined)
    throw new UsageError('give either --config or --listing, not both');
  return values;
}

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export function main(
  args: readonly string[],
  out: Output = console,
  requirements: readonly Requirement[] = REQUIREMENTS,
  defects: readonly DeclaredTargets[] = DEFECTS,
): number {
  try {
    const options = parseOptions(args);
    const source = options.listing ?? `playwright --list --config ${options.config ?? DEFAULT_CONFIG}`;
    const listing =
      options.listing !== undefined
        ? readListingFile(options.listing)
        : listWithPlaywright(options.config ?? DEFAULT_CONFIG);
    const tests = testsFromListing(listing);
    const problems = [
      ...checkRequirements(requirements),
      ...checkTests(requirements, tests),
      ...unknownTargetProblems(defects),
      ...mustWithoutDefectProblems(defects, requirements),
    ];
    if (problems.length === 0) {
      out.log(
        `Catalogue check: ${requirements.length} requirements, ${tests.length} tests (${source}), ${defects.length} defects; every requirement has a test, every test names one known requirement, every MUST requirement has a defect.`,
      );
      return 0;
    }
    out.log(`Catalogue check FAILED (${source}): ${problems.length} problem(s)`);
    for (const problem of problems) out.log(`  - ${problem}`);
    return 1;
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(`check-catalogue: ${error.message}\n${USAGE}`);
      return USAGE_EXIT;
    }
    if (error instanceof SetupError) {
      out.error(`check-catalogue: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
