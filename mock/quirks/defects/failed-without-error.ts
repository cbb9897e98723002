import type { DefectQuirk } from '../quirk';
import { omit, onGetByIdJob } from './support';

export const failedWithoutError: DefectQuirk = {
  name: 'failed-without-error',
  kind: 'defect',
  targets: ['DJ-STATE-02'],
  description: 'Omits the error from failed jobs on GetById.',
  response: onGetByIdJob((job) => (job.status === 'failed' ? omit(job, 'error') : job)),
};
