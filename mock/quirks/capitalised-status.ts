import type { Quirk } from './quirk';

export const capitalisedStatus: Quirk = {
  name: 'capitalised-status',
  kind: 'defect',
  description: 'Sends status values capitalised, e.g. "Succeeded" instead of "succeeded".',
  job: (body) => ({ ...body, status: body.status.charAt(0).toUpperCase() + body.status.slice(1) }),
};
