import type { DefectQuirk } from '../quirk';
import { rewriteFinished } from './finished-timestamp';

export const february30: DefectQuirk = {
  name: 'february-30',
  kind: 'defect',
  targets: ['DJ-TIME-01'],
  description:
    'Dates the finish of failed jobs on 30 February, a date no calendar has, e.g. 2024-02-30T08:01:00.0000000+00:00.',
  response: rewriteFinished((value) => `${value.slice(0, 4)}-02-30${value.slice(10)}`),
};
