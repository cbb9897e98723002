import type { DefectQuirk } from '../quirk';

export const nfkcNormalisedIds: DefectQuirk = {
  name: 'nfkc-normalised-ids',
  kind: 'defect',
  targets: ['DJ-404-06'],
  description:
    'Looks the id up after Unicode NFKC normalisation, as a width-insensitive collation does, so ｄeletejob1 (fullwidth d) is answered with deletejob1.',
  findJob: (id, found, world) => found ?? (id.normalize('NFKC') === id ? undefined : world.find(id.normalize('NFKC'))),
};
