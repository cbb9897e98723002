import type { DefectQuirk } from '../quirk';

export const duplicateMemberNames: DefectQuirk = {
  name: 'duplicate-member-names',
  kind: 'defect',
  targets: ['DJ-JSON-02'],
  description:
    'Starts every 200 GetById body with a second "status" member ("running"); JSON.parse keeps the real one, which comes last.',
  response: (draft, facts) => {
    if (facts.route === 'getById' && draft.status === 200 && draft.body.startsWith('{"'))
      draft.body = `{"status":"running",${draft.body.slice(1)}`;
  },
};
