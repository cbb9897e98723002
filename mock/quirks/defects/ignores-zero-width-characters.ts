import type { DefectQuirk } from '../quirk';

const IGNORED = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

export const ignoresZeroWidthCharacters: DefectQuirk = {
  name: 'ignores-zero-width-characters',
  kind: 'defect',
  targets: ['DJ-404-06'],
  description:
    'Compares ids ignoring zero-width characters, soft hyphens and BOMs, as a collation giving them no weight does, so dele\u200btejob1 is answered with deletejob1.',
  findJob: (id, found, world) => {
    const stripped = id.replace(IGNORED, '');
    return found ?? (stripped === id ? undefined : world.find(stripped));
  },
};
