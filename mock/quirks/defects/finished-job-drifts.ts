import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { DefectQuirk } from '../quirk';
import { onGetByIdJob, readCounter } from './support';

const readOf = readCounter();
const ONE_HOUR_MS = 3_600_000;

/** Only from the third read on, so the first reads (and List, which it leaves alone) still agree. */
const STEADY_READS = 2;

export const finishedJobDrifts: DefectQuirk = {
  name: 'finished-job-drifts',
  kind: 'defect',
  targets: ['DJ-STATE-05'],
  description:
    "Recomputes a failed job's purgeDateTime on GetById once it has been read twice: an hour later with every further read.",
  response: onGetByIdJob((job, facts) => {
    const purge = parseRfc3339(String(job.purgeDateTime));
    if (job.status !== 'failed' || purge === undefined) return job;
    const drift = Math.max(0, readOf(facts, job.id) - STEADY_READS + 1);
    return drift === 0 ? job : { ...job, purgeDateTime: formatServiceTimestamp(purge + drift * ONE_HOUR_MS) };
  }),
};
