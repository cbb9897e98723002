import type { DefectQuirk } from '../quirk';
import { requestHeader } from './support';

export const brokenLaterListPages: DefectQuirk = {
  name: 'broken-later-list-pages',
  kind: 'defect',
  targets: ['DJ-LIST-01'],
  description:
    'Sends List pages reached through nextLink as a bare JSON array when the client asked for small pages with max-items-per-page.',
  response: (draft, facts) => {
    const laterPage = new URLSearchParams(facts.query).has('continuationToken');
    if (
      facts.route === 'list' &&
      draft.status === 200 &&
      laterPage &&
      requestHeader(facts, 'max-items-per-page') !== undefined
    ) {
      draft.body = JSON.stringify((JSON.parse(draft.body) as { value: unknown[] }).value);
    }
  },
};
