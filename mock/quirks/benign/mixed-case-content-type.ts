import type { BenignQuirk } from '../quirk';

export const mixedCaseContentType: BenignQuirk = {
  name: 'mixed-case-content-type',
  kind: 'benign',
  description:
    'Writes the JSON content type in mixed case, Application/JSON; Charset=UTF-8 (media types are case-insensitive).',
  response: (draft) => {
    if (draft.headers['content-type']?.startsWith('application/json'))
      draft.headers['content-type'] = 'Application/JSON; Charset=UTF-8';
  },
};
