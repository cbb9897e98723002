import path from 'node:path';
import { SNAPSHOT_FILE } from '../spec-snapshot';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const SECTIONS = ['throughput', 'ready', 'suite', 'scaling', 'compare', 'failing', 'profile', 'loop'] as const;
export type Section = (typeof SECTIONS)[number];
/**
 * `profile` (a CPU profile of the mock under load, to find a bottleneck) and `loop` (the whole of `npm test`, five
 * minutes a round) run only when asked for.
 */
const DEFAULT_SECTIONS: readonly Section[] = ['throughput', 'ready', 'suite', 'scaling', 'compare', 'failing'];
/** Shorthands accepted by --only. */
const SECTION_ALIASES: Record<string, readonly Section[]> = {
  mock: ['throughput', 'ready'],
  load: ['throughput'],
  startup: ['ready'],
  conformance: ['suite', 'scaling', 'compare', 'failing'],
};

/** What the loop section times unless --loop-command names something else. */
export const DEFAULT_LOOP_COMMAND = 'npm test';

export const TARGETS = ['bare', 'mock', 'mock-nolog', 'prism'] as const;
export type TargetName = (typeof TARGETS)[number];
/** mock-nolog (the mock with --log off) only shows what the request log costs; it runs when asked for. */
const DEFAULT_TARGETS: readonly TargetName[] = ['bare', 'mock', 'prism'];

export const OPS = ['hit', 'miss', 'list'] as const;
export type Op = (typeof OPS)[number];

export interface BenchOptions {
  quick: boolean;
  sections: readonly Section[];
  targets: readonly TargetName[];
  ops: readonly Op[];
  connections: readonly number[];
  rounds: number;
  /** Scaling runs are long (1,000 jobs is a full suite run with thousands of tests), so they repeat less. */
  scalingRounds: number;
  durationSec: number;
  warmupSec: number;
  jobCounts: readonly number[];
  specPath: string;
  /** What the loop section times, through a shell. */
  loopCommand: string;
  outDir: string;
  /** A full run with every default also publishes its Markdown as docs/bench-results.md; any option makes it a trial run. */
  publishTo: string | undefined;
  prismDir: string;
  workDir: string;
}

export const USAGE = `Usage: npm run bench -- [options]

  --quick               fewer rounds and shorter runs (a smoke-sized bench)
  --only LIST           sections to run: ${SECTIONS.join(', ')} (aliases: ${Object.keys(SECTION_ALIASES).join(', ')});
                        default ${DEFAULT_SECTIONS.join(', ')}
  --targets LIST        servers for the throughput section: ${TARGETS.join(', ')};
                        default ${DEFAULT_TARGETS.join(', ')}
  --ops LIST            requests for the throughput section: ${OPS.join(', ')}; default all
  --connections LIST    keep-alive connection counts, e.g. 1,10,50
  --rounds N            rounds per measurement (interleaved A B A B); default 5, quick 2
  --duration SECONDS    length of one load run; default 2, quick 1
  --jobs LIST           seeded job counts for the scaling section; default 10,100,1000 (quick 10,100)
  --scaling-rounds N    rounds of the long sections, scaling, compare, failing and loop; default 2, quick 1
  --spec PATH           OpenAPI file for Prism; default the shipped snapshot schemas/upstream/digitaltwins-2023-10-31.snapshot.json
  --loop-command CMD    what the loop section times, e.g. "npm run verify:suite"; default "${DEFAULT_LOOP_COMMAND}"
  --out DIR             where the JSON and Markdown reports go; default reports/bench
  --help                this text`;

import { UsageError } from '../../src/cli/usage';

export { UsageError };

export function parseFlag(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function list<T extends string>(
  raw: string,
  allowed: readonly T[],
  flag: string,
  aliases: Record<string, readonly T[]> = {},
): T[] {
  const out = new Set<T>();
  for (const item of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const alias = aliases[item];
    if (alias) alias.forEach((value) => out.add(value));
    else if ((allowed as readonly string[]).includes(item)) out.add(item as T);
    else
      throw new UsageError(
        `${flag}: unknown value "${item}" (known: ${[...allowed, ...Object.keys(aliases)].join(', ')})`,
      );
  }
  if (out.size === 0) throw new UsageError(`${flag}: give at least one value`);
  return allowed.filter((value) => out.has(value));
}

function positiveNumbers(raw: string, flag: string, integer: boolean): number[] {
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (
    values.length === 0 ||
    values.some((value) => !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
  ) {
    throw new UsageError(
      `${flag}: expected ${integer ? 'positive integers' : 'positive numbers'} separated by commas, got "${raw}"`,
    );
  }
  return values;
}

const KNOWN_FLAGS = new Set([
  '--quick',
  '--help',
  '--only',
  '--targets',
  '--ops',
  '--connections',
  '--rounds',
  '--duration',
  '--jobs',
  '--scaling-rounds',
  '--spec',
  '--loop-command',
  '--out',
]);
const VALUE_FLAGS = new Set([...KNOWN_FLAGS].filter((flag) => flag !== '--quick' && flag !== '--help'));

export function parseOptions(argv: readonly string[], cwd: string = REPO_ROOT): BenchOptions {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = arg.split('=')[0] ?? '';
    if (!KNOWN_FLAGS.has(name)) throw new UsageError(`unknown argument "${arg}"`);
    if (VALUE_FLAGS.has(name) && !arg.includes('=')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      i++;
    }
  }
  const quick = argv.includes('--quick');
  const flag = (name: string): string | undefined => parseFlag(argv, name);
  const only = flag('--only');
  const targets = flag('--targets');
  const ops = flag('--ops');
  const connections = flag('--connections');
  const rounds = flag('--rounds');
  const duration = flag('--duration');
  const jobs = flag('--jobs');
  const scalingRounds = flag('--scaling-rounds');
  const durationSec =
    duration === undefined ? (quick ? 1 : 2) : (positiveNumbers(duration, '--duration', false)[0] ?? 2);
  return {
    quick,
    sections: only === undefined ? DEFAULT_SECTIONS : list(only, SECTIONS, '--only', SECTION_ALIASES),
    targets: targets === undefined ? DEFAULT_TARGETS : list(targets, TARGETS, '--targets'),
    ops: ops === undefined ? OPS : list(ops, OPS, '--ops'),
    connections:
      connections === undefined ? (quick ? [10] : [1, 10, 50]) : positiveNumbers(connections, '--connections', true),
    rounds: rounds === undefined ? (quick ? 2 : 5) : (positiveNumbers(rounds, '--rounds', true)[0] ?? 5),
    scalingRounds:
      scalingRounds === undefined
        ? quick
          ? 1
          : 2
        : (positiveNumbers(scalingRounds, '--scaling-rounds', true)[0] ?? 2),
    durationSec,
    warmupSec: Math.min(0.5, durationSec / 3),
    jobCounts: jobs === undefined ? (quick ? [10, 100] : [10, 100, 1000]) : positiveNumbers(jobs, '--jobs', true),
    specPath: path.resolve(cwd, flag('--spec') ?? SNAPSHOT_FILE),
    loopCommand: flag('--loop-command') ?? DEFAULT_LOOP_COMMAND,
    outDir: path.resolve(cwd, flag('--out') ?? 'reports/bench'),
    publishTo: argv.length === 0 ? path.join(REPO_ROOT, 'docs', 'bench-results.md') : undefined,
    prismDir: path.join(REPO_ROOT, '.tmp', 'prism'),
    workDir: path.join(REPO_ROOT, '.tmp', 'bench'),
  };
}
