// How each server under test is launched and probed. Every launch listens on a port chosen up front,
// so readiness is measured the same way for all of them: spawn, then poll until the first answer.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MOCK_DEFAULT_TOKEN } from '../../mock/contract';
import { TYPESCRIPT_NODE_ARGS } from '../../src/cli/spawn-suite';
import { REPO_ROOT, type Op } from './options';
import type { LaunchSpec, Probe } from './processes';
import { build, DIST } from '../build';

export const API_VERSION = '2023-10-31';
export const AUTH_HEADERS = { authorization: `Bearer ${MOCK_DEFAULT_TOKEN}` };
const MISSING_ID = 'bench-no-such-job';

/** The request the bench sends for each kind: GetById of `hitId`, GetById of an id no scenario has, List. */
export function requestPath(op: Op, hitId: string): string {
  const query = `api-version=${API_VERSION}`;
  switch (op) {
    case 'hit':
      return `/jobs/deletions/${encodeURIComponent(hitId)}?${query}`;
    case 'miss':
      return `/jobs/deletions/${MISSING_ID}?${query}`;
    case 'list':
      return `/jobs/deletions?${query}`;
  }
}

/** The id of the first job the mock at `url` lists: what the bench's hits ask for. */
export async function firstJobId(url: string): Promise<string> {
  const response = await fetch(`${url}${requestPath('list', '')}`, { headers: AUTH_HEADERS });
  const body = (await response.json()) as { value?: { id?: unknown }[] };
  const id = body.value?.[0]?.id;
  if (response.status !== 200 || typeof id !== 'string') {
    throw new Error(
      `The mock's List answered ${response.status} without a job id; the bench needs a scenario with at least one job.`,
    );
  }
  return id;
}

const TSX_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const MOCK_MAIN = 'mock/main.ts';
const HOST_ARGS = ['--host', '127.0.0.1'];

const HEALTHZ: Probe = { path: '/healthz', accepts: (status) => status === 200 };
/** Prism has no /healthz: its first 2xx/4xx on a real path of the spec counts as ready. */
const PRISM_PROBE: Probe = {
  path: `/jobs/deletions/bench-ready-probe?api-version=${API_VERSION}`,
  headers: AUTH_HEADERS,
  accepts: (status) => status >= 200 && status < 500,
};
const ANY_ANSWER: Probe = { path: '/', accepts: (status) => status === 200 };

/** Ways to start the mock, to show what the TypeScript-on-start compile and the npm wrapper cost. */
export const MOCK_LAUNCHES = {
  'mock: npm run mock': (port: number): LaunchSpec => ({
    name: 'mock-npm-run',
    command: 'npm',
    args: ['run', '--silent', 'mock', '--', '--port', String(port), ...HOST_ARGS],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  }),
  'mock: tsx mock/main.ts': (port: number): LaunchSpec => ({
    name: 'mock-tsx',
    command: TSX_BIN,
    args: [MOCK_MAIN, '--port', String(port), ...HOST_ARGS],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  }),
  'mock: tsx --no-cache (cold compile)': (port: number): LaunchSpec => ({
    name: 'mock-tsx-no-cache',
    command: TSX_BIN,
    args: ['--no-cache', MOCK_MAIN, '--port', String(port), ...HOST_ARGS],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  }),
  'mock: node --require tsx/cjs (npm run mock, the webServer)': (port: number): LaunchSpec => ({
    name: 'mock-node-require-tsx-cjs',
    command: process.execPath,
    args: [...TYPESCRIPT_NODE_ARGS, MOCK_MAIN, '--port', String(port), ...HOST_ARGS],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  }),
  'mock: node --import tsx': (port: number): LaunchSpec => ({
    name: 'mock-node-import-tsx',
    command: process.execPath,
    args: ['--import', 'tsx', MOCK_MAIN, '--port', String(port), ...HOST_ARGS],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  }),
} as const;
export type MockLaunchName = keyof typeof MOCK_LAUNCHES;

const ESBUILD_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'esbuild');

/**
 * What start-up would cost without compiling TypeScript at start: the mock bundled once with esbuild (which
 * tsx ships), run by plain node. Undefined when esbuild is not there. Not a supported way to run the mock.
 */
export function bundledMockLaunch(bundleDir: string): ((port: number) => LaunchSpec) | undefined {
  if (!existsSync(ESBUILD_BIN)) return undefined;
  const bundle = path.join(bundleDir, 'mock-bundle.cjs');
  try {
    execFileSync(
      ESBUILD_BIN,
      [
        MOCK_MAIN,
        '--bundle',
        '--platform=node',
        '--format=cjs',
        '--target=node20',
        `--outfile=${bundle}`,
        '--log-level=error',
      ],
      { cwd: REPO_ROOT, timeout: 60_000 },
    );
  } catch {
    return undefined;
  }
  return (port: number): LaunchSpec => ({
    name: 'mock-bundle',
    command: process.execPath,
    // The bundle lives outside mock/, so it is told where the scenarios are.
    args: [
      bundle,
      '--port',
      String(port),
      ...HOST_ARGS,
      '--scenario-dir',
      path.join(REPO_ROOT, 'fixtures', 'scenarios'),
    ],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  });
}

/**
 * The installed command's mock, `adt-conformance mock`: compiled JavaScript (npm run build, as npm pack does), its
 * mock one bundled file. Run from the repository's dist/, which is what the package holds. Undefined when the build fails.
 */
export function installedMockLaunch(): ((port: number) => LaunchSpec) | undefined {
  try {
    build();
  } catch {
    return undefined;
  }
  return (port: number): LaunchSpec => ({
    name: 'mock-installed-command',
    command: process.execPath,
    args: [path.join(DIST, 'src', 'cli', 'adt-conformance.js'), 'mock', '--port', String(port), ...HOST_ARGS],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  });
}

/** The mock as the throughput section runs it: as `npm run mock` and the suite's webServer start it. */
export const mockLaunch = MOCK_LAUNCHES['mock: node --require tsx/cjs (npm run mock, the webServer)'];

/** The same without its per-request log line, to show what logging costs. */
export function mockNoLogLaunch(port: number): LaunchSpec {
  const spec = mockLaunch(port);
  return { ...spec, name: 'mock-nolog', args: [...spec.args, '--log', 'off'] };
}

/** The mock under V8's sampling profiler; the profile is written when it exits on SIGTERM. */
export function mockProfiledLaunch(profileDir: string) {
  return (port: number): LaunchSpec => ({
    name: 'mock-profiled',
    command: process.execPath,
    args: [
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
      ...TYPESCRIPT_NODE_ARGS,
      MOCK_MAIN,
      '--port',
      String(port),
      ...HOST_ARGS,
    ],
    probe: HEALTHZ,
    readyTimeoutMs: 30_000,
  });
}

/** `responsesFile`: the constant response for each path (the mock's own answers); without it, one small job body. */
export function bareLaunch(port: number, responsesFile?: string): LaunchSpec {
  return {
    name: 'bare-node-http',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      path.join('scripts', 'bench', 'bare-server.ts'),
      '--port',
      String(port),
      ...HOST_ARGS,
      ...(responsesFile === undefined ? [] : ['--responses', responsesFile]),
    ],
    probe: ANY_ANSWER,
    readyTimeoutMs: 30_000,
  };
}

/** The floor of the floor: Node itself with an inline JavaScript server, no TypeScript loader. */
export function plainNodeLaunch(port: number): LaunchSpec {
  const code = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{}'); }).listen(${port}, '127.0.0.1')`;
  return {
    name: 'plain-node-http',
    command: process.execPath,
    args: ['-e', code],
    probe: ANY_ANSWER,
    readyTimeoutMs: 30_000,
  };
}

export function prismLaunch(prismEntry: string, specFile: string) {
  return (port: number): LaunchSpec => ({
    name: 'prism',
    command: process.execPath,
    args: [prismEntry, 'mock', '-h', '127.0.0.1', '-p', String(port), specFile],
    probe: PRISM_PROBE,
    readyTimeoutMs: 60_000,
  });
}
