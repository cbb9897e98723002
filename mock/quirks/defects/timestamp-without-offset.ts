import type { DefectQuirk } from '../quirk';
import { rewriteFinished } from './finished-timestamp';

export const timestampWithoutOffset: DefectQuirk = {
  name: 'timestamp-without-offset',
  kind: 'defect',
  targets: ['DJ-TIME-01'],
  description: 'Sends the finishedDateTime of failed jobs without any offset, e.g. 2024-05-20T08:01:00.0000000.',
  response: rewriteFinished((value) => value.replace(/\+00:00$/, '')),
};
