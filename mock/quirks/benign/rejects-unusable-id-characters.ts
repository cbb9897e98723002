import { answerWithError } from '../defects/support';
import type { BenignQuirk } from '../quirk';

// eslint-disable-next-line no-control-regex
const UNUSABLE = /[/\u0000-\u001f\u007f]/;

export const rejectsUnusableIdCharacters: BenignQuirk = {
  name: 'rejects-unusable-id-characters',
  kind: 'benign',
  description:
    'Rejects an id holding a decoded path separator or a control character with 400 and an ErrorResponse, as Tomcat, Envoy and http.sys refuse such paths.',
  response: (draft, facts) => {
    if (facts.route === 'getById' && facts.id !== undefined && UNUSABLE.test(facts.id))
      answerWithError(draft, 'MockInvalidIdCharacters');
  },
};
