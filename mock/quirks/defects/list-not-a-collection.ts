import type { DefectQuirk } from '../quirk';

export const listNotACollection: DefectQuirk = {
  name: 'list-not-a-collection',
  kind: 'defect',
  targets: ['DJ-LIST-01'],
  description: 'Answers List with a bare JSON array of jobs instead of a DeleteJobCollection.',
  collection: (body) => body.value,
};
