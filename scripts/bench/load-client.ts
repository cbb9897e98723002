// The bench's side of the load generator: one long-lived child process, one load run at a time.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../../src/cli/spawn-suite';
import { isFailure, type LoadJob, type LoadResult, type WorkerReply } from './load-protocol';

export class LoadGenerator {
  private child: ChildProcess | undefined;
  private nextId = 1;

  private ensureChild(): ChildProcess {
    if (this.child?.connected === true) return this.child;
    this.child = fork(path.join(__dirname, 'load-worker.ts'), [], {
      execArgv: [...TYPESCRIPT_NODE_ARGS],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return this.child;
  }

  /** Starts the child process ahead of the first run (its TypeScript loader takes a moment). */
  start(): void {
    this.ensureChild();
  }

  run(job: Omit<LoadJob, 'id'>): Promise<LoadResult> {
    const child = this.ensureChild();
    const id = this.nextId++;
    // Bounded: the run itself plus a generous margin for a server that stops answering.
    const limitMs = job.durationSec * 1000 + 30_000;
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        cleanup();
        if (isFailure(reply)) reject(new Error(`load generator: ${reply.error}`));
        else resolve(reply);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`load generator exited (code ${code ?? 'signal'}) during a run`));
      };
      const timer = setTimeout(() => {
        cleanup();
        this.close();
        reject(new Error(`load run against ${job.url} did not finish within ${limitMs} ms`));
      }, limitMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ ...job, id });
    });
  }

  /** CPU time of the generator process itself is measured inside it; this only ends the process. */
  close(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGTERM');
    this.child = undefined;
  }
}
