import { withError } from '../defects/support';
import type { BenignQuirk } from '../quirk';

export const apiVersionErrorQuotesValue: BenignQuirk = {
  name: 'api-version-error-quotes-value',
  kind: 'benign',
  description:
    'Quotes the rejected api-version values in the 400 UnsupportedApiVersionValue and names the parameter as its target.',
  response: (draft, facts) => {
    if (draft.status !== 400 || draft.headers['x-ms-error-code'] !== 'UnsupportedApiVersionValue') return;
    const values = new URLSearchParams(facts.query).getAll('api-version');
    withError(draft, (error) => ({
      ...error,
      message: `The api-version ${JSON.stringify(values)} is not supported.`,
      target: 'api-version',
    }));
  },
};
