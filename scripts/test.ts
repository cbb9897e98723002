/**
 * `npm test`: the whole proof in the least wall time on two cores. The static checks start first, side by side (the
 * same steps as `npm run check`). When all but check:static have passed (a few seconds), two lanes start: the self
 * tests (printed live), the longer lane, which widens to both cores when the other ends, and the mutation proof
 * followed by the README's conformance run against the mock (a step not printed live is printed whole when it ends).
 * check:static (typecheck and lint) runs on beside them: waiting for it would leave a core idle for twenty seconds of
 * a CPU-bound run. A failing check stops the lanes at once, so a type or lint error still ends `npm test` early.
 */
import { spawn } from 'node:child_process';
import { stopGroup } from '../src/cli/spawn-suite';
import { checkSteps, LANES, stepEnvironment, type Step } from './test-plan';

interface StepResult {
  readonly script: string;
  readonly exitCode: number;
  readonly seconds: number;
  /** Stopped because a check failed, not failed on its own. */
  readonly stopped?: boolean;
}

const running = new Set<ReturnType<typeof spawn>>();
const inLanes = new Set<ReturnType<typeof spawn>>();
let stopping = false;

/** Each step leads its own process group, so stopping it stops its Playwright workers and mocks too. */
function stop(children: ReadonlySet<ReturnType<typeof spawn>>, signal: NodeJS.Signals): void {
  stopping = true;
  for (const child of children) {
    if (child.pid !== undefined) stopGroup(child.pid, true, signal);
  }
}

function runStep(step: Step, lane = false): Promise<StepResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', step.script], {
      stdio: step.live ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: stepEnvironment(step, process.env),
    });
    running.add(child);
    if (lane) inLanes.add(child);
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (exitCode: number): void => {
      running.delete(child);
      inLanes.delete(child);
      const seconds = Math.round((performance.now() - started) / 1000);
      if (lane && stopping && exitCode !== 0) {
        resolve({ script: step.script, exitCode, seconds, stopped: true });
        return;
      }
      if (!step.live)
        process.stdout.write(
          `\n── npm run ${step.script} (exit ${exitCode}, ${seconds} s) ──\n${Buffer.concat(output).toString('utf8')}\n`,
        );
      resolve({ script: step.script, exitCode, seconds });
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`could not start npm: ${error.message}\n`));
      finish(127);
    });
    child.on('close', (code, signal) => {
      finish(code ?? (signal ? 130 : 1));
    });
  });
}

/** One lane: its steps in order, stopping at the first that fails. */
async function runLane(steps: readonly Step[]): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of steps) {
    if (stopping) break;
    const result = await runStep(step, true);
    results.push(result);
    if (result.exitCode !== 0) break;
  }
  return results;
}

function summary(results: readonly StepResult[], wallSeconds: number): string {
  const state = (r: StepResult): string => (r.exitCode === 0 ? 'ok     ' : r.stopped === true ? 'stopped' : 'FAILED ');
  const note = (r: StepResult): string =>
    r.exitCode === 0 ? '' : r.stopped === true ? '  (a check failed)' : `  (exit ${r.exitCode})`;
  const lines = results.map(
    (r) => `  ${state(r)} npm run ${r.script.padEnd(14)} ${String(r.seconds).padStart(4)} s${note(r)}`,
  );
  return [
    '',
    'npm test:',
    ...lines,
    `  wall time ${Math.floor(wallSeconds / 60)}m${String(wallSeconds % 60).padStart(2, '0')}s`,
    '',
  ].join('\n');
}

/** The slowest check (~20 s alone, on one core): it runs on beside the lanes instead of holding them back. */
const BESIDE_THE_LANES = 'check:static';

async function main(): Promise<number> {
  const started = performance.now();
  const watched = (step: Step): Promise<StepResult> =>
    runStep(step).then((result) => {
      if (result.exitCode !== 0) stop(inLanes, 'SIGTERM');
      return result;
    });
  const steps = checkSteps();
  const beside = Promise.all(steps.filter((step) => step.script === BESIDE_THE_LANES).map(watched));
  const gate = await Promise.all(steps.filter((step) => step.script !== BESIDE_THE_LANES).map(watched));
  const lanes = gate.every((r) => r.exitCode === 0) ? (await Promise.all(LANES.map(runLane))).flat() : [];
  // Checks first, so the exit code is a failing check's when there is one.
  const results = [...gate, ...(await beside), ...lanes];
  process.stdout.write(summary(results, Math.round((performance.now() - started) / 1000)));
  return results.find((r) => r.exitCode !== 0)?.exitCode ?? 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stop(running, signal);
    process.exit(130);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm test: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
