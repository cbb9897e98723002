import type { BenignQuirk } from '../quirk';

export const noDateHeader: BenignQuirk = {
  name: 'no-date-header',
  kind: 'benign',
  description: 'Sends no Date header (RFC 9110 lets a server without a clock omit it): the suite uses its own clock.',
  response: (draft) => {
    draft.headers = Object.fromEntries(Object.entries(draft.headers).filter(([name]) => name !== 'date'));
  },
};
