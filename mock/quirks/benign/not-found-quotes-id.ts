import { onNotFound, withError } from '../defects/support';
import type { BenignQuirk } from '../quirk';

export const notFoundQuotesId: BenignQuirk = {
  name: 'not-found-quotes-id',
  kind: 'benign',
  description:
    'Quotes the requested id, as decoded, in the message of every 404 DeleteJobNotFound, so no two of them read alike.',
  response: onNotFound((draft, facts) => {
    withError(draft, (error) => ({
      ...error,
      message: `The delete job ${JSON.stringify(facts.id ?? '')} was not found.`,
    }));
  }),
};
