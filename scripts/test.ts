/**
 * `npm test`: the whole proof in the least wall time on two cores. The static checks run first, side by side (the
 * same steps as `npm run check`), so a type or lint error stops everything within seconds. Then two lanes run side by side: the self tests (printed live), and the
 * mutation proof followed by the README's conformance run against the mock (each printed whole when it ends). The
 * self tests spend much of their time waiting on nested runs and timers, which leaves a core idle for the other lane.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Step {
  readonly script: string;
  readonly live: boolean;
}

interface StepResult {
  readonly script: string;
  readonly exitCode: number;
  readonly seconds: number;
}

/** The steps of `npm run check`, read from package.json so the two never drift apart. */
function checkSteps(): Step[] {
  const scripts = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const steps = (scripts.check ?? '').split('&&').map((part) => /^\s*npm run (\S+)\s*$/.exec(part)?.[1]);
  if (steps.length === 0 || steps.some((step) => step === undefined)) throw new Error('package.json: "check" must be a chain of `npm run <script>` steps joined by &&');
  return steps.map((script) => ({ script: script ?? '', live: false }));
}
const LANES: readonly (readonly Step[])[] = [
  [{ script: 'test:self', live: true }],
  [{ script: 'verify:suite', live: false }, { script: 'conformance', live: false }],
];

const running = new Set<ReturnType<typeof spawn>>();

function runStep(step: Step): Promise<StepResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', step.script], { stdio: step.live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (exitCode: number): void => {
      running.delete(child);
      const seconds = Math.round((performance.now() - started) / 1000);
      if (!step.live) process.stdout.write(`\n── npm run ${step.script} (exit ${exitCode}, ${seconds} s) ──\n${Buffer.concat(output).toString('utf8')}\n`);
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
    const result = await runStep(step);
    results.push(result);
    if (result.exitCode !== 0) break;
  }
  return results;
}

function summary(results: readonly StepResult[], wallSeconds: number): string {
  const lines = results.map((r) => `  ${r.exitCode === 0 ? 'ok    ' : 'FAILED'} npm run ${r.script.padEnd(14)} ${String(r.seconds).padStart(4)} s${r.exitCode === 0 ? '' : `  (exit ${r.exitCode})`}`);
  return ['', 'npm test:', ...lines, `  wall time ${Math.floor(wallSeconds / 60)}m${String(wallSeconds % 60).padStart(2, '0')}s`, ''].join('\n');
}

async function main(): Promise<number> {
  const started = performance.now();
  const results = await Promise.all(checkSteps().map(runStep));
  if (results.every((r) => r.exitCode === 0)) results.push(...(await Promise.all(LANES.map(runLane))).flat());
  process.stdout.write(summary(results, Math.round((performance.now() - started) / 1000)));
  return results.find((r) => r.exitCode !== 0)?.exitCode ?? 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of running) child.kill(signal);
    process.exit(130);
  });
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`npm test: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
