import type { DefectQuirk } from '../quirk';
import { omit, onGetByIdJob, type JobJson } from './support';

export const jobErrorWithoutCode: DefectQuirk = {
  name: 'job-error-without-code',
  kind: 'defect',
  targets: ['DJ-STATE-03'],
  description: 'Sends the error of failed jobs on GetById with a message but no code.',
  response: onGetByIdJob((job) => {
    if (typeof job.error !== 'object' || job.error === null) return job;
    return { ...job, error: omit(job.error as JobJson, 'code') };
  }),
};
