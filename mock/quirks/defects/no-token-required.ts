import type { DefectQuirk } from '../quirk';

export const noTokenRequired: DefectQuirk = {
  name: 'no-token-required',
  kind: 'defect',
  targets: ['DJ-AUTH-01'],
  expectedMessage: /without an Authorization header must be rejected with 401/,
  description: 'Serves requests that carry no Authorization header at all.',
  authorize: (authorization, valid) => valid || authorization === undefined,
};
