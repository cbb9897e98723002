import type { Quirk } from './quirk';

export const noTokenRequired: Quirk = {
  name: 'no-token-required',
  kind: 'defect',
  description: 'Serves requests that carry no Authorization header at all.',
  authorize: (authorization, valid) => valid || authorization === undefined,
};
