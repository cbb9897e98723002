import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { API, expect, test } from './fixtures';
import { TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';

const CONNECTIONS = 64;
/** Requests per phase: counted, not timed, so a slow machine measures the same load as a fast one. */
const PHASE_REQUESTS = 12_000;
/**
 * Live heap after a full collection, between two phases of 12 000 requests each: a leak of 100 bytes or more
 * per request (a growing map, retained sockets or sessions) exceeds it; a steady server moves by ~150 KB either way.
 */
const MAX_HEAP_GROWTH_BYTES = 1024 * 1024;
const TARGETS = [
  `/jobs/deletions/deletejob1?${API}`,
  `/jobs/deletions?${API}`,
  `/jobs/deletions/missing?${API}`,
  `/jobs/deletions/casejob?${API}`,
];

interface Tally {
  byStatus: Map<number, number>;
  errors: string[];
}

interface HeapProbe {
  url: string;
  /** The live heap after a full garbage collection in the mock's process. */
  liveHeap(): Promise<number>;
  stop(): Promise<void>;
}

/** The mock in its own process (tests/self/mock/support/heap-probe.ts), which weighs its heap when asked. */
async function startHeapProbe(): Promise<HeapProbe> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [
    '--expose-gc',
    ...TYPESCRIPT_NODE_ARGS,
    path.join(__dirname, 'support', 'heap-probe.ts'),
  ]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (prefix: string): Promise<string> => {
    const line = await lines.next();
    if (line.done === true || !line.value.startsWith(prefix))
      throw new Error(`the heap probe said ${JSON.stringify(line.value)} instead of "${prefix}…": ${stderr}`);
    return line.value.slice(prefix.length);
  };
  const url = await next('url ');
  return {
    url,
    liveHeap: async () => {
      child.stdin.write('heap\n');
      return Number(await next('heap '));
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CONNECTIONS keep-alive loops sharing `total` requests; counts replies by status and errors. */
async function hammer(base: string, total: number, sessionOf: (n: number) => string): Promise<Tally> {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const tally: Tally = { byStatus: new Map(), errors: [] };
  let sent = 0;
  const loop = async (): Promise<void> => {
    while (sent < total) {
      const n = sent++;
      await new Promise<void>((resolve) => {
        const req = request(
          {
            agent,
            hostname,
            port,
            path: TARGETS[n % TARGETS.length],
            headers: { authorization: `Bearer ${MOCK_DEFAULT_TOKEN}`, 'x-mock-session': sessionOf(n) },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              tally.byStatus.set(res.statusCode ?? 0, (tally.byStatus.get(res.statusCode ?? 0) ?? 0) + 1);
              resolve();
            });
          },
        );
        req.on('error', (error) => {
          tally.errors.push(error.message);
          resolve();
        });
        req.end();
      });
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  agent.destroy();
  return tally;
}

test('a bounded load of many keep-alive connections gets zero errors and retains no memory', async () => {
  test.setTimeout(60_000);
  const mock = await startHeapProbe();
  try {
    // Sessions cycle through more names than the mock keeps, so the bounded session table is exercised too.
    const sessionOf = (n: number): string => `load-${n % 1500}`;
    await hammer(mock.url, PHASE_REQUESTS / 4, sessionOf);
    const first = await hammer(mock.url, PHASE_REQUESTS, sessionOf);
    const afterFirst = await mock.liveHeap();
    const second = await hammer(mock.url, PHASE_REQUESTS, sessionOf);
    const afterSecond = await mock.liveHeap();
    for (const [label, tally] of [
      ['first phase', first],
      ['second phase', second],
    ] as const) {
      expect(tally.errors, `${label}: no socket errors`).toEqual([]);
      expect([...tally.byStatus.keys()].sort(), `${label}: only the expected 200s and 404s`).toEqual([200, 404]);
    }
    const answered = [...second.byStatus.values()].reduce((sum, n) => sum + n, 0);
    expect(answered + second.errors.length, 'every request of the second phase was sent and accounted for').toBe(
      PHASE_REQUESTS,
    );
    expect(
      afterSecond - afterFirst,
      `live heap after a full collection does not grow over ${PHASE_REQUESTS} more requests`,
    ).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  } finally {
    await mock.stop();
  }
});
