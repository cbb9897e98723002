import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const lowerCasedIdEcho: DefectQuirk = {
  name: 'lower-cased-id-echo',
  kind: 'defect',
  targets: ['DJ-200-05'],
  description: 'Returns the job id lower-cased on GetById, so an id with capitals comes back changed.',
  response: onGetByIdJob((job) => ({ ...job, id: String(job.id).toLowerCase() })),
};
