import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { DefectQuirk } from '../quirk';
import { onEveryJob } from './support';

const ONE_MINUTE_MS = 60_000;

export const finishedBeforeCreated: DefectQuirk = {
  name: 'finished-before-created',
  kind: 'defect',
  targets: ['DJ-TIME-02'],
  description:
    'Sends failed jobs (GetById and List pages alike) with a finishedDateTime one minute before their createdDateTime.',
  response: onEveryJob((job) => {
    const created = parseRfc3339(String(job.createdDateTime));
    if (job.status !== 'failed' || created === undefined) return job;
    return { ...job, finishedDateTime: formatServiceTimestamp(created - ONE_MINUTE_MS) };
  }),
};
