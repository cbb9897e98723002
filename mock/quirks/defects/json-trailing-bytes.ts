import type { DefectQuirk } from '../quirk';

export const jsonTrailingBytes: DefectQuirk = {
  name: 'json-trailing-bytes',
  kind: 'defect',
  targets: ['DJ-JSON-01'],
  description: 'Appends a stray "0" after the JSON value of every 404 body, as a chunked-encoding bug would.',
  response: (draft) => {
    if (draft.status === 404 && /^application\/json/i.test(draft.headers['content-type'] ?? ''))
      draft.body = `${draft.body}0`;
  },
};
