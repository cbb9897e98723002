import type { DefectQuirk } from '../quirk';

export const textPlainContentType: DefectQuirk = {
  name: 'text-plain-content-type',
  kind: 'defect',
  targets: ['DJ-200-01'],
  description: 'Labels the 200 GetById body of failed jobs as text/plain although it is JSON.',
  response: (draft, facts) => {
    if (
      facts.route === 'getById' &&
      draft.status === 200 &&
      (JSON.parse(draft.body) as { status?: unknown }).status === 'failed'
    ) {
      draft.headers['content-type'] = 'text/plain; charset=utf-8';
    }
  },
};
