// Mock throughput and latency against a bare node:http server and against Prism, side by side.
import { LoadGenerator } from '../load-client';
import type { LoadResult } from '../load-protocol';
import { TARGETS, type Op, type TargetName } from '../options';
import { freePort, machineCpuMs, startServer, type LaunchSpec, type RunningServer } from '../processes';
import { median, ratio } from '../stats';
import {
  AUTH_HEADERS,
  bareLaunch,
  firstJobId,
  mockLaunch,
  mockNoLogLaunch,
  prismLaunch,
  requestPath,
} from '../targets';
import { interleave, type BenchContext } from '../context';
import { REPO_ROOT } from '../options';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConstantResponse } from '../bare-server';

export interface ThroughputRun {
  round: number;
  target: TargetName;
  /** For the bare server: the request its run is paired with (it answers that path with the mock's own response). */
  op: Op;
  connections: number;
  path: string;
  result: LoadResult;
  serverCpuPercent: number;
  loadGeneratorCpuPercent: number;
  serverCpuMicrosPerRequest: number;
  /** CPU used meanwhile by everything else on the machine (other processes, the bench itself), % of one core. */
  otherCpuPercent: number;
  stealPercent: number;
  saturated: 'server' | 'load generator' | 'neither';
  unexpectedStatuses: number;
}

export interface RatioRow {
  op: Op;
  connections: number;
  versus: 'bare' | 'prism';
  /** Target throughput ratio: mock req/s ÷ the other's req/s, one per round, then the median. */
  perRound: number[];
  median: number;
  /** Same, from server CPU per request (what the ratio would be if both were server-bound). */
  cpuPerRound: number[];
  cpuMedian: number;
  target: number;
  met: boolean;
}

export interface ThroughputSection {
  runs: ThroughputRun[];
  medians: {
    target: TargetName;
    op: Op;
    connections: number;
    requestsPerSec: number;
    p50Ms: number;
    p99Ms: number;
    serverCpuMicrosPerRequest: number;
    otherCpuPercent: number;
    saturatedRounds: string;
  }[];
  ratios: RatioRow[];
  notes: string[];
}

/** Ratios the issue asks for: mock ≥ 0.7 × bare node:http, mock ≥ 10 × Prism. */
export const TARGET_RATIOS = { bare: 0.7, prism: 10 } as const;
const SATURATED_PERCENT = 90;

interface Case {
  target: TargetName;
  op: Op;
  path: string;
  expectStatus: number;
}

function mockCase(target: TargetName, op: Op, hitId: string): Case {
  // Prism has no state: it answers 200 with a generated job for any id, so its "miss" is a 200 too.
  const expectStatus = op === 'miss' && target !== 'prism' ? 404 : 200;
  return { target, op, path: requestPath(op, hitId), expectStatus };
}

function saturation(serverCpu: number, loadCpu: number): ThroughputRun['saturated'] {
  if (serverCpu >= SATURATED_PERCENT) return 'server';
  if (loadCpu >= SATURATED_PERCENT) return 'load generator';
  return 'neither';
}

/** The bare server gets the same path as the mock and answers it with the mock's captured response, or 200 without one. */
function caseFor(target: TargetName, op: Op, hitId: string, captured: ReadonlyMap<string, ConstantResponse>): Case {
  const mine = mockCase(target === 'bare' ? 'mock' : target, op, hitId);
  if (target !== 'bare') return mine;
  return { ...mine, target, expectStatus: captured.get(mine.path)?.status ?? 200 };
}

/** Headers Node writes itself on every response; the rest of the mock's headers are replayed by the bare server. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** The mock's answer to each request of the bench, for the bare server to send as constants. */
async function captureResponses(
  mock: RunningServer,
  ops: readonly Op[],
  hitId: string,
): Promise<Map<string, ConstantResponse>> {
  const captured = new Map<string, ConstantResponse>();
  for (const op of ops) {
    const { path: requestPath } = mockCase('mock', op, hitId);
    const response = await fetch(`${mock.url}${requestPath}`, { headers: AUTH_HEADERS });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!CONNECTION_HEADERS.has(name)) headers[name] = value;
    });
    captured.set(requestPath, { status: response.status, headers, body: await response.text() });
  }
  return captured;
}

async function measure(
  ctx: BenchContext,
  servers: Map<TargetName, RunningServer>,
  load: LoadGenerator,
  notes: string[],
  hitId: string,
  captured: ReadonlyMap<string, ConstantResponse>,
): Promise<ThroughputSection> {
  const { options, log } = ctx;
  // Each mock case runs right next to the runs it is compared with (bare, Prism), so their ratio
  // sees the same machine state; the order flips every round.
  const present = TARGETS.filter((target) => servers.has(target));
  const groups = options.ops.map((op) => present.map((target) => caseFor(target, op, hitId, captured)));
  const runs: ThroughputRun[] = [];
  const total = options.rounds * options.connections.length * groups.flat().length;
  for (let round = 0; round < options.rounds; round++) {
    for (const connections of options.connections) {
      for (const c of interleave(groups, round).flatMap((group) => interleave(group, round))) {
        const server = servers.get(c.target);
        if (!server) continue;
        const job = { url: `${server.url}${c.path}`, headers: AUTH_HEADERS, connections };
        await load.run({ ...job, durationSec: options.warmupSec });
        const cpuBefore = server.cpuMs();
        const machineBefore = machineCpuMs();
        const result = await load.run({ ...job, durationSec: options.durationSec });
        const machineAfter = machineCpuMs();
        const serverCpuMs = server.cpuMs() - cpuBefore;
        const wallMs = result.durationSec * 1000;
        const otherCpuPercent =
          (100 * (machineAfter.busy - machineBefore.busy - serverCpuMs - result.loadGeneratorCpuMs)) / wallMs;
        const stealPercent = (100 * (machineAfter.steal - machineBefore.steal)) / wallMs;
        const serverCpuPercent = (100 * serverCpuMs) / wallMs;
        const loadGeneratorCpuPercent = (100 * result.loadGeneratorCpuMs) / wallMs;
        const unexpectedStatuses = result.responses - (result.statusCounts[String(c.expectStatus)] ?? 0);
        const run: ThroughputRun = {
          round,
          target: c.target,
          op: c.op,
          connections,
          path: c.path,
          result,
          serverCpuPercent,
          loadGeneratorCpuPercent,
          serverCpuMicrosPerRequest: (serverCpuMs * 1000) / Math.max(1, result.responses),
          otherCpuPercent,
          stealPercent,
          saturated: saturation(serverCpuPercent, loadGeneratorCpuPercent),
          unexpectedStatuses,
        };
        runs.push(run);
        log(
          `  [${runs.length}/${total}] round ${round + 1} ${c.target} ${c.op} c=${connections}: ` +
            `${result.requestsPerSec.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms, ` +
            `CPU server ${serverCpuPercent.toFixed(0)}% / load ${loadGeneratorCpuPercent.toFixed(0)}% / others ${otherCpuPercent.toFixed(0)}%` +
            (unexpectedStatuses > 0 || result.errors > 0
              ? `  !! ${unexpectedStatuses} unexpected statuses ${JSON.stringify(result.statusCounts)}, ${result.errors} errors`
              : ''),
        );
      }
    }
  }
  const invalid = runs.filter((run) => run.unexpectedStatuses > 0 || run.result.errors > 0);
  if (invalid.length > 0) {
    notes.push(
      `${invalid.length} run(s) got unexpected statuses or socket errors (see runs[] in the JSON); their figures are not comparable.`,
    );
  }
  const loadBound = runs.filter((run) => run.saturated === 'load generator');
  if (loadBound.length > 0) {
    notes.push(
      `${loadBound.length} of ${runs.length} runs were limited by the load generator (its CPU ≥ ${SATURATED_PERCENT}% of a core while the server's was lower): ` +
        'there the req/s ratio understates the gap, so the CPU-per-request ratio is shown beside it.',
    );
  }
  return {
    runs,
    medians: medians(runs),
    ratios: ratios(runs, options.ops, options.connections, options.rounds),
    notes,
  };
}

function medians(runs: readonly ThroughputRun[]): ThroughputSection['medians'] {
  const groups = new Map<string, ThroughputRun[]>();
  for (const run of runs) {
    const key = `${run.target}|${run.op}|${run.connections}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as ThroughputRun;
    const saturatedCounts = new Map<string, number>();
    for (const run of group) saturatedCounts.set(run.saturated, (saturatedCounts.get(run.saturated) ?? 0) + 1);
    return {
      target: first.target,
      op: first.op,
      connections: first.connections,
      requestsPerSec: median(group.map((run) => run.result.requestsPerSec)),
      p50Ms: median(group.map((run) => run.result.p50Ms)),
      p99Ms: median(group.map((run) => run.result.p99Ms)),
      serverCpuMicrosPerRequest: median(group.map((run) => run.serverCpuMicrosPerRequest)),
      otherCpuPercent: median(group.map((run) => run.otherCpuPercent)),
      saturatedRounds: [...saturatedCounts].map(([what, n]) => `${what} ×${n}`).join(', '),
    };
  });
}

function ratios(
  runs: readonly ThroughputRun[],
  ops: readonly Op[],
  connectionCounts: readonly number[],
  rounds: number,
): RatioRow[] {
  const find = (round: number, target: TargetName, op: Op, connections: number): ThroughputRun | undefined =>
    runs.find(
      (run) => run.round === round && run.target === target && run.op === op && run.connections === connections,
    );
  const rows: RatioRow[] = [];
  for (const versus of ['bare', 'prism'] as const) {
    for (const op of ops) {
      for (const connections of connectionCounts) {
        const perRound: number[] = [];
        const cpuPerRound: number[] = [];
        for (let round = 0; round < rounds; round++) {
          const mine = find(round, 'mock', op, connections);
          const other = find(round, versus, op, connections);
          if (!mine || !other) continue;
          perRound.push(ratio(mine.result.requestsPerSec, other.result.requestsPerSec));
          cpuPerRound.push(ratio(other.serverCpuMicrosPerRequest, mine.serverCpuMicrosPerRequest));
        }
        if (perRound.length === 0) continue;
        const med = median(perRound);
        rows.push({
          op,
          connections,
          versus,
          perRound,
          median: med,
          cpuPerRound,
          cpuMedian: median(cpuPerRound),
          target: TARGET_RATIOS[versus],
          met: med >= TARGET_RATIOS[versus],
        });
      }
    }
  }
  return rows;
}

/** The bare server is started apart, once it has the mock's answers to replay. */
function launchOf(target: Exclude<TargetName, 'bare'>, ctx: BenchContext): (port: number) => LaunchSpec {
  switch (target) {
    case 'mock':
      return mockLaunch;
    case 'mock-nolog':
      return mockNoLogLaunch;
    case 'prism':
      return prismLaunch(ctx.prism?.entry ?? '', ctx.prism?.specFile ?? '');
  }
}

export async function runThroughput(ctx: BenchContext): Promise<ThroughputSection> {
  const { options } = ctx;
  const notes: string[] = [];
  const targets = options.targets.filter((t) => t !== 'prism' || ctx.prism !== undefined);
  if (options.targets.includes('prism') && ctx.prism === undefined)
    notes.push(`Prism not measured: ${ctx.prismProblem ?? 'unavailable'}`);
  const logDir = path.join(options.workDir, 'logs');
  const servers = new Map<TargetName, RunningServer>();
  const load = new LoadGenerator();
  try {
    // Start-up is not measured here (see the ready section), so the servers and the load generator start together;
    // the bare server last, once the mock's answers it replays are known.
    load.start();
    const start = async (target: TargetName, launch: (port: number) => LaunchSpec): Promise<void> => {
      const port = await freePort();
      servers.set(target, await startServer(launch(port), port, logDir, REPO_ROOT));
    };
    const started = await Promise.allSettled(
      targets
        .filter((t): t is Exclude<TargetName, 'bare'> => t !== 'bare')
        .map((target) => start(target, launchOf(target, ctx))),
    );
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const mock = servers.get('mock') ?? servers.get('mock-nolog');
    const hitId = mock ? await firstJobId(mock.url) : 'bench-job-0001';
    const captured = mock ? await captureResponses(mock, options.ops, hitId) : new Map<string, ConstantResponse>();
    if (targets.includes('bare')) {
      const responsesFile = path.join(options.workDir, 'bare-responses.json');
      mkdirSync(options.workDir, { recursive: true });
      writeFileSync(responsesFile, JSON.stringify(Object.fromEntries(captured)));
      await start('bare', (port) => bareLaunch(port, responsesFile));
    }
    return await measure(ctx, servers, load, notes, hitId, captured);
  } finally {
    load.close();
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
}
