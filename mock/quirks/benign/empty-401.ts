import type { BenignQuirk } from '../quirk';

export const empty401: BenignQuirk = {
  name: 'empty-401',
  kind: 'benign',
  description: 'Answers 401 with an empty body and no content-type (the 401 body is not part of the contract).',
  response: (draft) => {
    if (draft.status !== 401) return;
    draft.headers = Object.fromEntries(Object.entries(draft.headers).filter(([name]) => name !== 'content-type'));
    draft.body = '';
  },
};
