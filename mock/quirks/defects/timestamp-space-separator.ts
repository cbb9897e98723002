import type { DefectQuirk } from '../quirk';
import { rewriteFinished } from './finished-timestamp';

export const timestampSpaceSeparator: DefectQuirk = {
  name: 'timestamp-space-separator',
  kind: 'defect',
  targets: ['DJ-TIME-01'],
  expectedMessage: /must be a strict RFC 3339 date-time/,
  description:
    'Separates date and time in the finishedDateTime of failed jobs with a space instead of T, e.g. 2024-05-20 08:01:00.0000000+00:00.',
  response: rewriteFinished((value) => value.replace('T', ' ')),
};
