import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const idTrimmedAndEchoed: DefectQuirk = {
  name: 'id-trimmed-and-echoed',
  kind: 'defect',
  targets: ['DJ-404-01', 'DJ-404-06'],
  description:
    'Trims spaces and dots around an unknown id, as some web servers do with path segments, and serves the job found under the requested id instead of a 404.',
  findJob: (id, found, world) => found ?? world.find(id.replace(/^[\s.]+|[\s.]+$/g, '')),
  response: onGetByIdJob((job, facts) => (facts.id === undefined ? job : { ...job, id: facts.id })),
};
