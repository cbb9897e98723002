import type { DefectQuirk } from '../quirk';
import { onNotFound, withError } from './support';

/** Plain ids only, so the odd ids (DJ-ODD-03) still get a valid ErrorResponse. */
const PLAIN_ID = /^[A-Za-z0-9-]{1,64}$/;

export const notFoundStringInnererror: DefectQuirk = {
  name: 'not-found-string-innererror',
  kind: 'defect',
  targets: ['DJ-404-01'],
  description:
    'Sends innererror as a plain string, which the ErrorResponse schema does not allow, in the 404 for an unknown plain id.',
  response: onNotFound((draft, facts) => {
    if (PLAIN_ID.test(facts.id ?? ''))
      withError(draft, (error) => ({ ...error, innererror: 'No delete job has this id.' }));
  }),
};
