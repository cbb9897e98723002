import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { DefectQuirk } from '../quirk';
import { onGetByIdJob } from './support';

/** One second earlier: still valid and still before finish and purge. */
function secondEarlier(value: string): string {
  const ms = parseRfc3339(value);
  return ms === undefined ? value : formatServiceTimestamp(ms - 1000);
}

export const getByIdDisagreesWithList: DefectQuirk = {
  name: 'get-by-id-disagrees-with-list',
  kind: 'defect',
  targets: ['DJ-LIST-04'],
  description:
    'GetById of a succeeded job returns a createdDateTime other than the one List shows, as a stale read replica would.',
  response: onGetByIdJob((job) =>
    job.status === 'succeeded' && typeof job.createdDateTime === 'string'
      ? { ...job, createdDateTime: secondEarlier(job.createdDateTime) }
      : job,
  ),
};
