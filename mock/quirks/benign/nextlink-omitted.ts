import type { BenignQuirk } from '../quirk';

export const nextlinkOmitted: BenignQuirk = {
  name: 'nextlink-omitted',
  kind: 'benign',
  description: 'Omits nextLink on the last List page instead of sending null.',
  collection: (body) =>
    body.nextLink === null ? Object.fromEntries(Object.entries(body).filter(([name]) => name !== 'nextLink')) : body,
};
