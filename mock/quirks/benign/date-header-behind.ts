import { latestStampIn } from '../../timestamps';
import type { BenignQuirk } from '../quirk';

const TWO_MINUTES_MS = 120_000;

export const dateHeaderBehind: BenignQuirk = {
  name: 'date-header-behind',
  kind: 'benign',
  description:
    'Sends a Date header two minutes before the latest time stamp in the body: clocks two minutes apart, within the stated skew.',
  response: (draft, facts) => {
    if (draft.status !== 200 || (facts.route !== 'getById' && facts.route !== 'list')) return;
    const latest = latestStampIn(draft.body);
    if (latest !== undefined) draft.headers.date = new Date(latest - TWO_MINUTES_MS).toUTCString();
  },
};
