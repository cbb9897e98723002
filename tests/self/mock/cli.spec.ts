import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { READY_LINE_PATTERN } from '../../../mock/contract';
import { API, call, expect, spawnMock, spawnNpmMock, test } from './fixtures';
import { isolatedEnvironment, TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';
import { exitWithin, startNpm } from '../cli/support/npm-run';
import { descendantsOf, isRunning } from '../../../scripts/bench/processes';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function runCli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, 'mock/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('prints exactly one ready line with the real port, logs one line per request without the token, exits 0 on SIGTERM', async () => {
  const mock = await spawnMock(['--port', '0', '--token', 'super-secret-token']);
  const readyLines = mock
    .stdout()
    .split('\n')
    .filter((line) => line !== '');
  expect(readyLines, 'one line before any request').toHaveLength(1);
  expect(readyLines[0], 'the line the suite parses').toMatch(READY_LINE_PATTERN);
  expect(new URL(mock.url).port, '--port 0 prints the port actually bound').not.toBe('0');
  const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
    headers: { authorization: 'Bearer super-secret-token' },
  });
  expect(reply.status, 'the token from --token works').toBe(200);
  await expect
    .poll(
      () =>
        mock
          .stdout()
          .split('\n')
          .filter((line) => line.includes('/jobs/deletions/deletejob1')).length,
      'one log line for the request',
    )
    .toBe(1);
  mock.child.kill('SIGTERM');
  expect(await mock.exited, 'clean shutdown').toBe(0);
  expect(mock.stdout() + mock.stderr(), 'the token never reaches the log').not.toContain('super-secret-token');
});

test('exits 0 on SIGINT too', async () => {
  const mock = await spawnMock(['--port', '0']);
  mock.child.kill('SIGINT');
  expect(await mock.exited, 'clean shutdown').toBe(0);
});

test('npm run mock: kill -TERM to the npm pid stops the mock and frees its port', async () => {
  const npm = startNpm('npm', ['run', 'mock', '--', '--port', '0'], isolatedEnvironment());
  try {
    await npm.waitFor(READY_LINE_PATTERN);
    const url = READY_LINE_PATTERN.exec(npm.output())?.[1] ?? '';
    const mock = descendantsOf(npm.pid);
    expect((await call(url, `/jobs/deletions?${API}`)).status, 'the mock answers').toBe(200);
    process.kill(npm.pid, 'SIGTERM');
    expect(await exitWithin(npm, 10), npm.output()).toBe(0);
    expect(mock.filter(isRunning), 'the mock process').toEqual([]);
    await expect(call(url, `/jobs/deletions?${API}`), 'nothing listens on the port any more').rejects.toThrow(
      /ECONNREFUSED/,
    );
  } finally {
    npm.cleanup();
  }
});

test('reads its settings from environment variables', async () => {
  const mock = await spawnMock([], {
    ADT_MOCK_PORT: '0',
    ADT_MOCK_SCENARIO: 'history',
    ADT_MOCK_TOKEN: 'env-token',
    ADT_MOCK_LOG: 'off',
    ADT_MOCK_QUIRKS: 'no-charset',
  });
  try {
    const reply = await call(mock.url, `/jobs/deletions/history-01?${API}`, {
      headers: { authorization: 'Bearer env-token' },
    });
    expect([reply.status, reply.headers['content-type']], 'scenario, token and quirk from the environment').toEqual([
      200,
      'application/json',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mock.stdout().trim().split('\n'), 'ADT_MOCK_LOG=off: only the ready line').toHaveLength(1);
  } finally {
    mock.child.kill('SIGTERM');
    await mock.exited;
  }
});

const badStarts: [string, string[], RegExp][] = [
  ['an unknown flag', ['--prot', '1'], /Unknown option '--prot'.*--help/],
  ['a bad port', ['--port', 'http'], /--port \/ ADT_MOCK_PORT must be a whole number/],
  ['an unknown scenario', ['--port', '0', '--scenario', 'nope'], /Unknown scenario "nope". Known scenarios: default/],
  ['an unknown quirk', ['--port', '0', '--quirk', 'nope'], /Unknown quirk "nope"/],
  ['a bad clock', ['--port', '0', '--clock', 'fast'], /--clock \/ ADT_MOCK_CLOCK must be frozen or realtime/],
  [
    'a bad start time',
    ['--port', '0', '--now', '2024-02-30T00:00:00Z'],
    /--now \/ ADT_MOCK_NOW must be an RFC 3339 time/,
  ],
  ['a malformed fault', ['--port', '0', '--fault', 'boom'], /Fault "boom" is malformed/],
];
for (const [label, args, message] of badStarts) {
  test(`refuses ${label} with one clear line and exit code 2`, () => {
    const result = runCli(args);
    expect(result.status, 'a usage error').toBe(2);
    expect(result.stderr.trim().split('\n'), 'exactly one line, no stack trace').toHaveLength(1);
    expect(result.stderr, 'names the setting and the fix').toMatch(message);
  });
}

/** `npm run mock -- ARGS` as a user types it; npm's own banner goes to stdout, the mock's message to stderr. */
function runNpmMock(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync('npm', ['run', 'mock', '--', ...args], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

test('npm run mock on a port in use: one line naming the port and --port 0, exit code 2', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = holder.address() as AddressInfo;
    const result = runNpmMock(['--port', String(port)]);
    expect(result.status, "a usage error, like the mock's others").toBe(2);
    expect(result.stderr.trim().split('\n'), 'exactly one line, no stack trace').toHaveLength(1);
    expect(result.stderr, 'names the port and the way out').toMatch(
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--port 0`),
    );
  } finally {
    holder.close();
  }
});

const typos: [string, string[], string][] = [
  ['quirk', ['--quirk', 'capitalized-status'], 'capitalised-status'],
  ['scenario', ['--scenario', 'histroy'], 'history'],
  ['fault part', ['--fault', 'latancy=200'], 'latency'],
  ['clock mode', ['--clock', 'realtme'], 'realtime'],
  ['flag', ['--prot', '0'], '--port'],
];
for (const [what, args, meant] of typos) {
  test(`npm run mock with a misspelt ${what} suggests "${meant}" in its one line, exit code 2`, () => {
    const result = runNpmMock(['--port', '0', ...args]);
    expect(result.status, 'a usage error').toBe(2);
    expect(result.stderr.trim().split('\n'), 'exactly one line').toHaveLength(1);
    expect(result.stderr, 'the closest known name').toContain(`Did you mean "${meant}"?`);
  });
}

test('npm run mock --scenario-dir adds its scenarios to the built-in ones; one of the same name replaces it, with a note', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-mock-scenarios-'));
  const job = {
    id: 'custom-job',
    status: 'running',
    createdDateTime: '2024-06-01T11:00:00Z',
    purgeDateTime: '2024-07-01T11:00:00Z',
  };
  writeFileSync(path.join(dir, 'mine.json'), JSON.stringify({ now: '2024-06-01T12:00:00Z', jobs: [job] }));
  writeFileSync(
    path.join(dir, 'empty.json'),
    JSON.stringify({ now: '2024-06-01T12:00:00Z', jobs: [{ ...job, id: 'not-so-empty' }] }),
  );
  const mock = await spawnNpmMock(['--port', '0', '--scenario-dir', dir, '--scenario', 'mine', '--log', 'off']);
  try {
    expect((await call(mock.url, `/jobs/deletions/custom-job?${API}`)).status, 'the custom scenario is served').toBe(
      200,
    );
    const history = await call(mock.url, `/jobs/deletions/history-01?${API}`, {
      headers: { 'x-mock-scenario': 'history' },
    });
    expect(history.status, 'a built-in scenario is still there').toBe(200);
    const replaced = await call(mock.url, `/jobs/deletions/not-so-empty?${API}`, {
      headers: { 'x-mock-scenario': 'empty' },
    });
    expect(replaced.status, 'the custom "empty" replaces the built-in one').toBe(200);
    expect(mock.stderr(), 'and the mock says so at start').toContain(
      `the scenario "empty" of ${dir} replaces the built-in one`,
    );
  } finally {
    await mock.stop();
  }
});

test('refuses a broken scenario file, naming the file and the field', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-mock-scenarios-'));
  writeFileSync(
    path.join(dir, 'default.json'),
    JSON.stringify({
      now: '2024-06-01T12:00:00Z',
      jobs: [
        { id: 'x', status: 'Running', createdDateTime: '2024-06-01T11:00:00Z', purgeDateTime: '2024-07-01T11:00:00Z' },
      ],
    }),
  );
  const result = runCli(['--port', '0', '--scenario-dir', dir]);
  expect(result.status, 'cannot start').toBe(2);
  expect(result.stderr, 'file, field and what is expected').toMatch(
    /default\.json: jobs\[0\]\.status must be one of notstarted, running, failed, succeeded/,
  );
});

test('prints its usage with --help', () => {
  const result = runCli(['--help']);
  expect(result.status, 'help is not an error').toBe(0);
  expect(result.stdout, 'lists flags and variables').toContain('--scenario NAME');
});
