import type { SuiteConfig } from '../config';

/** What the pacing line needs to know of a planned test. */
export interface PlannedTest {
  readonly title: string;
  readonly tags: readonly string[];
}

const PERF_TAG = '@DJ-PERF-01';
const NOT_APPLICABLE = /\(not applicable\)$/;

function duration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const rest = whole % 60;
  return `${Math.floor(whole / 60)} min${rest === 0 ? '' : ` ${rest} s`}`;
}

/**
 * One line at the start of a paced run: the pace, the requests planned and how long they take at that pace, and
 * the variable that changes it. The count is an estimate from the plan, and says how it was made: one request per
 * test (a not-applicable placeholder sends none), ADT_LATENCY_SAMPLES for DJ-PERF-01; identical GETs are sent once
 * per worker, so a run usually sends fewer. Undefined when the run is not paced.
 */
export function pacingLine(
  config: Pick<SuiteConfig, 'traffic' | 'latency'>,
  tests: readonly PlannedTest[],
): string | undefined {
  const rps = config.traffic.maxRps;
  if (rps === undefined) return undefined;
  const sending = tests.filter((test) => !NOT_APPLICABLE.test(test.title));
  const latencyTests = sending.filter((test) => test.tags.includes(PERF_TAG)).length;
  const requests = sending.length + latencyTests * (config.latency.samples - 1);
  const perf = latencyTests === 0 ? '' : `, ${config.latency.samples} for DJ-PERF-01`;
  return (
    `Paced at ${rps} request${rps === 1 ? '' : 's'}/s for the whole run (ADT_MAX_RPS): about ${requests} request${requests === 1 ? '' : 's'} planned ` +
    `(one per test${perf}; identical GETs go out once per worker, so often fewer), so up to about ${duration(requests / rps)}. ` +
    'Set ADT_MAX_RPS to change the pace (0 = unpaced), if the target allows it.'
  );
}
