import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const purgeEqualsCreated: DefectQuirk = {
  name: 'purge-equals-created',
  kind: 'defect',
  targets: ['DJ-TIME-03'],
  description: 'Sends purgeDateTime equal to createdDateTime for unfinished jobs on GetById, so the purge is not after the creation.',
  response: onGetByIdJob((job) => (job.finishedDateTime === undefined ? { ...job, purgeDateTime: job.createdDateTime } : job)),
};
