import type { DefectQuirk } from '../quirk';
import { isTerminal, onGetByIdJob } from './support';

export const finishedOnRunningJob: DefectQuirk = {
  name: 'finished-on-running-job',
  kind: 'defect',
  targets: ['DJ-STATE-01'],
  description: 'Gives notstarted and running jobs a finishedDateTime (equal to createdDateTime) on GetById.',
  response: onGetByIdJob((job) => (isTerminal(job) ? job : { ...job, finishedDateTime: job.createdDateTime })),
};
