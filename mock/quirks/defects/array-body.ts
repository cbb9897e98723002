import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const arrayBody: DefectQuirk = {
  name: 'array-body',
  kind: 'defect',
  targets: ['DJ-200-02'],
  description: 'Answers GetById of a notstarted job with a JSON array holding the job instead of the job object.',
  response: onGetByIdJob((job) => (job.status === 'notstarted' ? [job] : job)),
};
