import type { BenignQuirk } from '../quirk';

export const plainText401: BenignQuirk = {
  name: 'plain-text-401',
  kind: 'benign',
  description: 'Answers 401 with a text/plain body "Unauthorized" (the 401 body is not part of the contract).',
  response: (draft) => {
    if (draft.status !== 401) return;
    draft.headers['content-type'] = 'text/plain';
    draft.body = 'Unauthorized';
  },
};
