/**
 * The bundled mock in a process of its own that can weigh itself: for each line on stdin it runs a full garbage
 * collection (node --expose-gc) and prints `heap <bytes>`, the memory still reachable. The load test compares these
 * between phases: retained memory, not the allocator's and the young generation's noise that RSS carries.
 */
import { createInterface } from 'node:readline';
import { startMockServer } from '../../../../mock/server';

async function main(): Promise<void> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('start the heap probe with node --expose-gc');
  const mock = await startMockServer({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`url ${mock.url}\n`);
  createInterface({ input: process.stdin }).on('line', () => {
    collect();
    process.stdout.write(`heap ${process.memoryUsage().heapUsed}\n`);
  });
  process.on('SIGTERM', () => {
    void mock.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
