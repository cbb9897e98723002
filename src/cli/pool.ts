import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PoolOptions {
  /**
   * Asked before each run beyond the first that is going at the same time: true when the machine has room for
   * another (see spareCore). Without it, `limit` runs go at once.
   */
  readonly room?: () => boolean;
  /** How often a waiting lane asks `room` again. */
  readonly pollMs?: number;
}

/** Runs `work` over the items with at most `limit` at a time; the results keep the items' order. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  options: PoolOptions = {},
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let running = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      if (running > 0 && options.room !== undefined && !options.room()) {
        await sleep(options.pollMs ?? 1000);
        continue;
      }
      const index = next++;
      running += 1;
      try {
        results[index] = await work(items[index] as T);
      } finally {
        running -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    idle += cpu.times.idle;
    total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
  }
  return { idle, total };
}

/**
 * A `room` check in the manner of `make --load-average`: true when, since the previous call, at least half a core
 * of this machine sat idle. On a busy machine another run would only slow every process down (on two cores, npm
 * test spent 594 core-s with verify:suite two at a time beside the self tests, 545 with one at a time).
 */
export function spareCore(threshold = 0.5): () => boolean {
  const cores = cpus().length;
  let previous = cpuTimes();
  return () => {
    const now = cpuTimes();
    const idle = now.idle - previous.idle;
    const total = now.total - previous.total;
    previous = now;
    return total > 0 && (idle / total) * cores >= threshold;
  };
}
