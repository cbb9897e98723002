import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

const ONE_MINUTE_MS = 60_000;

export const finishedBeforeCreated: DefectQuirk = {
  name: 'finished-before-created',
  kind: 'defect',
  targets: ['DJ-TIME-02'],
  description: 'Sends failed jobs on GetById with a finishedDateTime one minute before their createdDateTime.',
  response: onGetByIdJob((job) => {
    const created = parseRfc3339(String(job.createdDateTime));
    if (job.status !== 'failed' || created === undefined) return job;
    return { ...job, finishedDateTime: formatServiceTimestamp(created - ONE_MINUTE_MS) };
  }),
};
