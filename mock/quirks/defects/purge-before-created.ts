import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { DefectQuirk } from '../quirk';
import { onEveryJob } from './support';

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export const purgeBeforeCreated: DefectQuirk = {
  name: 'purge-before-created',
  kind: 'defect',
  targets: ['DJ-TIME-02', 'DJ-TIME-03'],
  description:
    'Sends running jobs (GetById and List pages alike) with a purgeDateTime one day before their createdDateTime.',
  response: onEveryJob((job) => {
    const created = parseRfc3339(String(job.createdDateTime));
    return job.status !== 'running' || created === undefined
      ? job
      : { ...job, purgeDateTime: formatServiceTimestamp(created - ONE_DAY_MS) };
  }),
};
