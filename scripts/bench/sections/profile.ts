// Where the mock spends its CPU under load: a V8 CPU profile per request kind, summarised by function and file.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from '../context';
import { monotonicMicros, summarizeProfile, type ProfileSummary } from '../cpu-profile';
import { LoadGenerator } from '../load-client';
import { REPO_ROOT, type Op } from '../options';
import { freePort, startServer } from '../processes';
import { profileSuiteRun, type SuiteProfile } from '../suite-profile';
import { AUTH_HEADERS, firstJobId, mockProfiledLaunch, requestPath } from '../targets';

export interface ProfileRow {
  op: Op;
  connections: number;
  requestsPerSec: number;
  profileFile: string;
  summary: ProfileSummary;
}

export interface ProfileSection {
  rows: ProfileRow[];
  suite?: SuiteProfile;
}

/** The busiest profile of a run: the main thread (under `--import tsx` its loader thread writes one too). */
function busiestProfile(
  dir: string,
  window: { fromUs: number; toUs: number },
): { file: string; summary: ProfileSummary } | undefined {
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  return files
    .map((file) => ({ file: path.join(dir, file), summary: summarizeProfile(path.join(dir, file), 15, window) }))
    .sort((a, b) => b.summary.busyMs - a.summary.busyMs)[0];
}

export async function runProfile(ctx: BenchContext): Promise<ProfileSection> {
  const { options, log } = ctx;
  const load = new LoadGenerator();
  const rows: ProfileRow[] = [];
  const connections = Math.max(...options.connections);
  try {
    for (const op of options.ops) {
      const dir = path.join(options.workDir, 'profiles', op);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const port = await freePort();
      const server = await startServer(
        mockProfiledLaunch(dir)(port),
        port,
        path.join(options.workDir, 'logs'),
        REPO_ROOT,
      );
      const url = `${server.url}${requestPath(op, await firstJobId(server.url))}`;
      let requestsPerSec: number;
      // Only the measured run counts: start-up and the warm-up are outside this window.
      await load.run({ url, headers: AUTH_HEADERS, connections, durationSec: options.warmupSec });
      const window = { fromUs: monotonicMicros(), toUs: Number.POSITIVE_INFINITY };
      try {
        const result = await load.run({
          url,
          headers: AUTH_HEADERS,
          connections,
          durationSec: options.durationSec * 2,
        });
        requestsPerSec = result.requestsPerSec;
        window.toUs = monotonicMicros();
      } finally {
        await server.stop();
      }
      const busiest = busiestProfile(dir, window);
      if (!busiest)
        throw new Error(`The profiled mock wrote no .cpuprofile into ${dir}; does it exit cleanly on SIGTERM?`);
      rows.push({ op, connections, requestsPerSec, profileFile: busiest.file, summary: busiest.summary });
      const top = busiest.summary.functions
        .slice(0, 3)
        .map((spot) => `${spot.name} (${spot.where}) ${spot.selfPercent.toFixed(0)}%`);
      log(
        `  ${op} c=${connections}: ${requestsPerSec.toFixed(0)} req/s under the profiler; top self time: ${top.join(', ')}`,
      );
    }
  } finally {
    load.close();
  }
  log('  profiling every process of one npm run conformance…');
  const suite = await profileSuiteRun(options.workDir, 'npm', ['run', 'conformance']);
  for (const proc of suite.processes.slice(0, 4)) {
    const top = proc.summary.functions
      .slice(0, 3)
      .map((spot) => `${spot.name} (${spot.where}) ${spot.selfPercent.toFixed(0)}%`);
    log(`  ${proc.process}: busy ${proc.summary.busyMs.toFixed(0)} ms; top self time: ${top.join(', ')}`);
  }
  return { rows, suite };
}
