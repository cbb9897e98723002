import type { BenignQuirk } from '../quirk';

export const noCharset: BenignQuirk = {
  name: 'no-charset',
  kind: 'benign',
  description: 'Sends content-type application/json without a charset parameter.',
  // Only the parameters go, so the media type keeps the case another benign variant gave it in the combined run.
  response: (draft) => {
    const type = draft.headers['content-type'];
    if (type !== undefined) draft.headers['content-type'] = type.split(';')[0]?.trim() ?? type;
  },
};
