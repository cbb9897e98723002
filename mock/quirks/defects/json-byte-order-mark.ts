import type { DefectQuirk } from '../quirk';

export const jsonByteOrderMark: DefectQuirk = {
  name: 'json-byte-order-mark',
  kind: 'defect',
  targets: ['DJ-JSON-01'],
  description:
    'Prefixes every JSON body with a UTF-8 byte order mark, which RFC 8259 section 8.1 forbids (parsers such as JSON.parse reject it).',
  response: (draft) => {
    if (/^application\/json/i.test(draft.headers['content-type'] ?? '')) draft.body = `\uFEFF${draft.body}`;
  },
};
