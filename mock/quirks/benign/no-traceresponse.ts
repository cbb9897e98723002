import type { BenignQuirk } from '../quirk';

export const noTraceresponse: BenignQuirk = {
  name: 'no-traceresponse',
  kind: 'benign',
  description: 'Never sends a traceresponse header (it is optional).',
  response: (draft) => {
    draft.headers = Object.fromEntries(Object.entries(draft.headers).filter(([name]) => name !== 'traceresponse'));
  },
};
