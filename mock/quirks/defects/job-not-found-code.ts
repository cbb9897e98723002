import type { DefectQuirk } from '../quirk';
import { onNotFound, withError } from './support';

const LIVE_SIBLING_CODE = 'JobNotFound';

export const jobNotFoundCode: DefectQuirk = {
  name: 'job-not-found-code',
  kind: 'defect',
  targets: ['DJ-404-03'],
  description:
    'Answers an unknown id with the code JobNotFound (in body and header alike) instead of DeleteJobNotFound.',
  response: onNotFound((draft) => {
    withError(draft, (error) => ({ ...error, code: LIVE_SIBLING_CODE }));
    draft.headers['x-ms-error-code'] = LIVE_SIBLING_CODE;
  }),
};
