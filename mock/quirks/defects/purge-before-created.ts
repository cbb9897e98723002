import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export const purgeBeforeCreated: DefectQuirk = {
  name: 'purge-before-created',
  kind: 'defect',
  targets: ['DJ-TIME-02', 'DJ-TIME-03'],
  description: 'Sends running jobs on GetById with a purgeDateTime one day before their createdDateTime.',
  response: onGetByIdJob((job) => {
    const created = parseRfc3339(String(job.createdDateTime));
    return job.status !== 'running' || created === undefined ? job : { ...job, purgeDateTime: formatServiceTimestamp(created - ONE_DAY_MS) };
  }),
};
