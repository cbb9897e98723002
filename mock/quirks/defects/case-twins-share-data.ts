import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

export const caseTwinsShareData: DefectQuirk = {
  name: 'case-twins-share-data',
  kind: 'defect',
  targets: ['DJ-CASE-02', 'DJ-LIST-04'],
  description:
    'Serves the first of two ids that differ only in case for both of them, under the requested id, as a case-insensitive cache would.',
  findJob: (id, found, world) => {
    if (!found) return found;
    const folded = id.toLowerCase();
    return world.visible(world.clock.now()).find((job) => job.id.toLowerCase() === folded) ?? found;
  },
  response: onGetByIdJob((job, facts) => (facts.id === undefined ? job : { ...job, id: facts.id })),
};
