import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const nullUnsetProperties: DefectQuirk = {
  name: 'null-unset-properties',
  kind: 'defect',
  targets: ['DJ-200-02'],
  description:
    'Sends the unset finishedDateTime and error of running jobs as JSON null on GetById, though the schema types them as string and object.',
  response: onGetByIdJob((job) => (job.status === 'running' ? { ...job, finishedDateTime: null, error: null } : job)),
};
