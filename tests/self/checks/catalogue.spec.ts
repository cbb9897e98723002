import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  checkRequirements,
  checkTests,
  type ListedTest,
  main,
  testsFromListing,
} from '../../../scripts/check-catalogue';
import { DEFECTS } from '../../../mock/quirks/defects';
import {
  mustWithoutDefectProblems,
  REQUIREMENTS,
  type Requirement,
  unknownTargetProblems,
} from '../../../src/requirements';
import { TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE_CONFIG = 'tests/self/checks/fixtures/catalogue/playwright.config.ts';

interface FixtureTest {
  title: string;
  tags: string[];
}

/** A Playwright JSON listing as `playwright test --list --reporter=json` writes it (tags without '@'). */
function listingOf(tests: FixtureTest[], errors: string[] = []): unknown {
  return {
    suites: [
      {
        title: 'a.spec.ts',
        file: 'a.spec.ts',
        specs: tests.map((t, index) => ({
          title: t.title,
          tags: t.tags.map((tag) => tag.replace(/^@/, '')),
          file: 'a.spec.ts',
          line: index + 1,
        })),
        suites: [],
      },
    ],
    errors: errors.map((message) => ({ message })),
  };
}

function oneTestPerRequirement(): FixtureTest[] {
  return REQUIREMENTS.map((r) => ({ title: `${r.id} checks it`, tags: [`@${r.id}`] }));
}

function runInProcess(args: string[]): { status: number; output: string } {
  const lines: string[] = [];
  const status = main(args, { log: (line) => lines.push(line), error: (line) => lines.push(line) });
  return { status, output: lines.join('\n') };
}

function writeListing(name: string, listing: unknown): string {
  const file = test.info().outputPath(name);
  writeFileSync(file, JSON.stringify(listing));
  return file;
}

test.describe('check-catalogue against a real Playwright listing', () => {
  test('lists a fixture suite without running its webServer or globalSetup, and reports every kind of problem', () => {
    const result = spawnSync(
      process.execPath,
      [...TYPESCRIPT_NODE_ARGS, 'scripts/check-catalogue.ts', '--config', FIXTURE_CONFIG],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(1);
    expect(output, 'globalSetup did not run').not.toContain('globalSetup must not run');
    expect(output, 'unknown id').toContain(
      '"DJ-999-01 names an id the catalogue lacks" (flawed.conformance.ts:7): tag @DJ-999-01 names an unknown requirement id',
    );
    expect(output, 'no tag').toContain(
      '"a test without a requirement tag" (flawed.conformance.ts:11): has no requirement tag',
    );
    expect(output, 'title mismatch').toContain(
      '"title that does not start with its id" (flawed.conformance.ts:15): title must start with "DJ-200-02 "',
    );
    expect(output, 'two requirements, one via describe').toContain(
      'tags 2 requirements (DJ-200-03, DJ-200-04); one behaviour per test',
    );
    expect(output, 'uncovered requirement').toContain('requirement DJ-TIME-01 (MUST) has no test');
    expect(output, 'the covered requirement is not reported').not.toContain('requirement DJ-200-01 (MUST) has no test');
  });
});

test.describe('check-catalogue on listings', () => {
  test('passes when every requirement has exactly one well-named test', () => {
    const result = runInProcess(['--listing', writeListing('complete.json', listingOf(oneTestPerRequirement()))]);
    expect(result.status, result.output).toBe(0);
    expect(result.output, 'summary names the counts').toContain(
      `${REQUIREMENTS.length} requirements, ${REQUIREMENTS.length} tests`,
    );
  });

  test('fails on an uncovered requirement', () => {
    const tests = oneTestPerRequirement().filter((t) => t.title !== 'DJ-TRACE-02 checks it');
    const result = runInProcess(['--listing', writeListing('uncovered.json', listingOf(tests))]);
    expect(result.status, result.output).toBe(1);
    expect(result.output, 'names the requirement').toContain('requirement DJ-TRACE-02 (MUST) has no test');
    expect(result.output, 'exactly one problem').toContain('1 problem(s)');
  });

  test('fails on a test naming an unknown id', () => {
    const tests = [...oneTestPerRequirement(), { title: 'DJ-200-99 a made-up requirement', tags: ['@DJ-200-99'] }];
    const result = runInProcess(['--listing', writeListing('unknown.json', listingOf(tests))]);
    expect(result.status, result.output).toBe(1);
    expect(result.output, 'names the unknown id').toContain('tag @DJ-200-99 names an unknown requirement id');
  });

  test('"No tests found" means every requirement is uncovered, not a setup error', () => {
    const result = runInProcess(['--listing', writeListing('empty.json', listingOf([], ['Error: No tests found']))]);
    expect(result.status, result.output).toBe(1);
    expect(result.output, 'all requirements reported').toContain(`${REQUIREMENTS.length} problem(s)`);
  });

  test('load errors, a missing listing and bad arguments each give one message and exit 2', () => {
    const broken = writeListing('broken.json', listingOf([], ['SyntaxError: a.spec.ts: Missing semicolon']));
    const cases: [string[], string][] = [
      [['--listing', broken], 'Playwright could not load the tests:\n  SyntaxError: a.spec.ts: Missing semicolon'],
      [['--listing', '/nonexistent/listing.json'], 'cannot read listing /nonexistent/listing.json (ENOENT)'],
      [['--listing', writeListing('not-a-report.json', { tests: [] })], 'the listing is not a Playwright JSON report'],
      [['--verbose'], "Unknown option '--verbose'"],
      [['--config', 'a.ts', '--listing', 'b.json'], 'give either --config or --listing, not both'],
    ];
    for (const [args, message] of cases) {
      const result = runInProcess(args);
      expect(result.status, `${args.join(' ')}: ${result.output}`).toBe(2);
      expect(result.output, `${args.join(' ')} explains itself`).toContain(message);
    }
  });
});

test.describe('checkTests', () => {
  const [first, second] = REQUIREMENTS;
  const catalogue: Requirement[] = [first, second];

  test('the same test listed by two projects counts once', () => {
    const spec = { title: `${first.id} x`, tags: [first.id], file: 'a.spec.ts', line: 3 };
    const tests = testsFromListing({ suites: [{ specs: [spec] }, { specs: [spec] }] });
    expect(tests, 'deduplicated by location and title').toHaveLength(1);
    expect(tests[0]?.tags, 'tags get their @ back').toEqual([`@${first.id}`]);
  });

  test('a title must start with the id followed by a space, not merely share a prefix', () => {
    const tests: ListedTest[] = [
      { title: `${first.id}0 looks similar`, tags: [`@${first.id}`], location: 'a:1' },
      { title: second.id, tags: [`@${second.id}`], location: 'a:2' },
    ];
    const problems = checkTests(catalogue, tests);
    expect(problems, 'only the look-alike title is a problem').toEqual([
      `test "${first.id}0 looks similar" (a:1): title must start with "${first.id} ", the requirement it tags`,
    ]);
  });

  test('other tags are allowed alongside the requirement tag', () => {
    const tests: ListedTest[] = catalogue.map((r, i) => ({
      title: `${r.id} ok`,
      tags: ['@smoke', `@${r.id}`],
      location: `a:${i}`,
    }));
    expect(checkTests(catalogue, tests), 'no problems').toEqual([]);
  });
});

test.describe('checkRequirements', () => {
  test('the real catalogue is well formed', () => {
    expect(checkRequirements(REQUIREMENTS), 'no problems in src/requirements.ts').toEqual([]);
  });

  test('reports duplicate ids, empty text, a bad level, a malformed id, an id/area mismatch and a condition without words', () => {
    const base: Requirement = {
      id: 'DJ-200-01',
      level: 'MUST',
      area: '200',
      text: 'Something.',
      source: { kind: 'spec', ref: 'x' },
      applies: { kind: 'always' },
    };
    const broken: Requirement[] = [
      base,
      { ...base, text: 'A duplicate.' },
      { ...base, id: 'DJ-200-02', text: '   ' },
      { ...base, id: 'DJ-200-03', level: 'MAY' as Requirement['level'] },
      { ...base, id: 'DJ-200-4' },
      { ...base, id: 'DJ-TIME-09' },
      { ...base, id: 'DJ-200-06', applies: { kind: 'conditional', condition: ' ' } },
    ];
    const problems = checkRequirements(broken).join('\n');
    expect(problems, 'duplicate').toContain('catalogue entry #2 (DJ-200-01): duplicate id DJ-200-01');
    expect(problems, 'empty text').toContain('catalogue entry #3 (DJ-200-02): empty text');
    expect(problems, 'bad level').toContain('catalogue entry #4 (DJ-200-03): level must be MUST or SHOULD, got "MAY"');
    expect(problems, 'malformed id').toContain(
      'catalogue entry #5 (DJ-200-4): id must look like DJ-<AREA>-<two digits>',
    );
    expect(problems, 'area mismatch').toContain('catalogue entry #6 (DJ-TIME-09): id names area TIME but area is 200');
    expect(problems, 'condition without words').toContain(
      'catalogue entry #7 (DJ-200-06): a conditional requirement needs its condition',
    );
  });

  test('a broken catalogue fails the whole check', () => {
    const duplicated = [...REQUIREMENTS, REQUIREMENTS[0]];
    const lines: string[] = [];
    const status = main(
      ['--listing', writeListing('complete.json', listingOf(oneTestPerRequirement()))],
      { log: (l) => lines.push(l), error: (l) => lines.push(l) },
      duplicated,
    );
    expect(status, lines.join('\n')).toBe(1);
    expect(lines.join('\n'), 'names the duplicate').toContain('duplicate id DJ-200-01');
  });
});

test.describe('defect targets', () => {
  test('the real defects name catalogue ids and cover every MUST requirement', () => {
    expect(unknownTargetProblems(DEFECTS), 'targets that are not catalogue ids').toEqual([]);
    expect(mustWithoutDefectProblems(DEFECTS), 'MUST requirements no defect targets').toEqual([]);
  });

  test('a defect naming an unknown id and a MUST requirement without a defect fail the check, each naming the fix', () => {
    const defects = [
      ...DEFECTS.filter((defect) => !defect.targets.includes('DJ-TRACE-02')),
      { name: 'typo-defect', targets: ['DJ-TRACE-99'] },
    ];
    const lines: string[] = [];
    const status = main(
      ['--listing', writeListing('complete.json', listingOf(oneTestPerRequirement()))],
      { log: (l) => lines.push(l), error: (l) => lines.push(l) },
      REQUIREMENTS,
      defects,
    );
    const output = lines.join('\n');
    expect(status, output).toBe(1);
    expect(output, 'the unknown id, the file and the fix').toContain(
      'the defect typo-defect (mock/quirks/defects/typo-defect.ts) targets DJ-TRACE-99, not an id in src/requirements.ts: fix its targets',
    );
    expect(output, 'the uncovered MUST requirement and the fix').toContain(
      'requirement DJ-TRACE-02 (MUST) has no defect: add one in mock/quirks/defects/',
    );
    expect(output, 'exactly these two').toContain('2 problem(s)');
  });
});
