import type { DefectQuirk } from '../quirk';
import { omit, onGetByIdJob } from './support';

export const succeededWithoutFinished: DefectQuirk = {
  name: 'succeeded-without-finished',
  kind: 'defect',
  targets: ['DJ-STATE-01'],
  description: 'Omits finishedDateTime from succeeded jobs on GetById.',
  response: onGetByIdJob((job) => (job.status === 'succeeded' ? omit(job, 'finishedDateTime') : job)),
};
