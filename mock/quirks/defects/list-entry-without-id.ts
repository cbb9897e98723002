import type { DefectQuirk } from '../quirk';
import { omit, type JobJson } from './support';

export const listEntryWithoutId: DefectQuirk = {
  name: 'list-entry-without-id',
  kind: 'defect',
  targets: ['DJ-LIST-02', 'DJ-LIST-03'],
  description:
    'Leaves the id out of the List entries of failed jobs (GetById still serves them), so a client cannot tell which job an entry is.',
  collection: (body) => ({
    ...body,
    value: body.value.map((job) => ((job as JobJson).status === 'failed' ? omit(job as JobJson, 'id') : job)),
  }),
};
