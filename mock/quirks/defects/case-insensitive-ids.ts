import type { DefectQuirk } from '../quirk';

export const caseInsensitiveIds: DefectQuirk = {
  name: 'case-insensitive-ids',
  kind: 'defect',
  targets: ['DJ-CASE-01'],
  expectedMessage: /ids are case sensitive, so it must answer 404/,
  description: 'Falls back to a case-insensitive id match when no job has the exact id.',
  findJob: (id, found, world) => {
    if (found) return found;
    const wanted = id.toLowerCase();
    return world.visible(world.clock.now()).find((job) => job.id.toLowerCase() === wanted);
  },
};
