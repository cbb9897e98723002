import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const statusFieldCase: DefectQuirk = {
  name: 'status-field-case',
  kind: 'defect',
  targets: ['DJ-200-03'],
  description: 'Names the status property of running jobs "Status" on GetById (JSON names are case-sensitive).',
  response: onGetByIdJob((job) =>
    job.status === 'running'
      ? Object.fromEntries(Object.entries(job).map(([key, value]) => [key === 'status' ? 'Status' : key, value]))
      : job,
  ),
};
