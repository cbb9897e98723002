import type { DefectQuirk } from '../quirk';

function decodedAgain(id: string): string | undefined {
  try {
    const again = decodeURIComponent(id);
    return again === id ? undefined : again;
  } catch {
    return undefined;
  }
}

export const decodesIdTwice: DefectQuirk = {
  name: 'decodes-id-twice',
  kind: 'defect',
  targets: ['DJ-404-06'],
  description:
    'Percent-decodes the id a second time when no job has it, as a framework decode followed by a hand-written one does, so %2564eletejob1 is answered with deletejob1.',
  findJob: (id, found, world) => {
    if (found) return found;
    const again = decodedAgain(id);
    return again === undefined ? undefined : world.find(again);
  },
};
