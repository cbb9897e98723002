import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { API, expect, spawnMock, test } from './fixtures';

const CONNECTIONS = 64;
const PHASE_MS = 3_000;
/** Generous: this catches a leak per request (a growing map, retained sockets), not allocator noise. */
const MAX_RSS_GROWTH_BYTES = 32 * 1024 * 1024;
const TARGETS = [`/jobs/deletions/deletejob1?${API}`, `/jobs/deletions?${API}`, `/jobs/deletions/missing?${API}`, `/jobs/deletions/casejob?${API}`];

interface Tally {
  byStatus: Map<number, number>;
  errors: string[];
}

function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? NaN) * 1024;
}

/** CONNECTIONS keep-alive loops of requests until the deadline; counts replies by status and errors. */
async function hammer(base: string, durationMs: number, sessionOf: (n: number) => string): Promise<Tally> {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const tally: Tally = { byStatus: new Map(), errors: [] };
  const deadline = Date.now() + durationMs;
  let sent = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const n = sent++;
      await new Promise<void>((resolve) => {
        const req = request({
          agent, hostname, port, path: TARGETS[n % TARGETS.length],
          headers: { authorization: `Bearer ${MOCK_DEFAULT_TOKEN}`, 'x-mock-session': sessionOf(n) },
        }, (res) => {
          res.resume();
          res.on('end', () => {
            tally.byStatus.set(res.statusCode ?? 0, (tally.byStatus.get(res.statusCode ?? 0) ?? 0) + 1);
            resolve();
          });
        });
        req.on('error', (error) => { tally.errors.push(error.message); resolve(); });
        req.end();
      });
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  agent.destroy();
  return tally;
}

test('a bounded load of many keep-alive connections gets zero errors and no memory growth', async () => {
  test.skip(process.platform !== 'linux', 'reads the resident size from /proc');
  test.setTimeout(60_000);
  const mock = await spawnMock(['--port', '0', '--log', 'off']);
  try {
    const pid = mock.child.pid ?? 0;
    // Sessions cycle through more names than the mock keeps, so the bounded session table is exercised too.
    const sessionOf = (n: number): string => `load-${n % 1500}`;
    await hammer(mock.url, 1_000, sessionOf);
    const first = await hammer(mock.url, PHASE_MS, sessionOf);
    const afterFirst = residentBytes(pid);
    const second = await hammer(mock.url, PHASE_MS, sessionOf);
    const afterSecond = residentBytes(pid);
    for (const [label, tally] of [['first phase', first], ['second phase', second]] as const) {
      expect(tally.errors, `${label}: no socket errors`).toEqual([]);
      expect([...tally.byStatus.keys()].sort(), `${label}: only the expected 200s and 404s`).toEqual([200, 404]);
    }
    expect(afterSecond - afterFirst, 'resident memory does not keep growing under steady load').toBeLessThan(MAX_RSS_GROWTH_BYTES);
  } finally {
    mock.child.kill('SIGTERM');
    await mock.exited;
  }
});
