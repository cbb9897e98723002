import type { DefectQuirk } from '../quirk';

export const capitalisedStatus: DefectQuirk = {
  name: 'capitalised-status',
  kind: 'defect',
  targets: ['DJ-200-04', 'DJ-LIST-01'],
  description: 'Sends status values capitalised, e.g. "Succeeded" instead of "succeeded".',
  job: (body) => ({ ...body, status: body.status.charAt(0).toUpperCase() + body.status.slice(1) }),
};
