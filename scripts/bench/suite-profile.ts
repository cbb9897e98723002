// Profiles every Node process of one conformance run (npm, the Playwright runner, its workers, the mock)
// through a preload that starts V8's profiler in each; --cpu-prof itself is not allowed in NODE_OPTIONS.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summarizeProfile, type ProfileSummary } from './cpu-profile';
import { bundledMockEnv, timedRun, type SuiteRun } from './suite-run';

export interface ProcessProfile {
  process: string;
  file: string;
  summary: ProfileSummary;
}

export interface SuiteProfile {
  run: SuiteRun;
  processes: ProcessProfile[];
}

const PROFILE_DIR_ENV = 'BENCH_PROFILE_DIR';

const PRELOAD = `// Written by npm run bench: profiles this process and writes the profile when it exits.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.${PROFILE_DIR_ENV};
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      const name = path.basename(process.argv[1] || 'node').replace(/[^\\w.-]/g, '_');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, name + '-' + process.pid + '.cpuprofile'), JSON.stringify(result.profile));
    });
  });
}
`;

export async function profileSuiteRun(
  workDir: string,
  command: string,
  args: readonly string[],
): Promise<SuiteProfile> {
  const dir = path.join(workDir, 'profiles', 'suite');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Outside the repository: ESLint would otherwise try to lint the generated file.
  const preload = path.join(mkdtempSync(path.join(os.tmpdir(), 'adt-bench-')), 'profile-preload.cjs');
  writeFileSync(preload, PRELOAD);
  const env = bundledMockEnv(workDir, { [PROFILE_DIR_ENV]: dir });
  env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--require ${preload}`].filter(Boolean).join(' ');
  const run = await timedRun('profiled-conformance', command, args, env, path.join(workDir, 'logs'), 15 * 60_000);
  rmSync(path.dirname(preload), { recursive: true, force: true });
  const processes = readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => ({
      process: file.replace(/-\d+\.cpuprofile$/, ''),
      file: path.join(dir, file),
      summary: summarizeProfile(path.join(dir, file), 15),
    }))
    .sort((a, b) => b.summary.busyMs - a.summary.busyMs);
  return { run, processes };
}
