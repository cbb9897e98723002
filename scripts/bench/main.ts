// npm run bench: mock throughput/latency, time to ready, suite overhead and scaling, side by side in one run.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type { BenchContext } from './context';
import { parseOptions, REPO_ROOT, UsageError, USAGE } from './options';
import { usageFailure } from '../../src/cli/usage';
import { killAllStarted } from './processes';
import { ensurePrism, preparePrismSpec, PrismUnavailable } from './prism';
import { writeReports, type BenchReport } from './report';
import { runCompare } from './sections/compare';
import { runFailing } from './sections/failing';
import { runLoop } from './sections/loop';
import { runProfile } from './sections/profile';
import { runReady } from './sections/ready';
import { runScaling } from './sections/scaling';
import { runSuite } from './sections/suite';
import { runThroughput } from './sections/throughput';

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function setUpPrism(ctx: BenchContext): Promise<void> {
  const { options } = ctx;
  const wantsPrism =
    options.targets.includes('prism') &&
    (options.sections.includes('throughput') || options.sections.includes('ready'));
  if (!wantsPrism) return;
  try {
    const specFile = preparePrismSpec(options.specPath, options.workDir);
    const entry = await ensurePrism(options.prismDir, ctx.log);
    ctx.prism = { entry, specFile };
  } catch (error) {
    if (!(error instanceof PrismUnavailable)) throw error;
    ctx.prismProblem = error.message;
    ctx.log(`!! ${error.message}\n!! Continuing without Prism: its figures and ratios are reported as not measured.`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const options = parseOptions(argv, process.env.INIT_CWD ?? process.cwd());
  const ctx: BenchContext = {
    options,
    log: (line) => {
      console.log(line);
    },
  };
  const cpus = os.cpus();
  const report: BenchReport = {
    meta: {
      startedAt: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
      options,
      command: [
        'npm run bench',
        ...(argv.length > 0 ? ['--', ...argv.map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg))] : []),
      ].join(' '),
    },
  };
  ctx.log(
    `Bench on ${cpus.length} × ${report.meta.cpuModel}, Node ${process.version}, ${options.rounds} round(s), ${options.durationSec} s per load run${options.quick ? ' (quick)' : ''}`,
  );
  await setUpPrism(ctx);
  if (options.sections.includes('throughput')) {
    ctx.log('\n== Mock throughput and latency (keep-alive, loopback) ==');
    report.throughput = await runThroughput(ctx);
  }
  if (options.sections.includes('ready')) {
    ctx.log('\n== Time to ready (spawn → first answer) ==');
    report.ready = await runReady(ctx);
  }
  if (options.sections.includes('suite')) {
    ctx.log('\n== Suite overhead: npm run conformance vs the floor (bundled mock, start included) ==');
    report.suite = await runSuite(ctx);
  }
  if (options.sections.includes('scaling')) {
    ctx.log(
      `\n== Scaling: npm run conformance with ${options.jobCounts.join(', ')} generated jobs seeded into the mock ==`,
    );
    report.scaling = await runScaling(ctx);
  }
  if (options.sections.includes('compare')) {
    ctx.log(`\n== Compare: npm run compare -- mock mock+QUIRK vs the two npm run conformance runs it replaces ==`);
    report.compare = await runCompare(ctx);
  }
  if (options.sections.includes('failing')) {
    ctx.log(
      '\n== Failing target: npm run conformance against a URL target, the mock clean vs with json-byte-order-mark ==',
    );
    report.failing = await runFailing(ctx);
  }
  if (options.sections.includes('profile')) {
    ctx.log('\n== CPU profile of the mock under load ==');
    report.profile = await runProfile(ctx);
  }
  if (options.sections.includes('loop')) {
    ctx.log(`\n== The development loop: ${options.loopCommand}, its whole process tree ==`);
    report.loop = await runLoop(ctx);
  }
  report.meta.finishedAt = new Date().toISOString();
  report.meta.loadAverageAtEnd = os.loadavg().map((value) => Number(value.toFixed(2)));
  const files = writeReports(report, options.outDir);
  ctx.log(`\n${files.markdownText}`);
  ctx.log(`Written: ${files.json}\n         ${files.markdown}`);
  if (options.publishTo !== undefined) {
    writeFileSync(options.publishTo, files.markdownText);
    ctx.log(`Published: ${options.publishTo} (a full run with every default; commit it)`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping every server and suite run it started.`);
    killAllStarted();
    process.exit(130);
  });
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.exitCode = usageFailure('bench', error, USAGE);
    return;
  }
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
