import type { Quirk } from './quirk';

export const noCharset: Quirk = {
  name: 'no-charset',
  kind: 'benign',
  description: 'Sends content-type application/json without a charset parameter.',
  response: (draft) => {
    if (draft.headers['content-type'] !== undefined) draft.headers['content-type'] = 'application/json';
  },
};
