import type { DefectQuirk } from '../quirk';
import { answerWithError } from './support';

const MAX_STORED_ID_LENGTH = 256;

export const serverErrorOnLongIds: DefectQuirk = {
  name: 'server-error-on-long-ids',
  kind: 'defect',
  targets: ['DJ-ODD-01'],
  description: 'Fails with 500 on GetById for ids longer than 256 characters, as a too-narrow database column would.',
  response: (draft, facts) => {
    if (facts.route === 'getById' && (facts.id?.length ?? 0) > MAX_STORED_ID_LENGTH)
      answerWithError(draft, 'MockInternalError');
  },
};
