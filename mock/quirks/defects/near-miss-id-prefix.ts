import type { DefectQuirk } from '../quirk';

export const nearMissIdPrefix: DefectQuirk = {
  name: 'near-miss-id-prefix',
  kind: 'defect',
  targets: ['DJ-404-05'],
  description:
    'Answers an unknown id with the first job whose id starts with it (deletejob → deletejob1), as a prefix index lookup would.',
  findJob: (id, found, world) =>
    found ?? (id === '' ? undefined : world.visible(world.clock.now()).find((job) => job.id.startsWith(id))),
};
