import type { DefectQuirk } from '../quirk';
import { onEveryJob } from './support';

export const purgeEqualsCreated: DefectQuirk = {
  name: 'purge-equals-created',
  kind: 'defect',
  targets: ['DJ-TIME-03'],
  description:
    'Sends purgeDateTime equal to createdDateTime for unfinished jobs (GetById and List pages alike), so the purge is not after the creation.',
  response: onEveryJob((job) =>
    job.finishedDateTime === undefined ? { ...job, purgeDateTime: job.createdDateTime } : job,
  ),
};
