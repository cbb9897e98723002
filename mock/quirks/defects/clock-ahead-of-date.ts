import { latestStampIn } from '../../timestamps';
import type { DefectQuirk } from '../quirk';

const ONE_HOUR_MS = 3_600_000;

export const clockAheadOfDate: DefectQuirk = {
  name: 'clock-ahead-of-date',
  kind: 'defect',
  targets: ['DJ-TIME-04'],
  description:
    'Stamps jobs an hour ahead of its own clock (local time written as UTC): the Date header of a response is an hour before its latest createdDateTime or finishedDateTime.',
  response: (draft, facts) => {
    if (draft.status !== 200 || (facts.route !== 'getById' && facts.route !== 'list')) return;
    const latest = latestStampIn(draft.body);
    if (latest !== undefined) draft.headers.date = new Date(latest - ONE_HOUR_MS).toUTCString();
  },
};
