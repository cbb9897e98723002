import type { BenignQuirk } from '../quirk';

const EXTRA_HEADERS = {
  'mise-correlation-id': '4f1c2a9e-0b7d-4c1e-9a55-3b0e6f0d2c11',
  'strict-transport-security': 'max-age=2592000',
  'x-ms-request-id': 'b6c1e0a2-5d3f-4e8a-9c7b-1a2b3c4d5e6f',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  vary: 'Accept-Encoding',
} as const;

export const extraResponseHeaders: BenignQuirk = {
  name: 'extra-response-headers',
  kind: 'benign',
  description:
    'Adds the extra response headers a real Azure front end sends, such as mise-correlation-id and strict-transport-security.',
  response: (draft) => {
    Object.assign(draft.headers, EXTRA_HEADERS);
  },
};
