import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { MOCK_DEFAULT_TOKEN, READY_LINE_PATTERN } from '../../../mock/contract';
import { startMockServer, type RunningMock, type ServerOptions } from '../../../mock/server';
import { TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';

export const API = 'api-version=2023-10-31';
export const AUTH = { authorization: `Bearer ${MOCK_DEFAULT_TOKEN}` };
const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Reply {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string | undefined>;
  text: string;
  json: () => unknown;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  auth?: boolean;
  body?: string;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
}

/**
 * One HTTP exchange over a real socket, with the path sent verbatim (fetch would normalise dot segments
 * and encodings). The bearer token is sent unless `auth: false`.
 */
export function call(base: string, target: string, options: CallOptions = {}): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path: target,
        method: options.method ?? 'GET',
        agent: false,
        headers: { ...(options.auth === false ? {} : AUTH), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: flatHeaders(res.headers),
            text,
            json: () => JSON.parse(text) as unknown,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The mock as a child process started through the real CLI, as users and the suite start it. */
export interface MockProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function spawnMock(args: string[], env: Record<string, string> = {}): Promise<MockProcess> {
  return untilReady(
    spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, path.join(ROOT, 'mock', 'main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    }),
  );
}

/**
 * The mock started exactly as a user starts it, `npm run mock -- ARGS`, in a process group of its own: `stop()`
 * ends npm, its shell and the mock together, so the test leaves no process behind.
 */
export async function spawnNpmMock(
  args: string[],
  env: Record<string, string> = {},
): Promise<MockProcess & { stop: () => Promise<void> }> {
  const child = spawn('npm', ['run', 'mock', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
  });
  // Rejects only once npm has exited, so a failed start leaves nothing to stop.
  const mock = await untilReady(child);
  const stop = async (): Promise<void> => {
    try {
      process.kill(-(child.pid ?? 0), 'SIGTERM');
    } catch {
      // the group is already gone
    }
    await mock.exited;
  };
  return { ...mock, stop };
}

function untilReady(child: ChildProcessWithoutNullStreams): Promise<MockProcess> {
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = READY_LINE_PATTERN.exec(out)?.groups?.adt_mock_url;
      if (url !== undefined) resolve({ url, child, stdout: () => out, stderr: () => err, exited });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    void exited.then((code) => {
      reject(new Error(`mock exited with ${code}: ${err}`));
    });
  });
}

interface MockFixtures {
  /** Options every mock of the test starts with; override with test.use({ mockOptions }). */
  mockOptions: ServerOptions;
  /** A mock with default options, in this test's process, on an ephemeral loopback port. */
  mock: RunningMock;
  /** Starts further mocks with chosen options; all are closed after the test. */
  startMock: (options?: ServerOptions) => Promise<RunningMock>;
}

export const test = base.extend<MockFixtures>({
  mockOptions: [{}, { option: true }],
  startMock: async ({ mockOptions }, use) => {
    const started: RunningMock[] = [];
    await use(async (options = {}) => {
      const mock = await startMockServer({ ...mockOptions, ...options, port: 0 });
      started.push(mock);
      return mock;
    });
    await Promise.all(started.map((mock) => mock.close()));
  },
  mock: async ({ startMock }, use) => {
    await use(await startMock());
  },
});

export { expect } from '@playwright/test';
