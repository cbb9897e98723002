import type { DefectQuirk } from '../quirk';
import { rewriteFinished } from './finished-timestamp';

export const offsetWithoutColon: DefectQuirk = {
  name: 'offset-without-colon',
  kind: 'defect',
  targets: ['DJ-TIME-01'],
  description:
    'Writes the finishedDateTime offset of failed jobs without its colon, e.g. 2024-05-20T08:01:00.0000000+0000.',
  response: rewriteFinished((value) => value.replace(/\+00:00$/, '+0000')),
};
