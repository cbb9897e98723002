import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const errorOnSucceededJob: DefectQuirk = {
  name: 'error-on-succeeded-job',
  kind: 'defect',
  targets: ['DJ-STATE-02'],
  description: 'Adds a well-formed error to succeeded jobs on GetById.',
  response: onGetByIdJob((job) =>
    job.status === 'succeeded'
      ? { ...job, error: { code: 'PartialFailure', message: 'Some twins could not be deleted.' } }
      : job,
  ),
};
