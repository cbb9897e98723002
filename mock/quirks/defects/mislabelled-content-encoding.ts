import type { DefectQuirk } from '../quirk';

export const mislabelledContentEncoding: DefectQuirk = {
  name: 'mislabelled-content-encoding',
  kind: 'defect',
  targets: ['DJ-JSON-01'],
  description:
    'Labels every 200 GetById body Content-Encoding: gzip but sends it plain, as a proxy that strips the coding and keeps the header would.',
  response: (draft, facts) => {
    if (facts.route === 'getById' && draft.status === 200) draft.headers['content-encoding'] = 'gzip';
  },
};
