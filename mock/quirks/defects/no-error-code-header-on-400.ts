import type { DefectQuirk } from '../quirk';

export const noErrorCodeHeaderOn400: DefectQuirk = {
  name: 'no-error-code-header-on-400',
  kind: 'defect',
  targets: ['DJ-404-02'],
  description: 'Leaves out x-ms-error-code on 400 responses only, while 404s keep it.',
  response: (draft) => {
    if (draft.status === 400)
      draft.headers = Object.fromEntries(Object.entries(draft.headers).filter(([name]) => name !== 'x-ms-error-code'));
  },
};
