// Child process that runs autocannon, so the load generator never shares an event loop with the bench or a server.
import autocannon from 'autocannon';
import type { LoadJob, WorkerReply } from './load-protocol';
import { percentileOfSorted } from './stats';

async function run(job: LoadJob): Promise<WorkerReply> {
  const base = { url: job.url, headers: job.headers, connections: job.connections, timeout: 10 };
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpuBefore = process.cpuUsage();
  // autocannon notices the end of a run only at a sample tick (1 s by default): without a shorter interval, a
  // 0.3 s run (or warm-up) lasts a whole second.
  const sampleInt = Math.min(1000, Math.max(10, Math.round((job.durationSec * 1000) / 10)));
  const instance = autocannon({ ...base, duration: job.durationSec, sampleInt });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTimeMs;
  });
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.subarray(0, count).sort();
  const statusCounts: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats))
    statusCounts[status] = Number(stats?.count ?? 0);
  return {
    id: job.id,
    responses: count,
    durationSec: result.duration,
    requestsPerSec: count / result.duration,
    p50Ms: percentileOfSorted(sorted, 50),
    p99Ms: percentileOfSorted(sorted, 99),
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    loadGeneratorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.on('message', (job: LoadJob) => {
  void run(job)
    .catch((error: unknown): WorkerReply => ({
      id: job.id,
      error: error instanceof Error ? error.message : String(error),
    }))
    .then((reply) => process.send?.(reply));
});
process.on('disconnect', () => process.exit(0));
