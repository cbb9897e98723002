// Time to ready: spawn → first accepted answer, for the mock started several ways, a bare node:http floor and Prism.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { interleave, type BenchContext } from '../context';
import { REPO_ROOT } from '../options';
import { freePort, startServer, type LaunchSpec } from '../processes';
import { median, ratio } from '../stats';
import {
  bareLaunch,
  bundledMockLaunch,
  installedMockLaunch,
  MOCK_LAUNCHES,
  plainNodeLaunch,
  prismLaunch,
} from '../targets';

export interface ReadyRow {
  launch: string;
  readyMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface ReadySection {
  rows: ReadyRow[];
  /** Prism's time ÷ the mock's (tsx mock/main.ts), per round, then the median. */
  prismOverMock?: { perRound: number[]; median: number };
  derived: { label: string; ms: number }[];
  /** The mock's own target: ready in well under a second. */
  mockTargetMs: number;
  mockMet: boolean;
  notes: string[];
}

const MOCK_REFERENCE = 'mock: tsx mock/main.ts';
const BARE = 'bare node:http: node --import tsx';
const PLAIN_NODE = 'plain node:http: node -e (no TypeScript loader)';
const BUNDLED = 'mock: node on an esbuild bundle (no TypeScript at start; diagnostic)';
const PRISM = 'Prism (first answer on /jobs/deletions/{id})';
const INSTALLED = 'mock: adt-conformance mock (the installed command, compiled)';
/** The installed command's mock: ready within a quarter of a second (issue 25). */
const INSTALLED_TARGET_MS = 250;
const MOCK_TARGET_MS = 1_000;

export async function runReady(ctx: BenchContext): Promise<ReadySection> {
  const { options, log } = ctx;
  const notes: string[] = [];
  const launches: [string, (port: number) => LaunchSpec][] = [
    ...Object.entries(MOCK_LAUNCHES),
    [BARE, bareLaunch],
    [PLAIN_NODE, plainNodeLaunch],
  ];
  // Outside the repository, where ESLint would pick the bundle up.
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'adt-bench-'));
  const bundled = bundledMockLaunch(bundleDir);
  if (bundled) launches.push([BUNDLED, bundled]);
  else
    notes.push('The esbuild-bundled mock was not measured: node_modules/.bin/esbuild is missing or the bundle failed.');
  const installed = installedMockLaunch();
  if (installed) launches.push([INSTALLED, installed]);
  else notes.push('The installed command was not measured: npm run build failed.');
  if (ctx.prism) launches.push([PRISM, prismLaunch(ctx.prism.entry, ctx.prism.specFile)]);
  else if (options.targets.includes('prism')) notes.push(`Prism not measured: ${ctx.prismProblem ?? 'unavailable'}`);
  const times = new Map<string, number[]>(launches.map(([name]) => [name, []]));
  const logDir = path.join(options.workDir, 'logs');
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const [name, launch] of interleave(launches, round)) {
        const port = await freePort();
        const server = await startServer(launch(port), port, logDir, REPO_ROOT);
        await server.stop();
        times.get(name)?.push(server.readyMs);
        log(`  round ${round + 1} ${name}: ready in ${server.readyMs.toFixed(0)} ms`);
      }
    }
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
  const rows = launches.map(([name]): ReadyRow => {
    const readyMs = times.get(name) ?? [];
    return {
      launch: name,
      readyMs,
      medianMs: median(readyMs),
      minMs: Math.min(...readyMs),
      maxMs: Math.max(...readyMs),
    };
  });
  const medianOf = (name: string): number => rows.find((row) => row.launch === name)?.medianMs ?? Number.NaN;
  const mockTimes = times.get(MOCK_REFERENCE) ?? [];
  const prismTimes = times.get(PRISM);
  const derived = [
    {
      label: 'TypeScript compile on start (tsx --no-cache minus tsx with its cache)',
      ms: medianOf('mock: tsx --no-cache (cold compile)') - medianOf(MOCK_REFERENCE),
    },
    {
      label: 'npm run wrapper (npm run mock minus tsx mock/main.ts)',
      ms: medianOf('mock: npm run mock') - medianOf(MOCK_REFERENCE),
    },
    {
      label: 'tsx CLI wrapper process (tsx minus node --import tsx)',
      ms: medianOf(MOCK_REFERENCE) - medianOf('mock: node --import tsx'),
    },
    {
      label: "tsx's ESM loader thread (node --import tsx minus node --require tsx/cjs)",
      ms: medianOf('mock: node --import tsx') - medianOf('mock: node --require tsx/cjs (npm run mock, the webServer)'),
    },
    {
      label: 'the tsx loader itself (bare node:http under node --import tsx minus plain node -e)',
      ms: medianOf(BARE) - medianOf(PLAIN_NODE),
    },
    {
      label: 'TypeScript at start overall (tsx mock/main.ts minus the esbuild bundle on plain node)',
      ms: medianOf(MOCK_REFERENCE) - medianOf(BUNDLED),
    },
    {
      label: "the mock's own loading and set-up (node --import tsx: mock minus bare node:http)",
      ms: medianOf('mock: node --import tsx') - medianOf(BARE),
    },
  ];
  const mockMedian = median(mockTimes);
  const installedMedian = medianOf(INSTALLED);
  if (!Number.isNaN(installedMedian))
    notes.push(
      `The installed command's mock: ${installedMedian.toFixed(0)} ms median to its first answer (target ≤ ${INSTALLED_TARGET_MS} ms), ${medianOf('mock: npm run mock').toFixed(0)} ms for npm run mock.`,
    );
  return {
    rows,
    ...(prismTimes ? { prismOverMock: perRoundRatio(prismTimes, mockTimes) } : {}),
    derived,
    mockTargetMs: MOCK_TARGET_MS,
    mockMet: mockMedian < MOCK_TARGET_MS,
    notes,
  };
}

function perRoundRatio(
  numerators: readonly number[],
  denominators: readonly number[],
): { perRound: number[]; median: number } {
  const perRound = numerators.map((value, round) => ratio(value, denominators[round] ?? Number.NaN));
  return { perRound, median: median(perRound) };
}
