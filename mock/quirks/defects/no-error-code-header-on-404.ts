import type { DefectQuirk } from '../quirk';
import { onNotFound } from './support';

export const noErrorCodeHeaderOn404: DefectQuirk = {
  name: 'no-error-code-header-on-404',
  kind: 'defect',
  targets: ['DJ-404-02'],
  expectedMessage: /no x-ms-error-code header/,
  description: 'Leaves out x-ms-error-code on the 404 DeleteJobNotFound, as live sibling APIs were seen doing.',
  response: onNotFound((draft) => {
    draft.headers = Object.fromEntries(Object.entries(draft.headers).filter(([name]) => name !== 'x-ms-error-code'));
  }),
};
