import type { Quirk } from './quirk';

export const caseInsensitiveIds: Quirk = {
  name: 'case-insensitive-ids',
  kind: 'defect',
  description: 'Falls back to a case-insensitive id match when no job has the exact id.',
  findJob: (id, found, world) => {
    if (found) return found;
    const wanted = id.toLowerCase();
    return world.visible(world.clock.now()).find((job) => job.id.toLowerCase() === wanted);
  },
};
