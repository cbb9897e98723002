import { jobLabel, noJobReason, notApplicableCase, steadiestJob } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { judge } from '../engine/verdict';
import { percentile } from '../suite/http/rate-limit';
import type { Exchange } from '../suite/http/client';
import { deleteJobsRouteOf } from '../suite/checks';

function isGetByIdOf(exchange: Exchange, id: string): boolean {
  const route = deleteJobsRouteOf(exchange);
  return route?.operation === 'getById' && route.id === id;
}

/** DJ-PERF-01: p95 latency of GetById of a job whose body no longer changes, so every sample measures the same work. */
export function latencyCases(context: PlanContext): Case[] {
  const { samples, budgetMs } = context.latency;
  const what = `p95 GetById latency over ${samples} requests stays under ${budgetMs} ms`;
  const job = steadiestJob(context);
  if (job === undefined) return [notApplicableCase('DJ-PERF-01', what, noJobReason(context))];
  const recorded = context.judgedExchanges?.filter(
    (exchange) => exchange.request.method === 'GET' && exchange.status === 200 && isGetByIdOf(exchange, job.id),
  );
  return [
    {
      requirementId: 'DJ-PERF-01',
      title: `${what} ${jobLabel(job)}`,
      job,
      // Requests are paced (ADT_MAX_RPS); the pacing wait is not part of a sample, only the exchange itself.
      probes: recorded
        ? []
        : Array.from({ length: samples }, () => ({ kind: 'getById', id: job.id, options: { reuse: false } }) as const),
      extraTimeMs: samples * (context.pacingIntervalMs + Math.max(3 * budgetMs, 2_000)),
      // Judging a recording, the samples are the recorded GetById answers of the job, timed as the recording says.
      check: (sent) =>
        judge((f) => {
          const exchanges = recorded ?? sent;
          f.notApplicableWhen(exchanges.length === 0, `the recording holds no 200 GetById of "${job.id}" to time`);
          const durations = exchanges.map((exchange) => exchange.durationMs);
          const p95 = percentile(durations, 95);
          const summary = {
            samples,
            budgetMs,
            p50: percentile(durations, 50),
            p95,
            max: Math.max(...durations),
            durationsMs: durations,
            statuses: exchanges.map((exchange) => exchange.status),
          };
          f.attach('DJ-PERF-01 latency samples', summary);
          f.that(
            p95 < budgetMs,
            `p95 of ${samples} GetById requests for "${job.id}" must stay under ${budgetMs} ms (ADT_LATENCY_BUDGET_MS)`,
            `${p95} ms (median ${summary.p50} ms, max ${summary.max} ms)`,
          );
        }),
    },
  ];
}
