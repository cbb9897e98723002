import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import { onEveryJob, readCounter } from '../defects/support';
import type { BenignQuirk } from '../quirk';

const readOf = readCounter();
const ONE_MINUTE_MS = 60_000;
const RETENTION_MS = 30 * 24 * 3_600_000;

export const finishesWhilePolled: BenignQuirk = {
  name: 'finishes-while-polled',
  kind: 'benign',
  description:
    'A running job finishes during the run: from its third read on (GetById or List) it is succeeded, a minute after it was created.',
  response: onEveryJob((job, facts) => {
    const created = parseRfc3339(String(job.createdDateTime));
    if (job.status !== 'running' || created === undefined || readOf(facts, job.id) < 2) return job;
    const finished = created + ONE_MINUTE_MS;
    return {
      ...job,
      status: 'succeeded',
      finishedDateTime: formatServiceTimestamp(finished),
      purgeDateTime: formatServiceTimestamp(finished + RETENTION_MS),
    };
  }),
};
