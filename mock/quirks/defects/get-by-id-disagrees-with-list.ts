import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

/** One second earlier, in the same RFC 3339 form: still valid and still before finish and purge. */
function secondEarlier(value: string): string {
  return value.replace(/:(\d{2})(?=[.Z+-])/, (_, seconds: string) => `:${String((Number(seconds) + 59) % 60).padStart(2, '0')}`);
}

export const getByIdDisagreesWithList: DefectQuirk = {
  name: 'get-by-id-disagrees-with-list',
  kind: 'defect',
  targets: ['DJ-LIST-04'],
  description: 'GetById of a succeeded job returns a createdDateTime other than the one List shows, as a stale read replica would.',
  response: onGetByIdJob((job) => (job.status === 'succeeded' && typeof job.createdDateTime === 'string' ? { ...job, createdDateTime: secondEarlier(job.createdDateTime) } : job)),
};
