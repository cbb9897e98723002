import {
  discovery, expect, jobLabel, NO_JOBS_REASON, NOT_DISCOVERED_REASON, notApplicableTest, requirementDetails, terminalJob, test,
} from './fixtures';
import { percentile, resolveLatencySettings, resolveTrafficSettings, workerIntervalMs } from '../../src/suite/http/rate-limit';

const { samples, budgetMs } = resolveLatencySettings(process.env);
const WHAT = `p95 GetById latency over ${samples} requests stays under ${budgetMs} ms`;
/** A job whose body no longer changes, so every sample measures the same work. */
const job = terminalJob() ?? discovery?.jobs[0];

if (job === undefined) {
  const placeholder = notApplicableTest('DJ-PERF-01', WHAT, discovery ? NO_JOBS_REASON : NOT_DISCOVERED_REASON);
  test(placeholder.title, placeholder.details, placeholder.body);
} else {
  test(`DJ-PERF-01 ${WHAT} ${jobLabel(job)}`, requirementDetails('DJ-PERF-01', job), async ({ adt, suiteConfig }, testInfo) => {
    // Requests are paced (ADT_MAX_RPS); the pacing wait is not part of a sample, only the exchange itself.
    const intervalMs = workerIntervalMs(resolveTrafficSettings(process.env, suiteConfig.target.kind), testInfo.config.workers);
    test.setTimeout(30_000 + samples * (intervalMs + Math.max(3 * budgetMs, 2_000)));

    const durations: number[] = [];
    const statuses: number[] = [];
    for (let sample = 0; sample < samples; sample++) {
      const exchange = await adt.getById(job.id, { reuse: false });
      durations.push(exchange.durationMs);
      statuses.push(exchange.status);
    }
    const p95 = percentile(durations, 95);
    const summary = { samples, budgetMs, p50: percentile(durations, 50), p95, max: Math.max(...durations), durationsMs: durations, statuses };
    await testInfo.attach('DJ-PERF-01 latency samples', { body: JSON.stringify(summary, null, 2), contentType: 'application/json' });

    expect(p95, `p95 of ${samples} GetById requests for "${job.id}" was ${p95} ms (median ${summary.p50} ms, max ${summary.max} ms); the budget is ${budgetMs} ms (ADT_LATENCY_BUDGET_MS)`)
      .toBeLessThan(budgetMs);
  });
}
