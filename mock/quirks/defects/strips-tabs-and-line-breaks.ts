import type { DefectQuirk } from '../quirk';

const CONTROL_WHITESPACE = /[\t\n\v\f\r]/g;

export const stripsTabsAndLineBreaks: DefectQuirk = {
  name: 'strips-tabs-and-line-breaks',
  kind: 'defect',
  targets: ['DJ-404-06'],
  description:
    'Removes tabs and line breaks from the id before the lookup, as a sanitiser against log or header injection does, so deletejob1%0A is answered with deletejob1.',
  findJob: (id, found, world) => {
    const stripped = id.replace(CONTROL_WHITESPACE, '');
    return found ?? (stripped === id ? undefined : world.find(stripped));
  },
};
