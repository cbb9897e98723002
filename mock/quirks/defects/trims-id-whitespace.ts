import type { DefectQuirk } from '../quirk';

export const trimsIdWhitespace: DefectQuirk = {
  name: 'trims-id-whitespace',
  kind: 'defect',
  targets: ['DJ-ODD-02', 'DJ-404-01', 'DJ-404-06'],
  expectedMessage: /must not be answered with another job/,
  description: 'Trims spaces around the requested id, so "deletejob1 " is answered with the job deletejob1.',
  findJob: (id, found, world) => found ?? (id.trim() === id ? undefined : world.find(id.trim())),
};
