import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const nullUnsetProperties: DefectQuirk = {
  name: 'null-unset-properties',
  kind: 'defect',
  description: 'Sends finishedDateTime and error as JSON null on GetById when they are not set, though the schema types them as string and object.',
  targets: ['DJ-200-02'],
  response: onGetByIdJob((job) => ({ finishedDateTime: null, error: null, ...job })),
};
